using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    // Replay and compaction: the session state is rebuilt from these records at boot and written
    // again, live records only, when the journal compacts.
    public sealed partial class SessionRecords : IJournalState
    {
        /// <inheritdoc/>
        public void Clear()
        {
            _state.Clear();
        }

        /// <inheritdoc/>
        public void Replay(int type, byte[] b, int p, int length, int recordOffset)
        {
            if (type <= RecordType.Dropped) ReplayOutgoing(type, b, p, length, recordOffset);
            else if (type == RecordType.Incoming) ReplayRead(b, p, length);
            else if (type == RecordType.Received || type == RecordType.Released || type == RecordType.AppState || type == RecordType.ReceivedRun) ReplayIncoming(type, b, p, length);
            else ReplaySession(type, b, p);
        }

        private void ReplayOutgoing(int type, byte[] b, int p, int length, int recordOffset)
        {
            InflightTable inflight = _state.Inflight;
            Outbox outbox = _state.Outbox;
            if (type == RecordType.Message)
            {
                uint number = Journal.GetU32(b, p + RecordType.MessageNumberAt);
                ushort id = GetU16(b, p + RecordType.PacketIdAt);
                int qos = b[p + RecordType.FlagsAt] & 3;
                uint hash = TopicHash(b, p);
                int size = Journal.RecordOverhead + length;
                if (id == 0) outbox.Add(number, recordOffset, size, hash);
                else inflight.Add(id, number, qos == 1 ? InflightTable.AwaitingPubAck : InflightTable.AwaitingPubRec, recordOffset, size, hash);
                if (number >= _state.NextMessageNumber) _state.NextMessageNumber = number + 1;
                return;
            }
            if (type == RecordType.Sent || type == RecordType.Dropped)
            {
                int q = outbox.IndexOf(Journal.GetU32(b, p));
                if (q < 0) return;
                if (type == RecordType.Sent) _state.PromoteAt(q, GetU16(b, p + 4), b[p + 6]);
                else outbox.RemoveAt(q);
                return;
            }
            int i = inflight.IndexOf(GetU16(b, p));
            if (i < 0) return;
            if (type == RecordType.PubRecReceived) inflight.SetState(i, InflightTable.AwaitingPubComp);
            else if (type == RecordType.Completed) inflight.RemoveAt(i);
        }

        private void ReplayIncoming(int type, byte[] b, int p, int length)
        {
            if (type == RecordType.AppState)
            {
                _state.AppState.Set(b, p, length);
                return;
            }
            if (type == RecordType.Received)
            {
                _state.Incoming.Add(GetU16(b, p));
                _state.AppState.Set(b, p + 2, length - 2);
                return;
            }
            if (type == RecordType.ReceivedRun)
            {
                for (int id = GetU16(b, p); id <= GetU16(b, p + 2); id++) _state.Incoming.Add((ushort)id);
                return;
            }
            _state.Incoming.Remove(GetU16(b, p));
        }

        // One read's changes in the order they were made, then the application state they left.
        private void ReplayRead(byte[] b, int p, int length)
        {
            int changes = GetU16(b, p);
            int kinds = p + 2;
            int ids = kinds + (changes + 7) / 8;
            int end = p + length;
            if (ids + 2 * changes > end) return;
            for (int i = 0; i < changes; i++)
            {
                ushort id = GetU16(b, ids + 2 * i);
                if ((b[kinds + i / 8] & (1 << (i % 8))) != 0) _state.Incoming.Remove(id);
                else _state.Incoming.Add(id);
            }
            for (int q = ids + 2 * changes; q < end && b[q] > 0 && q + 1 + b[q] <= end; q += 1 + b[q]) _state.AppState.Set(b, q + 1, b[q]);
        }

        private void ReplaySession(int type, byte[] b, int p)
        {
            switch (type)
            {
                case RecordType.IdReserve:
                    _state.Ids.Restore(GetU16(b, p));
                    break;
                case RecordType.Subscribed:
                    _state.Fingerprint = Journal.GetU32(b, p);
                    _state.HasFingerprint = true;
                    break;
                case RecordType.SessionReset:
                    _state.ResetProtocolState(b[p] == 1);
                    break;
                case RecordType.SessionEnded:
                    _state.EndEverything();
                    break;
                case RecordType.SessionEndConfirmed:
                    _state.EndPending = false;
                    break;
            }
        }

        /// <inheritdoc/>
        public JournalStatus WriteLive(Journal journal)
        {
            JournalStatus st = IdReserve((ushort)_state.Ids.ReservedEnd);
            if (st == JournalStatus.Ok && _state.EndPending) st = SessionEnded();
            if (st == JournalStatus.Ok && _state.HasFingerprint) st = Subscribed(_state.Fingerprint);
            for (int i = 0; i < _state.AppState.Count && st == JournalStatus.Ok; i++)
            {
                int offset;
                int length;
                byte[] value = _state.AppState.GetValue(i, out offset, out length);
                st = AppState(value, offset, length);
            }
            // The effects already live in the AppState records above.
            for (int k = 0; k < _state.Incoming.Runs && st == JournalStatus.Ok; k++) st = ReceivedRun(_state.Incoming.First(k), _state.Incoming.Last(k));
            return st == JournalStatus.Ok ? WriteLiveMessages() : st;
        }

        // Messages in number order, in flight or queued, so replay rebuilds both tables in order.
        private JournalStatus WriteLiveMessages()
        {
            int p = 0;
            int q = 0;
            while (p < _state.Inflight.Count || q < _state.Outbox.Count)
            {
                bool takeInflight = q >= _state.Outbox.Count || (p < _state.Inflight.Count && _state.Inflight.GetMessageNumber(p) < _state.Outbox.GetMessageNumber(q));
                int offset = takeInflight ? _state.Inflight.GetOffset(p) : _state.Outbox.GetOffset(q);
                JournalStatus st = MessageCopy(offset, takeInflight ? _state.Inflight.GetPacketId(p) : (ushort)0);
                if (st != JournalStatus.Ok) return st;
                if (!takeInflight)
                {
                    _state.Outbox.SetOffset(q++, LastOffset);
                    continue;
                }
                _state.Inflight.SetOffset(p, LastOffset);
                if (_state.Inflight.GetState(p) == InflightTable.AwaitingPubComp)
                {
                    st = PubRecReceived(_state.Inflight.GetPacketId(p));
                    if (st != JournalStatus.Ok) return st;
                }
                p++;
            }
            return JournalStatus.Ok;
        }

        /// <summary>CRC-32 of the topic of a Message record payload at <paramref name="p"/>.</summary>
        internal static uint TopicHash(byte[] b, int p)
        {
            return Crc32.Compute(b, p + RecordType.TopicAt, GetU16(b, p + RecordType.TopicLengthAt));
        }

        private static ushort GetU16(byte[] b, int p)
        {
            return (ushort)((b[p] << 8) | b[p + 1]);
        }
    }
}

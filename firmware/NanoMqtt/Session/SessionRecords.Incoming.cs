using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    // The incoming side's records: one per read, and compaction's runs of held ids.
    public sealed partial class SessionRecords
    {
        /// <summary>Payload bytes of the largest Incoming record: every acknowledgement a change, every key held.</summary>
        public static int IncomingMax(int acks, int keys, int effectCapacity)
        {
            return 2 + (acks + 7) / 8 + 2 * acks + keys * (1 + effectCapacity);
        }

        /// <summary>
        /// What one read changed of the incoming side, as one record (one CRC: all of it or none, on any
        /// file system): the ids held and released, in the order of the changes queued in
        /// <paramref name="acks"/> from <paramref name="from"/> on, and, when <paramref name="withStates"/>,
        /// every key of application state as it now is. <paramref name="wrote"/>: false when there was nothing to write.
        /// </summary>
        public JournalStatus Incoming(AckQueue acks, int from, AppStateTable states, bool withStates, out bool wrote)
        {
            wrote = false;
            int changes = 0;
            for (int i = from; i < acks.Count; i++) if (acks.IsChange(i)) changes++;
            int stateBytes = withStates ? StateBytes(states) : 0;
            if (changes == 0 && stateBytes == 0) return JournalStatus.Ok;
            int ids = P + 2 + (changes + 7) / 8;
            int total = ids - P + 2 * changes + stateBytes;
            JournalStatus st = _journal.BeginRecord(total);
            if (st != JournalStatus.Ok) return st;
            PutChanges(acks, from, changes, ids);
            if (withStates) PutStates(states, ids + 2 * changes);
            wrote = true;
            return _journal.CommitRecord(RecordType.Incoming, total);
        }

        /// <summary>Compaction only: incoming QoS 2 ids <paramref name="first"/> to <paramref name="last"/> delivered and not released.</summary>
        public JournalStatus ReceivedRun(ushort first, ushort last)
        {
            JournalStatus st = _journal.BeginRecord(4);
            if (st != JournalStatus.Ok) return st;
            PutU16(P, first);
            PutU16(P + 2, last);
            return _journal.CommitRecord(RecordType.ReceivedRun, 4);
        }

        // The count, a bit per change (set: released), then the ids, in the order they changed.
        private void PutChanges(AckQueue acks, int from, int changes, int ids)
        {
            PutU16(P, changes);
            System.Array.Clear(_b, P + 2, ids - P - 2);
            int n = 0;
            for (int i = from; i < acks.Count; i++)
            {
                if (!acks.IsChange(i)) continue;
                if (acks.IsRelease(i)) _b[P + 2 + n / 8] |= (byte)(1 << (n % 8));
                PutU16(ids + 2 * n, acks.IdAt(i));
                n++;
            }
        }

        private static int StateBytes(AppStateTable states)
        {
            int bytes = 0;
            for (int k = 0; k < states.Count; k++)
            {
                int offset;
                int length;
                states.GetValue(k, out offset, out length);
                bytes += 1 + length;
            }
            return bytes;
        }

        // Every key as its length, then its effect.
        private void PutStates(AppStateTable states, int q)
        {
            for (int k = 0; k < states.Count; k++)
            {
                int offset;
                int length;
                byte[] value = states.GetValue(k, out offset, out length);
                _b[q] = (byte)length;
                System.Array.Copy(value, offset, _b, q + 1, length);
                q += 1 + length;
            }
        }
    }
}

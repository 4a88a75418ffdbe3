using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    /// <summary>
    /// The client-side session state MQTT says a client keeps, in tables allocated once: rebuilt
    /// from the journal at boot and rewritten into it at compaction.
    /// </summary>
    public sealed class SessionState : IJournalState, IPacketIdsInUse
    {
        private readonly IMessageHandler _handler;
        private readonly SessionRecords _records;

        /// <summary>Sent, not completely acknowledged.</summary>
        public readonly InflightTable Inflight;
        /// <summary>Accepted, not yet sent.</summary>
        public readonly Outbox Outbox;
        /// <summary>Incoming QoS 2 ids awaiting PUBREL.</summary>
        public readonly IncomingQoS2Table Incoming;
        /// <summary>Packet id allocation.</summary>
        public readonly PacketIdAllocator Ids;
        /// <summary>The application's durable state (latest effect per key).</summary>
        public readonly AppStateTable AppState;

        /// <summary>Number the next accepted message gets.</summary>
        public uint NextMessageNumber = 1;
        /// <summary>Fingerprint of the subscription set the broker acknowledged, when <see cref="HasFingerprint"/>.</summary>
        public uint Fingerprint;
        /// <summary>True when a subscription set was acknowledged in this session.</summary>
        public bool HasFingerprint;
        /// <summary>The application ended the session and the broker has not been told yet.</summary>
        public bool EndPending;
        /// <summary>Packet id of a SUBSCRIBE awaiting SUBACK (0: none); kept out of the allocator's way.</summary>
        public ushort PendingSubscribeId;

        /// <summary>State sized by <paramref name="config"/>, rewritten through <paramref name="records"/> at compaction.</summary>
        public SessionState(SessionConfig config, IMessageHandler handler, SessionRecords records)
        {
            _handler = handler;
            _records = records;
            Inflight = new InflightTable(config.InflightCapacity);
            // Spare slots: a lost broker session moves every in-flight message back into the outbox.
            Outbox = new Outbox(config.OutboxMessages, config.OutboxBytes, config.InflightCapacity);
            Incoming = new IncomingQoS2Table(config.IncomingQoS2Capacity);
            Ids = new PacketIdAllocator(config.PacketIdBlock);
            AppState = new AppStateTable(config.AppStateKeys, config.EffectCapacity);
        }

        /// <summary>True when <paramref name="packetId"/> is held by an in-flight message or a pending SUBSCRIBE.</summary>
        public bool IsInUse(ushort packetId)
        {
            return packetId == PendingSubscribeId || Inflight.IndexOf(packetId) >= 0;
        }

        /// <summary>Neither in-flight messages, queued messages nor incoming QoS 2 ids.</summary>
        public bool IsEmpty
        {
            get { return Inflight.Count == 0 && Outbox.Count == 0 && Incoming.Count == 0; }
        }

        /// <inheritdoc/>
        public void Clear()
        {
            Inflight.Clear();
            Outbox.Clear();
            Incoming.Clear();
            AppState.Clear();
            Ids.Reset();
            NextMessageNumber = 1;
            HasFingerprint = false;
            Fingerprint = 0;
            EndPending = false;
        }

        /// <inheritdoc/>
        public void Replay(int type, byte[] b, int p, int length, int recordOffset)
        {
            switch (type)
            {
                case RecordType.Message:
                    {
                        uint number = Journal.GetU32(b, p + RecordType.MessageNumberAt);
                        ushort id = GetU16(b, p + RecordType.PacketIdAt);
                        int qos = b[p + RecordType.FlagsAt] & 3;
                        uint hash = TopicHash(b, p);
                        int size = Journal.RecordOverhead + length;
                        if (id == 0) Outbox.Add(number, recordOffset, size, hash);
                        else Inflight.Add(id, number, qos == 1 ? InflightTable.AwaitingPubAck : InflightTable.AwaitingPubRec, recordOffset, size, hash);
                        if (number >= NextMessageNumber) NextMessageNumber = number + 1;
                        break;
                    }
                case RecordType.Sent:
                    {
                        int i = Outbox.IndexOf(Journal.GetU32(b, p));
                        if (i >= 0) PromoteAt(i, GetU16(b, p + 4), b[p + 6]);
                        break;
                    }
                case RecordType.PubRecReceived:
                    {
                        int i = Inflight.IndexOf(GetU16(b, p));
                        if (i >= 0) Inflight.SetState(i, InflightTable.AwaitingPubComp);
                        break;
                    }
                case RecordType.Completed:
                    {
                        int i = Inflight.IndexOf(GetU16(b, p));
                        if (i >= 0) Inflight.RemoveAt(i);
                        break;
                    }
                case RecordType.Dropped:
                    {
                        int i = Outbox.IndexOf(Journal.GetU32(b, p));
                        if (i >= 0) Outbox.RemoveAt(i);
                        break;
                    }
                case RecordType.Received:
                    Incoming.Add(GetU16(b, p), recordOffset);
                    AppState.Set(b, p + 2, length - 2);
                    break;
                case RecordType.AppState:
                    AppState.Set(b, p, length);
                    break;
                case RecordType.Released:
                    {
                        int i = Incoming.IndexOf(GetU16(b, p));
                        if (i >= 0) Incoming.RemoveAt(i);
                        break;
                    }
                case RecordType.IdReserve:
                    Ids.Restore(GetU16(b, p));
                    break;
                case RecordType.Subscribed:
                    Fingerprint = Journal.GetU32(b, p);
                    HasFingerprint = true;
                    break;
                case RecordType.SessionReset:
                    ResetProtocolState(b[p] == 1);
                    break;
                case RecordType.SessionEnded:
                    AppState.Clear();
                    Inflight.Clear();
                    Outbox.Clear();
                    Incoming.Clear();
                    HasFingerprint = false;
                    EndPending = true;
                    break;
                case RecordType.SessionEndConfirmed:
                    EndPending = false;
                    break;
            }
        }

        /// <summary>Moves outbox entry <paramref name="index"/> into flight with <paramref name="packetId"/>.</summary>
        public void PromoteAt(int index, ushort packetId, int qos)
        {
            Inflight.Add(packetId, Outbox.GetMessageNumber(index), qos == 1 ? InflightTable.AwaitingPubAck : InflightTable.AwaitingPubRec,
                Outbox.GetOffset(index), Outbox.GetSize(index), Outbox.GetTopicHash(index));
            Outbox.RemoveAt(index);
        }

        /// <summary>
        /// The broker lost the session: incoming ids and the subscription are gone; in-flight messages
        /// go back to the outbox to be sent as new (or are dropped, by policy). Returns how many moved.
        /// </summary>
        public int ResetProtocolState(bool requeue)
        {
            int moved = Inflight.Count;
            for (int i = 0; i < Inflight.Count; i++)
            {
                if (requeue) Outbox.Add(Inflight.GetMessageNumber(i), Inflight.GetOffset(i), Inflight.GetSize(i), Inflight.GetTopicHash(i));
                else Outbox.DroppedAfterSessionLoss++;
            }
            Inflight.Clear();
            Incoming.Clear();
            HasFingerprint = false;
            return requeue ? moved : 0;
        }

        /// <inheritdoc/>
        public JournalStatus WriteLive(Journal journal)
        {
            JournalStatus st = _records.IdReserve((ushort)Ids.ReservedEnd);
            if (st == JournalStatus.Ok && EndPending) st = _records.SessionEnded();
            if (st == JournalStatus.Ok && HasFingerprint) st = _records.Subscribed(Fingerprint);
            for (int i = 0; i < AppState.Count && st == JournalStatus.Ok; i++)
            {
                int offset;
                int length;
                byte[] value = AppState.GetValue(i, out offset, out length);
                st = _records.AppState(value, offset, length);
            }
            for (int i = 0; i < Incoming.Count && st == JournalStatus.Ok; i++)
            {
                // The effect already lives in the AppState records above.
                st = _records.Received(Incoming.GetPacketId(i), null, 0, 0);
                if (st == JournalStatus.Ok) Incoming.SetOffset(i, _records.LastOffset);
            }
            return st == JournalStatus.Ok ? WriteLiveMessages() : st;
        }

        // Messages in number order, in flight or queued, so replay rebuilds both tables in order.
        private JournalStatus WriteLiveMessages()
        {
            int p = 0;
            int q = 0;
            while (p < Inflight.Count || q < Outbox.Count)
            {
                bool takeInflight = q >= Outbox.Count || (p < Inflight.Count && Inflight.GetMessageNumber(p) < Outbox.GetMessageNumber(q));
                int offset = takeInflight ? Inflight.GetOffset(p) : Outbox.GetOffset(q);
                JournalStatus st = _records.MessageCopy(offset, takeInflight ? Inflight.GetPacketId(p) : (ushort)0);
                if (st != JournalStatus.Ok) return st;
                if (!takeInflight)
                {
                    Outbox.SetOffset(q++, _records.LastOffset);
                    continue;
                }
                Inflight.SetOffset(p, _records.LastOffset);
                if (Inflight.GetState(p) == InflightTable.AwaitingPubComp)
                {
                    st = _records.PubRecReceived(Inflight.GetPacketId(p));
                    if (st != JournalStatus.Ok) return st;
                }
                p++;
            }
            return JournalStatus.Ok;
        }

        /// <summary>CRC-32 of the topic of a Message record payload at <paramref name="p"/>.</summary>
        public static uint TopicHash(byte[] b, int p)
        {
            return Crc32.Compute(b, p + RecordType.TopicAt, GetU16(b, p + RecordType.TopicLengthAt));
        }

        internal static ushort GetU16(byte[] b, int p)
        {
            return (ushort)((b[p] << 8) | b[p + 1]);
        }

        internal static void PutU16(byte[] b, int p, int v)
        {
            b[p] = (byte)(v >> 8);
            b[p + 1] = (byte)v;
        }
    }
}

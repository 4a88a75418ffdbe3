using NanoMqtt.Protocol;
using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    /// <summary>
    /// The only writer of the session's journal records: one method per record kind (layouts in
    /// <see cref="RecordType"/>), each building its payload in the journal's record buffer and
    /// adding it to the journal's open group. A record is urgent when a packet it announces must not
    /// leave before it is on flash; the others (a completion, a QoS 1 send, a subscription's
    /// acknowledgement, a policy drop) ride with the next commit, since losing one to a power cut
    /// only repeats what the protocol lets repeat. Message records are read back here too, into the same buffer:
    /// a message read stays valid until the next record is written. Replay and compaction live
    /// here too (SessionRecords.Replay.cs), so nothing else writes the record buffer.
    /// </summary>
    public sealed partial class SessionRecords
    {
        private const int P = Journal.PayloadAt;

        private readonly Journal _journal;
        private readonly SessionState _state;
        private readonly byte[] _b;

        /// <summary>Records of <paramref name="state"/>, written to <paramref name="journal"/>.</summary>
        public SessionRecords(Journal journal, SessionState state)
        {
            _journal = journal;
            _state = state;
            _b = journal.RecordBuffer;
        }

        /// <summary>Where the last record written starts (to read it back later).</summary>
        public int LastOffset
        {
            get { return _journal.LastRecordOffset; }
        }

        /// <summary>Largest record payload the journal takes (a message record must fit it).</summary>
        public int MaxRecord
        {
            get { return _journal.MaxPayload; }
        }

        /// <summary>Payload bytes of a Message record for this topic and payload.</summary>
        public static int MessageLength(Slice topic, Slice payload)
        {
            return RecordType.TopicAt + topic.Length + payload.Length;
        }

        /// <summary>An accepted outgoing message (packet id 0 while it waits in the outbox).</summary>
        public JournalStatus Message(uint number, int qos, bool retain, ushort packetId, Slice topic, Slice payload)
        {
            if (topic.Array == _b || payload.Array == _b) throw new System.ArgumentException("a message must not be built from the record buffer");
            int length = MessageLength(topic, payload);
            JournalStatus st = _journal.BeginRecord(length);
            if (st != JournalStatus.Ok) return st;
            Journal.PutU32(_b, P + RecordType.MessageNumberAt, number);
            _b[P + RecordType.FlagsAt] = (byte)(qos | (retain ? 4 : 0));
            PutU16(P + RecordType.PacketIdAt, packetId);
            PutU16(P + RecordType.TopicLengthAt, topic.Length);
            System.Array.Copy(topic.Array, topic.Offset, _b, P + RecordType.TopicAt, topic.Length);
            if (payload.Length > 0) System.Array.Copy(payload.Array, payload.Offset, _b, P + RecordType.TopicAt + topic.Length, payload.Length);
            return _journal.CommitRecord(RecordType.Message, length);
        }

        /// <summary>Compaction only: the message record at <paramref name="offset"/> again, now with <paramref name="packetId"/>.
        /// The read lands where the new record's payload goes, which is safe because nothing compacts while compacting.</summary>
        public JournalStatus MessageCopy(int offset, ushort packetId)
        {
            if (!_journal.IsCompacting) throw new System.InvalidOperationException("MessageCopy outside compaction");
            int length;
            if (!ReadMessage(offset, out length)) return JournalStatus.StorageFailed;
            JournalStatus st = _journal.BeginRecord(length);
            if (st != JournalStatus.Ok) return st;
            PutU16(P + RecordType.PacketIdAt, packetId);
            return _journal.CommitRecord(RecordType.Message, length);
        }

        /// <summary>A queued message was sent with <paramref name="packetId"/>.</summary>
        public JournalStatus Sent(uint number, ushort packetId, int qos)
        {
            JournalStatus st = _journal.BeginRecord(7);
            if (st != JournalStatus.Ok) return st;
            Journal.PutU32(_b, P, number);
            PutU16(P + 4, packetId);
            _b[P + 6] = (byte)qos;
            // A QoS 1 message whose send is forgotten goes again under a new id: a duplicate QoS 1 allows.
            // A QoS 2 one would reach the application twice.
            return _journal.CommitRecord(RecordType.Sent, 7, qos == 2);
        }

        /// <summary>PUBREC received for an outgoing QoS 2 message.</summary>
        public JournalStatus PubRecReceived(ushort packetId)
        {
            return Id(RecordType.PubRecReceived, packetId, true);
        }

        /// <summary>PUBACK or PUBCOMP received (or the message given up).</summary>
        public JournalStatus Completed(ushort packetId)
        {
            // Forgotten, it only makes the device send the PUBLISH (QoS 1) or PUBREL (QoS 2) once more.
            return Id(RecordType.Completed, packetId, false);
        }

        /// <summary>Packet ids reserved up to <paramref name="end"/> (exclusive).</summary>
        public JournalStatus IdReserve(ushort end)
        {
            return Id(RecordType.IdReserve, end, true);
        }

        /// <summary>A queued message dropped by policy.</summary>
        public JournalStatus Dropped(uint number)
        {
            return Number(RecordType.Dropped, number, false);
        }

        /// <summary>The broker acknowledged the subscription set with <paramref name="fingerprint"/>.</summary>
        public JournalStatus Subscribed(uint fingerprint)
        {
            return Number(RecordType.Subscribed, fingerprint, false);
        }

        /// <summary>Compaction only: a key of application state.</summary>
        public JournalStatus AppState(byte[] value, int offset, int length)
        {
            JournalStatus st = _journal.BeginRecord(length);
            if (st != JournalStatus.Ok) return st;
            System.Array.Copy(value, offset, _b, P, length);
            return _journal.CommitRecord(RecordType.AppState, length);
        }

        /// <summary>The broker lost the session; <paramref name="requeue"/>: in-flight messages go again as new.</summary>
        public JournalStatus SessionReset(bool requeue)
        {
            JournalStatus st = _journal.BeginRecord(1);
            if (st != JournalStatus.Ok) return st;
            _b[P] = (byte)(requeue ? 1 : 0);
            return _journal.CommitRecord(RecordType.SessionReset, 1);
        }

        /// <summary>The session is being ended on purpose.</summary>
        public JournalStatus SessionEnded()
        {
            return Empty(RecordType.SessionEnded, true);
        }

        /// <summary>The broker has been told the session ended.</summary>
        public JournalStatus SessionEndConfirmed()
        {
            return Empty(RecordType.SessionEndConfirmed, false);
        }

        /// <summary>Groups the journal lost to a refused write or commit so far.</summary>
        public int AbandonedGroups
        {
            get { return _journal.AbandonedGroups; }
        }

        /// <summary>Makes every record written so far durable (one commit, when any is waiting).</summary>
        public JournalStatus Commit()
        {
            return _journal.Commit();
        }

        /// <summary>Drops the open group, as a power cut would: the state goes back to what is on flash.</summary>
        public void Discard()
        {
            _journal.Discard();
        }

        /// <summary>Commits when a record waiting must be on flash before the next packet goes out.</summary>
        public JournalStatus CommitUrgent()
        {
            return _journal.MustCommit ? _journal.Commit() : JournalStatus.Ok;
        }

        /// <summary>Reads the message record at <paramref name="offset"/>; its fields are then read with the accessors below.</summary>
        public bool ReadMessage(int offset, out int length)
        {
            int type;
            return _journal.ReadRecord(offset, out type, out length) && type == RecordType.Message && length >= RecordType.TopicAt;
        }

        /// <summary>QoS of the message last read.</summary>
        public int ReadQoS
        {
            get { return _b[P + RecordType.FlagsAt] & 3; }
        }

        /// <summary>Retain flag of the message last read.</summary>
        public bool ReadRetain
        {
            get { return (_b[P + RecordType.FlagsAt] & 4) != 0; }
        }

        /// <summary>Topic of the message last read (a view of the record buffer).</summary>
        public Slice ReadTopic
        {
            get { return new Slice(_b, P + RecordType.TopicAt, GetU16(P + RecordType.TopicLengthAt)); }
        }

        /// <summary>Payload of the message last read, <paramref name="length"/> being the record's payload length.</summary>
        public Slice ReadPayload(int length)
        {
            int at = RecordType.TopicAt + GetU16(P + RecordType.TopicLengthAt);
            return new Slice(_b, P + at, length - at);
        }

        private JournalStatus Id(int type, ushort id, bool urgent)
        {
            JournalStatus st = _journal.BeginRecord(2);
            if (st != JournalStatus.Ok) return st;
            PutU16(P, id);
            return _journal.CommitRecord(type, 2, urgent);
        }

        private JournalStatus Number(int type, uint value, bool urgent)
        {
            JournalStatus st = _journal.BeginRecord(4);
            if (st != JournalStatus.Ok) return st;
            Journal.PutU32(_b, P, value);
            return _journal.CommitRecord(type, 4, urgent);
        }

        private JournalStatus Empty(int type, bool urgent)
        {
            JournalStatus st = _journal.BeginRecord(0);
            if (st != JournalStatus.Ok) return st;
            return _journal.CommitRecord(type, 0, urgent);
        }

        private void PutU16(int at, int value)
        {
            _b[at] = (byte)(value >> 8);
            _b[at + 1] = (byte)value;
        }

        private int GetU16(int at)
        {
            return (_b[at] << 8) | _b[at + 1];
        }
    }
}

namespace NanoMqtt.Session
{
    /// <summary>
    /// Outgoing QoS 1/2 messages sent and not yet completely acknowledged, in the order they were
    /// published (resend order). Fixed capacity; the message bodies stay on flash.
    /// </summary>
    public sealed class InflightTable
    {
        /// <summary>QoS 1 sent, awaiting PUBACK.</summary>
        public const byte AwaitingPubAck = 1;
        /// <summary>QoS 2 sent, awaiting PUBREC.</summary>
        public const byte AwaitingPubRec = 2;
        /// <summary>QoS 2 PUBREC received, PUBREL sent, awaiting PUBCOMP.</summary>
        public const byte AwaitingPubComp = 3;

        private readonly ushort[] _ids;
        private readonly byte[] _states;
        private readonly uint[] _messageNumbers;
        private readonly int[] _offsets;
        private readonly int[] _sizes;
        // Low 16 bits of each topic's CRC-32 (see Outbox).
        private readonly ushort[] _topicHashes;
        private int _count;

        /// <summary>A table of <paramref name="capacity"/> slots.</summary>
        public InflightTable(int capacity)
        {
            _ids = new ushort[capacity];
            _states = new byte[capacity];
            _messageNumbers = new uint[capacity];
            _offsets = new int[capacity];
            _sizes = new int[capacity];
            _topicHashes = new ushort[capacity];
        }

        /// <summary>Messages in flight.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Slots.</summary>
        public int Capacity
        {
            get { return _ids.Length; }
        }

        /// <summary>Adds a message, kept in message-number order; false when full.</summary>
        public bool Add(ushort packetId, uint messageNumber, byte state, int recordOffset, int size, uint topicHash)
        {
            if (_count == _ids.Length) return false;
            int i = _count;
            while (i > 0 && _messageNumbers[i - 1] > messageNumber)
            {
                Move(i - 1, i);
                i--;
            }
            _ids[i] = packetId;
            _messageNumbers[i] = messageNumber;
            _states[i] = state;
            _offsets[i] = recordOffset;
            _sizes[i] = size;
            _topicHashes[i] = (ushort)topicHash;
            _count++;
            return true;
        }

        /// <summary>Index of the message with this packet id, or -1.</summary>
        public int IndexOf(ushort packetId)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == packetId) return i;
            }
            return -1;
        }

        /// <summary>Removes slot <paramref name="index"/>, keeping the order.</summary>
        public void RemoveAt(int index)
        {
            for (int i = index; i < _count - 1; i++) Move(i + 1, i);
            _count--;
        }

        /// <summary>Empties the table.</summary>
        public void Clear()
        {
            _count = 0;
        }

        /// <summary>Packet id of slot <paramref name="index"/>.</summary>
        public ushort GetPacketId(int index)
        {
            return _ids[index];
        }

        /// <summary>State of slot <paramref name="index"/>.</summary>
        public byte GetState(int index)
        {
            return _states[index];
        }

        /// <summary>Sets the state of slot <paramref name="index"/>.</summary>
        public void SetState(int index, byte state)
        {
            _states[index] = state;
        }

        /// <summary>Message number of slot <paramref name="index"/>.</summary>
        public uint GetMessageNumber(int index)
        {
            return _messageNumbers[index];
        }

        /// <summary>Journal offset of the message's record.</summary>
        public int GetOffset(int index)
        {
            return _offsets[index];
        }

        /// <summary>Points slot <paramref name="index"/> at a new record (after compaction).</summary>
        public void SetOffset(int index, int recordOffset)
        {
            _offsets[index] = recordOffset;
        }

        /// <summary>Flash bytes of slot <paramref name="index"/>'s record.</summary>
        public int GetSize(int index)
        {
            return _sizes[index];
        }

        /// <summary>Topic hash of slot <paramref name="index"/>.</summary>
        public uint GetTopicHash(int index)
        {
            return _topicHashes[index];
        }

        private void Move(int from, int to)
        {
            _ids[to] = _ids[from];
            _sizes[to] = _sizes[from];
            _topicHashes[to] = _topicHashes[from];
            _messageNumbers[to] = _messageNumbers[from];
            _states[to] = _states[from];
            _offsets[to] = _offsets[from];
        }
    }
}

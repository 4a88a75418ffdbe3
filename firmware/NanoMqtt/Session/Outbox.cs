namespace NanoMqtt.Session
{
    /// <summary>
    /// QoS 1/2 messages accepted from the application and not yet sent, oldest first, bounded by
    /// count and by the flash bytes their records take. The bodies stay on flash.
    /// </summary>
    public sealed class Outbox
    {
        private readonly uint[] _messageNumbers;
        private readonly int[] _offsets;
        private readonly int[] _sizes;
        // Low 16 bits of each topic's CRC-32: a match is confirmed by reading the topic back.
        private readonly ushort[] _topicHashes;
        private readonly int _maxMessages;
        private readonly int _maxBytes;
        private int _count;
        private int _bytes;

        /// <summary>An outbox of at most <paramref name="maxMessages"/> messages and <paramref name="maxBytes"/> bytes.</summary>
        public Outbox(int maxMessages, int maxBytes)
            : this(maxMessages, maxBytes, 0)
        {
        }

        /// <summary>
        /// An outbox bounded to <paramref name="maxMessages"/> messages and <paramref name="maxBytes"/> bytes for new
        /// messages, with <paramref name="spare"/> slots more for messages already accepted that come back from flight
        /// when the broker loses the session (those are never refused; new messages make room by policy).
        /// </summary>
        public Outbox(int maxMessages, int maxBytes, int spare)
        {
            int slots = maxMessages + (spare > 0 ? spare : 0);
            _messageNumbers = new uint[slots];
            _offsets = new int[slots];
            _sizes = new int[slots];
            _topicHashes = new ushort[slots];
            _maxMessages = maxMessages;
            _maxBytes = maxBytes;
        }

        /// <summary>Messages waiting.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Flash bytes of the waiting messages.</summary>
        public int Bytes
        {
            get { return _bytes; }
        }

        /// <summary>Messages dropped because the outbox was full (oldest dropped, or replaced by topic).</summary>
        public int DroppedOldest;
        /// <summary>Messages refused because the outbox was full.</summary>
        public int DroppedNewest;
        /// <summary>Messages replaced by a newer one on the same topic.</summary>
        public int Replaced;
        /// <summary>Messages dropped after the broker lost the session (when not resent).</summary>
        public int DroppedAfterSessionLoss;

        /// <summary>True when a message of <paramref name="size"/> record bytes fits now.</summary>
        public bool HasRoomFor(int size)
        {
            return _count < _maxMessages && _bytes + size <= _maxBytes;
        }

        /// <summary>True when a message of this size could ever fit.</summary>
        public bool CanEverHold(int size)
        {
            return _maxMessages > 0 && size <= _maxBytes;
        }

        /// <summary>Appends a message (or inserts it in message-number order on replay or requeue); false when every slot, spare ones included, is taken.</summary>
        public bool Add(uint messageNumber, int recordOffset, int size, uint topicHash)
        {
            if (_count == _messageNumbers.Length) return false;
            int i = _count;
            while (i > 0 && _messageNumbers[i - 1] > messageNumber)
            {
                Move(i - 1, i);
                i--;
            }
            _messageNumbers[i] = messageNumber;
            _offsets[i] = recordOffset;
            _sizes[i] = size;
            _topicHashes[i] = (ushort)topicHash;
            _count++;
            _bytes += size;
            return true;
        }

        /// <summary>Index of the message with this number, or -1.</summary>
        public int IndexOf(uint messageNumber)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_messageNumbers[i] == messageNumber) return i;
            }
            return -1;
        }

        /// <summary>Index of the oldest message whose topic hashes to <paramref name="topicHash"/>, from <paramref name="start"/>, or -1.</summary>
        public int IndexOfTopic(uint topicHash, int start)
        {
            for (int i = start; i < _count; i++)
            {
                if (_topicHashes[i] == (ushort)topicHash) return i;
            }
            return -1;
        }

        /// <summary>Removes entry <paramref name="index"/>.</summary>
        public void RemoveAt(int index)
        {
            _bytes -= _sizes[index];
            for (int i = index; i < _count - 1; i++) Move(i + 1, i);
            _count--;
        }

        /// <summary>Empties the outbox (counters stay).</summary>
        public void Clear()
        {
            _count = 0;
            _bytes = 0;
        }

        /// <summary>Message number of entry <paramref name="index"/>.</summary>
        public uint GetMessageNumber(int index)
        {
            return _messageNumbers[index];
        }

        /// <summary>Journal offset of entry <paramref name="index"/>'s record.</summary>
        public int GetOffset(int index)
        {
            return _offsets[index];
        }

        /// <summary>Flash bytes of entry <paramref name="index"/>'s record.</summary>
        public int GetSize(int index)
        {
            return _sizes[index];
        }

        /// <summary>Topic hash of entry <paramref name="index"/>.</summary>
        public uint GetTopicHash(int index)
        {
            return _topicHashes[index];
        }

        /// <summary>Points entry <paramref name="index"/> at a new record (after compaction).</summary>
        public void SetOffset(int index, int recordOffset)
        {
            _offsets[index] = recordOffset;
        }

        private void Move(int from, int to)
        {
            _messageNumbers[to] = _messageNumbers[from];
            _offsets[to] = _offsets[from];
            _sizes[to] = _sizes[from];
            _topicHashes[to] = _topicHashes[from];
        }
    }
}

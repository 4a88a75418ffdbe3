namespace NanoMqtt.Session
{
    /// <summary>Packet ids of incoming QoS 2 messages delivered and not yet released by PUBREL.</summary>
    public sealed class IncomingQoS2Table
    {
        private readonly ushort[] _ids;
        private readonly int[] _offsets;
        private int _count;

        /// <summary>A table of <paramref name="capacity"/> ids.</summary>
        public IncomingQoS2Table(int capacity)
        {
            _ids = new ushort[capacity];
            _offsets = new int[capacity];
        }

        /// <summary>Ids held.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>True when no id fits.</summary>
        public bool IsFull
        {
            get { return _count == _ids.Length; }
        }

        /// <summary>Index of <paramref name="packetId"/>, or -1.</summary>
        public int IndexOf(ushort packetId)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == packetId) return i;
            }
            return -1;
        }

        /// <summary>Adds an id with the journal offset of its record; false when full.</summary>
        public bool Add(ushort packetId, int recordOffset)
        {
            if (_count == _ids.Length) return false;
            _ids[_count] = packetId;
            _offsets[_count] = recordOffset;
            _count++;
            return true;
        }

        /// <summary>Removes entry <paramref name="index"/>.</summary>
        public void RemoveAt(int index)
        {
            _count--;
            _ids[index] = _ids[_count];
            _offsets[index] = _offsets[_count];
        }

        /// <summary>Empties the table.</summary>
        public void Clear()
        {
            _count = 0;
        }

        /// <summary>Packet id of entry <paramref name="index"/>.</summary>
        public ushort GetPacketId(int index)
        {
            return _ids[index];
        }

        /// <summary>Journal offset of entry <paramref name="index"/>'s record.</summary>
        public int GetOffset(int index)
        {
            return _offsets[index];
        }

        /// <summary>Points entry <paramref name="index"/> at a new record (after compaction).</summary>
        public void SetOffset(int index, int recordOffset)
        {
            _offsets[index] = recordOffset;
        }
    }
}

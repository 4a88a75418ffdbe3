namespace NanoMqtt.Session
{
    /// <summary>Packet ids of incoming QoS 2 messages delivered and not yet released by PUBREL.</summary>
    public sealed class IncomingQoS2Table
    {
        private readonly ushort[] _ids;
        private int _count;

        /// <summary>A table of <paramref name="capacity"/> ids.</summary>
        public IncomingQoS2Table(int capacity)
        {
            _ids = new ushort[capacity];
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

        /// <summary>Adds an id; false when full.</summary>
        public bool Add(ushort packetId)
        {
            if (_count == _ids.Length) return false;
            _ids[_count] = packetId;
            _count++;
            return true;
        }

        /// <summary>Removes entry <paramref name="index"/>.</summary>
        public void RemoveAt(int index)
        {
            _count--;
            _ids[index] = _ids[_count];
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
    }
}

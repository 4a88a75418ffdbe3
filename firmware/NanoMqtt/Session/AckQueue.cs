using NanoMqtt.Protocol;

namespace NanoMqtt.Session
{
    /// <summary>Acknowledgements waiting to be sent (PUBACK, PUBREC, PUBREL, PUBCOMP), first in first out.</summary>
    public sealed class AckQueue
    {
        private readonly byte[] _types;
        private readonly ushort[] _ids;
        private readonly byte[] _reasons;
        private int _head;
        private int _count;

        /// <summary>A queue of <paramref name="capacity"/> acknowledgements.</summary>
        public AckQueue(int capacity)
        {
            _types = new byte[capacity];
            _ids = new ushort[capacity];
            _reasons = new byte[capacity];
        }

        /// <summary>Acknowledgements waiting.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Free slots.</summary>
        public int Free
        {
            get { return _types.Length - _count; }
        }

        /// <summary>Queues one; false when full.</summary>
        public bool Add(PacketType type, ushort packetId, byte reason)
        {
            if (_count == _types.Length) return false;
            int i = (_head + _count) % _types.Length;
            _types[i] = (byte)type;
            _ids[i] = packetId;
            _reasons[i] = reason;
            _count++;
            return true;
        }

        /// <summary>Takes the oldest into <paramref name="packet"/>; false when empty.</summary>
        public bool Take(AckPacket packet)
        {
            if (_count == 0) return false;
            packet.SetType((PacketType)_types[_head]);
            packet.PacketId = _ids[_head];
            packet.ReasonCode = _reasons[_head];
            _head = (_head + 1) % _types.Length;
            _count--;
            return true;
        }

        /// <summary>Drops everything (the connection is gone).</summary>
        public void Clear()
        {
            _head = 0;
            _count = 0;
        }
    }
}

using NanoMqtt.Protocol;

namespace NanoMqtt.Session
{
    /// <summary>
    /// Acknowledgements waiting to be sent (PUBACK, PUBREC, PUBREL, PUBCOMP), first in first out.
    /// A PUBREC for an id newly held and a PUBCOMP for an id released are marked as changes: the
    /// read's journal record lists them, in order (<see cref="SessionRecords.Incoming"/>).
    /// </summary>
    public sealed class AckQueue
    {
        // Packet types fit in 4 bits; the top bit of a queued type marks a change.
        private const int ChangeMark = 0x80;

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

        /// <summary>Queues a PUBREC for an id newly held or a PUBCOMP for an id released; false when full.</summary>
        public bool AddChange(PacketType type, ushort packetId)
        {
            if (!Add(type, packetId, 0)) return false;
            _types[(_head + _count - 1) % _types.Length] |= ChangeMark;
            return true;
        }

        /// <summary>True when the acknowledgement <paramref name="index"/> places from the oldest is a change.</summary>
        public bool IsChange(int index)
        {
            return (_types[(_head + index) % _types.Length] & ChangeMark) != 0;
        }

        /// <summary>True when change <paramref name="index"/> releases its id (a PUBCOMP) rather than holding it.</summary>
        public bool IsRelease(int index)
        {
            return (_types[(_head + index) % _types.Length] & ~ChangeMark) == (int)PacketType.PubComp;
        }

        /// <summary>Packet id of the acknowledgement <paramref name="index"/> places from the oldest.</summary>
        public ushort IdAt(int index)
        {
            return _ids[(_head + index) % _types.Length];
        }

        /// <summary>Takes the oldest into <paramref name="packet"/>; false when empty.</summary>
        public bool Take(AckPacket packet)
        {
            if (_count == 0) return false;
            packet.SetType((PacketType)(_types[_head] & ~ChangeMark));
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

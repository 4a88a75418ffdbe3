namespace NanoMqtt.Protocol
{
    /// <summary>What SUBSCRIBE and UNSUBSCRIBE share: a packet id, properties and a fixed-capacity list of topic filters.</summary>
    public abstract class FilterListPacket : Packet
    {
        private readonly SliceTable _filters;
        private readonly byte[] _options;
        private int _count;

        /// <summary>Packet identifier.</summary>
        public ushort PacketId;
        /// <summary>Properties (5.0).</summary>
        public readonly Properties Properties;

        /// <summary>A list of up to <paramref name="capacity"/> filters.</summary>
        protected FilterListPacket(int capacity, Properties properties)
        {
            _filters = new SliceTable(capacity);
            _options = new byte[capacity];
            Properties = properties;
        }

        internal override int HeaderFlags
        {
            get { return 0x02; }
        }

        /// <summary>Number of filters.</summary>
        public int Capacity
        {
            get { return _filters.Capacity; }
        }

        /// <summary>Filters held.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Filter <paramref name="index"/>.</summary>
        public Slice GetFilter(int index)
        {
            return _filters.Get(index);
        }

        /// <summary>Removes all filters.</summary>
        public void Clear()
        {
            _count = 0;
        }

        /// <summary>Options byte stored with filter <paramref name="index"/>.</summary>
        protected byte OptionsAt(int index)
        {
            return _options[index];
        }

        /// <summary>Adds a filter with its options byte; false when the capacity is used up.</summary>
        protected bool AddFilter(Slice filter, byte options)
        {
            if (_count == _filters.Capacity) return false;
            _filters.Set(_count, filter);
            _options[_count] = options;
            _count++;
            return true;
        }

        /// <summary>Checks the packet id, that there is a filter, and that each filter is valid.</summary>
        protected EncodeStatus CheckFilters()
        {
            if (PacketId == 0) return EncodeStatus.ZeroPacketId;
            if (_count == 0) return EncodeStatus.InvalidSubscription;
            for (int i = 0; i < _count; i++)
            {
                EncodeStatus st = CheckString(_filters.Get(i));
                if (st != EncodeStatus.Ok) return st;
                if (!Topic.IsValidFilter(_filters.Get(i))) return EncodeStatus.InvalidTopicFilter;
            }
            return EncodeStatus.Ok;
        }

        /// <summary>Reads the packet id and, for 5.0, the properties allowed by <paramref name="mask"/>; empties the list.</summary>
        protected DecodeStatus ReadHead(byte[] b, ref int p, int end, MqttVersion version, ulong mask)
        {
            DecodeStatus st = ReadPacketId(b, ref p, end, out PacketId);
            if (st != DecodeStatus.Ok) return st;
            Properties.Clear();
            _count = 0;
            return version == MqttVersion.V500 ? PropertyCodec.Read(b, ref p, end, Properties, mask, false) : DecodeStatus.Ok;
        }
    }
}

namespace NanoMqtt.Protocol
{
    /// <summary>UNSUBSCRIBE: the topic filters to remove.</summary>
    public sealed class UnsubscribePacket : Packet
    {
        private readonly Slice[] _filters;
        private int _count;

        /// <summary>Packet identifier.</summary>
        public ushort PacketId;
        /// <summary>User Properties (5.0).</summary>
        public readonly Properties Properties;

        /// <summary>An UNSUBSCRIBE holding up to <paramref name="capacity"/> filters, with its own property storage.</summary>
        public UnsubscribePacket(int capacity)
            : this(capacity, new Properties())
        {
        }

        /// <summary>An UNSUBSCRIBE holding up to <paramref name="capacity"/> filters, using the given property storage.</summary>
        public UnsubscribePacket(int capacity, Properties properties)
        {
            _filters = new Slice[capacity];
            Properties = properties;
        }

        /// <inheritdoc/>
        public override PacketType Type
        {
            get { return PacketType.Unsubscribe; }
        }

        internal override int HeaderFlags
        {
            get { return 0x02; }
        }

        /// <summary>Number of filters.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Filter <paramref name="index"/>.</summary>
        public Slice GetFilter(int index)
        {
            return _filters[index];
        }

        /// <summary>Removes all filters.</summary>
        public void Clear()
        {
            _count = 0;
        }

        /// <summary>Adds a filter; false when the capacity is used up.</summary>
        public bool Add(Slice filter)
        {
            if (_count == _filters.Length) return false;
            _filters[_count++] = filter;
            return true;
        }

        internal override EncodeStatus Check(MqttVersion version)
        {
            if (PacketId == 0) return EncodeStatus.ZeroPacketId;
            if (_count == 0) return EncodeStatus.InvalidSubscription;
            for (int i = 0; i < _count; i++)
            {
                EncodeStatus st = CheckString(_filters[i]);
                if (st != EncodeStatus.Ok) return st;
                if (!Topic.IsValidFilter(_filters[i])) return EncodeStatus.InvalidTopicFilter;
            }
            return version == MqttVersion.V500 ? PropertyCodec.Check(Properties, PropertyCodec.UnsubscribeMask, 0) : EncodeStatus.Ok;
        }

        internal override void WriteBody(byte[] b, ref int p, MqttVersion version)
        {
            ByteWriter.U16(b, ref p, PacketId);
            if (version == MqttVersion.V500) PropertyCodec.Write(b, ref p, Properties);
            for (int i = 0; i < _count; i++) ByteWriter.Prefixed(b, ref p, _filters[i]);
        }

        internal override DecodeStatus ReadBody(byte[] b, int p, int end, int flags, MqttVersion version)
        {
            DecodeStatus st = ReadPacketId(b, ref p, end, out PacketId);
            if (st != DecodeStatus.Ok) return st;
            Properties.Clear();
            if (version == MqttVersion.V500)
            {
                st = PropertyCodec.Read(b, ref p, end, Properties, PropertyCodec.UnsubscribeMask, false);
                if (st != DecodeStatus.Ok) return st;
            }
            _count = 0;
            while (p < end)
            {
                Slice filter;
                st = ByteReader.String(b, ref p, end, out filter);
                if (st != DecodeStatus.Ok) return st;
                if (!Topic.IsValidFilter(filter)) return DecodeStatus.InvalidTopicFilter;
                if (!Add(filter)) return DecodeStatus.TooManyEntries;
            }
            return _count == 0 ? DecodeStatus.EmptyList : DecodeStatus.Ok;
        }
    }
}

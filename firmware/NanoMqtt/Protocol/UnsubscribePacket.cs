namespace NanoMqtt.Protocol
{
    /// <summary>UNSUBSCRIBE: the topic filters to remove.</summary>
    public sealed class UnsubscribePacket : FilterListPacket
    {
        /// <summary>An UNSUBSCRIBE holding up to <paramref name="capacity"/> filters, with its own property storage.</summary>
        public UnsubscribePacket(int capacity)
            : this(capacity, new Properties())
        {
        }

        /// <summary>An UNSUBSCRIBE holding up to <paramref name="capacity"/> filters, using the given property storage.</summary>
        public UnsubscribePacket(int capacity, Properties properties)
            : base(capacity, properties)
        {
        }

        /// <inheritdoc/>
        public override PacketType Type
        {
            get { return PacketType.Unsubscribe; }
        }

        /// <summary>Adds a filter; false when the capacity is used up.</summary>
        public bool Add(Slice filter)
        {
            return AddFilter(filter, 0);
        }

        internal override EncodeStatus Check(MqttVersion version)
        {
            EncodeStatus st = CheckFilters();
            if (st != EncodeStatus.Ok) return st;
            return version == MqttVersion.V500 ? PropertyCodec.Check(Properties, PropertyCodec.UnsubscribeMask, 0) : EncodeStatus.Ok;
        }

        internal override void WriteBody(byte[] b, ref int p, MqttVersion version)
        {
            ByteWriter.U16(b, ref p, PacketId);
            if (version == MqttVersion.V500) PropertyCodec.Write(b, ref p, Properties);
            for (int i = 0; i < Count; i++) ByteWriter.Prefixed(b, ref p, GetFilter(i));
        }

        internal override DecodeStatus ReadBody(byte[] b, int p, int end, int flags, MqttVersion version)
        {
            DecodeStatus st = ReadHead(b, ref p, end, version, PropertyCodec.UnsubscribeMask);
            if (st != DecodeStatus.Ok) return st;
            while (p < end)
            {
                Slice filter;
                st = ByteReader.String(b, ref p, end, out filter);
                if (st != DecodeStatus.Ok) return st;
                if (!Topic.IsValidFilter(filter)) return DecodeStatus.InvalidTopicFilter;
                if (!Add(filter)) return DecodeStatus.TooManyEntries;
            }
            return Count == 0 ? DecodeStatus.EmptyList : DecodeStatus.Ok;
        }
    }
}

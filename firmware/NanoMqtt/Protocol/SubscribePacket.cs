namespace NanoMqtt.Protocol
{
    /// <summary>SUBSCRIBE: topic filters, each with its subscription options byte.</summary>
    public sealed class SubscribePacket : FilterListPacket
    {
        /// <summary>Subscription option: No Local (5.0).</summary>
        public const byte NoLocal = 0x04;
        /// <summary>Subscription option: Retain As Published (5.0).</summary>
        public const byte RetainAsPublished = 0x08;
        /// <summary>Subscription option: Retain Handling 1, send retained messages only for a new subscription (5.0).</summary>
        public const byte RetainHandlingIfNew = 0x10;
        /// <summary>Subscription option: Retain Handling 2, never send retained messages (5.0).</summary>
        public const byte RetainHandlingNever = 0x20;

        /// <summary>A SUBSCRIBE holding up to <paramref name="capacity"/> filters, with its own property storage.</summary>
        public SubscribePacket(int capacity)
            : this(capacity, new Properties())
        {
        }

        /// <summary>A SUBSCRIBE holding up to <paramref name="capacity"/> filters, using the given property storage.</summary>
        public SubscribePacket(int capacity, Properties properties)
            : base(capacity, properties)
        {
        }

        /// <inheritdoc/>
        public override PacketType Type
        {
            get { return PacketType.Subscribe; }
        }

        /// <summary>Options of filter <paramref name="index"/>: QoS in bits 0-1, then the flag constants.</summary>
        public byte GetOptions(int index)
        {
            return OptionsAt(index);
        }

        /// <summary>Adds a filter; false when the capacity is used up.</summary>
        public bool Add(Slice filter, byte options)
        {
            return AddFilter(filter, options);
        }

        private static bool OptionsValid(int options, MqttVersion version)
        {
            if ((options & 0x03) == 3) return false;
            if (version == MqttVersion.V311) return (options & 0xFC) == 0;
            return (options & 0xC0) == 0 && ((options >> 4) & 0x03) != 3;
        }

        internal override EncodeStatus Check(MqttVersion version)
        {
            EncodeStatus st = CheckFilters();
            if (st != EncodeStatus.Ok) return st;
            for (int i = 0; i < Count; i++)
            {
                if (!OptionsValid(OptionsAt(i), version)) return EncodeStatus.InvalidSubscription;
            }
            return version == MqttVersion.V500 ? PropertyCodec.Check(Properties, PropertyCodec.SubscribeMask, 1) : EncodeStatus.Ok;
        }

        internal override void WriteBody(byte[] b, ref int p, MqttVersion version)
        {
            ByteWriter.U16(b, ref p, PacketId);
            if (version == MqttVersion.V500) PropertyCodec.Write(b, ref p, Properties);
            for (int i = 0; i < Count; i++)
            {
                ByteWriter.Prefixed(b, ref p, GetFilter(i));
                ByteWriter.U8(b, ref p, OptionsAt(i));
            }
        }

        internal override DecodeStatus ReadBody(byte[] b, int p, int end, int flags, MqttVersion version)
        {
            DecodeStatus st = ReadHead(b, ref p, end, version, PropertyCodec.SubscribeMask);
            if (st != DecodeStatus.Ok) return st;
            while (p < end)
            {
                Slice filter;
                int options;
                st = ByteReader.String(b, ref p, end, out filter);
                if (st == DecodeStatus.Ok) st = ByteReader.U8(b, ref p, end, out options);
                else options = 0;
                if (st != DecodeStatus.Ok) return st;
                if (!Topic.IsValidFilter(filter)) return DecodeStatus.InvalidTopicFilter;
                if ((options & 0x03) == 3) return DecodeStatus.InvalidQoS;
                if (!OptionsValid(options, version)) return DecodeStatus.ReservedBitsSet;
                if (!Add(filter, (byte)options)) return DecodeStatus.TooManyEntries;
            }
            return Count == 0 ? DecodeStatus.EmptyList : DecodeStatus.Ok;
        }
    }
}

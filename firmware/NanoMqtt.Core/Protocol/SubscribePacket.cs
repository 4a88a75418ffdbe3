namespace NanoMqtt.Protocol
{
    /// <summary>SUBSCRIBE: topic filters, each with its subscription options byte.</summary>
    public sealed class SubscribePacket : Packet
    {
        /// <summary>Subscription option: No Local (5.0).</summary>
        public const byte NoLocal = 0x04;
        /// <summary>Subscription option: Retain As Published (5.0).</summary>
        public const byte RetainAsPublished = 0x08;
        /// <summary>Subscription option: Retain Handling 1, send retained messages only for a new subscription (5.0).</summary>
        public const byte RetainHandlingIfNew = 0x10;
        /// <summary>Subscription option: Retain Handling 2, never send retained messages (5.0).</summary>
        public const byte RetainHandlingNever = 0x20;

        private readonly Slice[] _filters;
        private readonly byte[] _options;
        private int _count;

        /// <summary>Packet identifier.</summary>
        public ushort PacketId;
        /// <summary>Subscription Identifier and User Properties (5.0).</summary>
        public readonly Properties Properties;

        /// <summary>A SUBSCRIBE holding up to <paramref name="capacity"/> filters, with its own property storage.</summary>
        public SubscribePacket(int capacity)
            : this(capacity, new Properties())
        {
        }

        /// <summary>A SUBSCRIBE holding up to <paramref name="capacity"/> filters, using the given property storage.</summary>
        public SubscribePacket(int capacity, Properties properties)
        {
            _filters = new Slice[capacity];
            _options = new byte[capacity];
            Properties = properties;
        }

        /// <inheritdoc/>
        public override PacketType Type
        {
            get { return PacketType.Subscribe; }
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

        /// <summary>Options of filter <paramref name="index"/>: QoS in bits 0-1, then the flag constants.</summary>
        public byte GetOptions(int index)
        {
            return _options[index];
        }

        /// <summary>Removes all filters.</summary>
        public void Clear()
        {
            _count = 0;
        }

        /// <summary>Adds a filter; false when the capacity is used up.</summary>
        public bool Add(Slice filter, byte options)
        {
            if (_count == _filters.Length) return false;
            _filters[_count] = filter;
            _options[_count] = options;
            _count++;
            return true;
        }

        private static bool OptionsValid(int options, MqttVersion version)
        {
            if ((options & 0x03) == 3) return false;
            if (version == MqttVersion.V311) return (options & 0xFC) == 0;
            return (options & 0xC0) == 0 && ((options >> 4) & 0x03) != 3;
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
                if (!OptionsValid(_options[i], version)) return EncodeStatus.InvalidSubscription;
            }
            return version == MqttVersion.V500 ? PropertyCodec.Check(Properties, PropertyCodec.SubscribeMask, 1) : EncodeStatus.Ok;
        }

        internal override void WriteBody(byte[] b, ref int p, MqttVersion version)
        {
            ByteWriter.U16(b, ref p, PacketId);
            if (version == MqttVersion.V500) PropertyCodec.Write(b, ref p, Properties);
            for (int i = 0; i < _count; i++)
            {
                ByteWriter.Prefixed(b, ref p, _filters[i]);
                ByteWriter.U8(b, ref p, _options[i]);
            }
        }

        internal override DecodeStatus ReadBody(byte[] b, int p, int end, int flags, MqttVersion version)
        {
            DecodeStatus st = ReadPacketId(b, ref p, end, out PacketId);
            if (st != DecodeStatus.Ok) return st;
            Properties.Clear();
            if (version == MqttVersion.V500)
            {
                st = PropertyCodec.Read(b, ref p, end, Properties, PropertyCodec.SubscribeMask, false);
                if (st != DecodeStatus.Ok) return st;
            }
            _count = 0;
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
            return _count == 0 ? DecodeStatus.EmptyList : DecodeStatus.Ok;
        }
    }
}

namespace NanoMqtt.Protocol
{
    /// <summary>PUBLISH: an application message, in either direction.</summary>
    public sealed class PublishPacket : Packet
    {
        /// <summary>DUP: this is a resend of an earlier attempt (QoS 1 and 2 only).</summary>
        public bool Dup;
        /// <summary>Quality of service, 0..2.</summary>
        public byte QoS;
        /// <summary>RETAIN flag.</summary>
        public bool Retain;
        /// <summary>Topic name (may be empty in 5.0 when a topic alias is set).</summary>
        public Slice Topic;
        /// <summary>Packet identifier (QoS 1 and 2).</summary>
        public ushort PacketId;
        /// <summary>Application payload: everything after the variable header.</summary>
        public Slice Payload;
        /// <summary>PUBLISH properties (5.0).</summary>
        public readonly Properties Properties;

        /// <summary>A PUBLISH with its own property storage.</summary>
        public PublishPacket()
            : this(new Properties())
        {
        }

        /// <summary>A PUBLISH using the given property storage.</summary>
        public PublishPacket(Properties properties)
        {
            Properties = properties;
        }

        /// <inheritdoc/>
        public override PacketType Type
        {
            get { return PacketType.Publish; }
        }

        internal override int HeaderFlags
        {
            get { return (Dup ? 0x08 : 0) | (QoS << 1) | (Retain ? 0x01 : 0); }
        }

        internal override EncodeStatus Check(MqttVersion version)
        {
            if (QoS > 2) return EncodeStatus.InvalidQoS;
            if (QoS > 0 && PacketId == 0) return EncodeStatus.ZeroPacketId;
            if (QoS == 0 && Dup) return EncodeStatus.InvalidField;
            EncodeStatus st = CheckString(Topic);
            if (st != EncodeStatus.Ok) return st;
            if (!Protocol.Topic.IsValidName(Topic)) return EncodeStatus.InvalidTopic;
            bool aliased = version == MqttVersion.V500 && Properties.Has(PropertyId.TopicAlias);
            if (Topic.Length == 0 && !aliased) return EncodeStatus.InvalidTopic;
            return version == MqttVersion.V500 ? PropertyCodec.Check(Properties, PropertyCodec.PublishMask, int.MaxValue) : EncodeStatus.Ok;
        }

        internal override void WriteBody(byte[] b, ref int p, MqttVersion version)
        {
            ByteWriter.Prefixed(b, ref p, Topic);
            if (QoS > 0) ByteWriter.U16(b, ref p, PacketId);
            if (version == MqttVersion.V500) PropertyCodec.Write(b, ref p, Properties);
            ByteWriter.Raw(b, ref p, Payload);
        }

        internal override DecodeStatus ReadBody(byte[] b, int p, int end, int flags, MqttVersion version)
        {
            Dup = (flags & 0x08) != 0;
            QoS = (byte)((flags >> 1) & 3);
            Retain = (flags & 0x01) != 0;
            if (QoS == 3) return DecodeStatus.InvalidQoS;
            if (QoS == 0 && Dup) return DecodeStatus.BadFlags;
            DecodeStatus st = ByteReader.String(b, ref p, end, out Topic);
            if (st != DecodeStatus.Ok) return st;
            if (!Protocol.Topic.IsValidName(Topic)) return DecodeStatus.InvalidTopic;
            PacketId = 0;
            if (QoS > 0)
            {
                st = ReadPacketId(b, ref p, end, out PacketId);
                if (st != DecodeStatus.Ok) return st;
            }
            Properties.Clear();
            if (version == MqttVersion.V500)
            {
                st = PropertyCodec.Read(b, ref p, end, Properties, PropertyCodec.PublishMask, true);
                if (st != DecodeStatus.Ok) return st;
            }
            if (Topic.Length == 0 && !Properties.Has(PropertyId.TopicAlias)) return DecodeStatus.InvalidTopic;
            Payload = new Slice(b, p, end - p);
            return DecodeStatus.Ok;
        }
    }
}

namespace NanoMqtt.Protocol
{
    /// <summary>PUBACK, PUBREC, PUBREL or PUBCOMP: a packet identifier with an optional 5.0 reason.</summary>
    public sealed class AckPacket : Packet
    {
        private PacketType _type;

        /// <summary>Packet identifier being acknowledged.</summary>
        public ushort PacketId;
        /// <summary>5.0 reason code (always 0 in 3.1.1).</summary>
        public byte ReasonCode;
        /// <summary>Reason String and User Properties (5.0).</summary>
        public readonly Properties Properties;

        /// <summary>An acknowledgement of the given type with its own property storage.</summary>
        public AckPacket(PacketType type)
            : this(type, new Properties())
        {
        }

        /// <summary>An acknowledgement of the given type using the given property storage.</summary>
        public AckPacket(PacketType type, Properties properties)
        {
            SetType(type);
            Properties = properties;
        }

        /// <inheritdoc/>
        public override PacketType Type
        {
            get { return _type; }
        }

        /// <summary>Switches between PUBACK, PUBREC, PUBREL and PUBCOMP so one instance serves all four.</summary>
        public void SetType(PacketType type)
        {
            if (type < PacketType.PubAck || type > PacketType.PubComp) throw new System.ArgumentException("not an acknowledgement type");
            _type = type;
        }

        internal override int HeaderFlags
        {
            get { return _type == PacketType.PubRel ? 0x02 : 0; }
        }

        internal override EncodeStatus Check(MqttVersion version)
        {
            if (PacketId == 0) return EncodeStatus.ZeroPacketId;
            if (!Protocol.ReasonCode.IsAllowed(_type, version, ReasonCode)) return EncodeStatus.InvalidReasonCode;
            return version == MqttVersion.V500 ? PropertyCodec.Check(Properties, PropertyCodec.AckMask, 0) : EncodeStatus.Ok;
        }

        internal override void WriteBody(byte[] b, ref int p, MqttVersion version)
        {
            ByteWriter.U16(b, ref p, PacketId);
            if (version == MqttVersion.V500) ReasonTail.Write(b, ref p, ReasonCode, Properties);
        }

        internal override DecodeStatus ReadBody(byte[] b, int p, int end, int flags, MqttVersion version)
        {
            DecodeStatus st = ReadPacketId(b, ref p, end, out PacketId);
            if (st != DecodeStatus.Ok) return st;
            if (version == MqttVersion.V500) return ReasonTail.Read(b, p, end, _type, PropertyCodec.AckMask, out ReasonCode, Properties);
            ReasonCode = 0;
            Properties.Clear();
            return p == end ? DecodeStatus.Ok : DecodeStatus.TrailingBytes;
        }
    }
}

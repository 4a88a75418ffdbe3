namespace NanoMqtt.Protocol
{
    /// <summary>SUBACK or UNSUBACK: one reason code per filter of the request (none for a 3.1.1 UNSUBACK).</summary>
    public sealed class SubAckPacket : Packet
    {
        private PacketType _type;

        /// <summary>Packet identifier of the SUBSCRIBE or UNSUBSCRIBE answered.</summary>
        public ushort PacketId;
        /// <summary>The reason codes, one byte each.</summary>
        public Slice ReasonCodes;
        /// <summary>Reason String and User Properties (5.0).</summary>
        public readonly Properties Properties;

        /// <summary>A SUBACK or UNSUBACK with its own property storage.</summary>
        public SubAckPacket(PacketType type)
            : this(type, new Properties())
        {
        }

        /// <summary>A SUBACK or UNSUBACK using the given property storage.</summary>
        public SubAckPacket(PacketType type, Properties properties)
        {
            SetType(type);
            Properties = properties;
        }

        /// <inheritdoc/>
        public override PacketType Type
        {
            get { return _type; }
        }

        /// <summary>Switches between SUBACK and UNSUBACK.</summary>
        public void SetType(PacketType type)
        {
            if (type != PacketType.SubAck && type != PacketType.UnsubAck) throw new System.ArgumentException("not SUBACK or UNSUBACK");
            _type = type;
        }

        private bool HasCodes(MqttVersion version)
        {
            return _type == PacketType.SubAck || version == MqttVersion.V500;
        }

        internal override EncodeStatus Check(MqttVersion version)
        {
            if (PacketId == 0) return EncodeStatus.ZeroPacketId;
            if (!HasCodes(version)) return EncodeStatus.Ok;
            if (ReasonCodes.Length == 0) return EncodeStatus.InvalidField;
            for (int i = 0; i < ReasonCodes.Length; i++)
            {
                if (!Protocol.ReasonCode.IsAllowed(_type, version, ReasonCodes[i])) return EncodeStatus.InvalidReasonCode;
            }
            return version == MqttVersion.V500 ? PropertyCodec.Check(Properties, PropertyCodec.AckMask, 0) : EncodeStatus.Ok;
        }

        internal override void WriteBody(byte[] b, ref int p, MqttVersion version)
        {
            ByteWriter.U16(b, ref p, PacketId);
            if (version == MqttVersion.V500) PropertyCodec.Write(b, ref p, Properties);
            if (HasCodes(version)) ByteWriter.Raw(b, ref p, ReasonCodes);
        }

        internal override DecodeStatus ReadBody(byte[] b, int p, int end, int flags, MqttVersion version)
        {
            DecodeStatus st = ReadPacketId(b, ref p, end, out PacketId);
            if (st != DecodeStatus.Ok) return st;
            Properties.Clear();
            if (version == MqttVersion.V500)
            {
                st = PropertyCodec.Read(b, ref p, end, Properties, PropertyCodec.AckMask, false);
                if (st != DecodeStatus.Ok) return st;
            }
            ReasonCodes = new Slice(b, p, end - p);
            if (!HasCodes(version)) return p == end ? DecodeStatus.Ok : DecodeStatus.TrailingBytes;
            if (ReasonCodes.Length == 0) return DecodeStatus.EmptyList;
            for (int i = 0; i < ReasonCodes.Length; i++)
            {
                if (!Protocol.ReasonCode.IsAllowed(_type, version, ReasonCodes[i])) return DecodeStatus.InvalidReasonCode;
            }
            return DecodeStatus.Ok;
        }
    }
}

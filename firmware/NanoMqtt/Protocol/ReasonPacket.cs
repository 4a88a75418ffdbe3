namespace NanoMqtt.Protocol
{
    /// <summary>
    /// DISCONNECT or AUTH: a 5.0 reason code and properties, both left out when they say nothing.
    /// A 3.1.1 DISCONNECT is empty; AUTH does not exist in 3.1.1.
    /// </summary>
    public sealed class ReasonPacket : Packet
    {
        private PacketType _type;

        /// <summary>5.0 reason code.</summary>
        public byte ReasonCode;
        /// <summary>Properties (5.0).</summary>
        public readonly Properties Properties;

        /// <summary>A DISCONNECT or AUTH with its own property storage.</summary>
        public ReasonPacket(PacketType type)
            : this(type, new Properties())
        {
        }

        /// <summary>A DISCONNECT or AUTH using the given property storage.</summary>
        public ReasonPacket(PacketType type, Properties properties)
        {
            SetType(type);
            Properties = properties;
        }

        /// <inheritdoc/>
        public override PacketType Type
        {
            get { return _type; }
        }

        /// <summary>Switches between DISCONNECT and AUTH.</summary>
        public void SetType(PacketType type)
        {
            if (type != PacketType.Disconnect && type != PacketType.Auth) throw new System.ArgumentException("not DISCONNECT or AUTH");
            _type = type;
        }

        private ulong Mask
        {
            get { return _type == PacketType.Auth ? PropertyCodec.AuthMask : PropertyCodec.DisconnectMask; }
        }

        internal override EncodeStatus Check(MqttVersion version)
        {
            if (version == MqttVersion.V311) return _type == PacketType.Auth ? EncodeStatus.NotInVersion : EncodeStatus.Ok;
            if (!Protocol.ReasonCode.IsAllowed(_type, version, ReasonCode)) return EncodeStatus.InvalidReasonCode;
            return PropertyCodec.Check(Properties, Mask, 0);
        }

        internal override void WriteBody(byte[] b, ref int p, MqttVersion version)
        {
            if (version == MqttVersion.V500) ReasonTail.Write(b, ref p, ReasonCode, Properties);
        }

        internal override DecodeStatus ReadBody(byte[] b, int p, int end, int flags, MqttVersion version)
        {
            if (version == MqttVersion.V500) return ReasonTail.Read(b, p, end, _type, Mask, out ReasonCode, Properties);
            ReasonCode = 0;
            Properties.Clear();
            return p == end ? DecodeStatus.Ok : DecodeStatus.TrailingBytes;
        }
    }
}

namespace NanoMqtt.Protocol
{
    /// <summary>CONNACK: the broker's answer to CONNECT.</summary>
    public sealed class ConnAckPacket : Packet
    {
        /// <summary>The broker resumed a stored session.</summary>
        public bool SessionPresent;
        /// <summary>5.0 reason code or 3.1.1 return code; 0 is success.</summary>
        public byte ReasonCode;
        /// <summary>CONNACK properties (5.0).</summary>
        public readonly Properties Properties;

        /// <summary>A CONNACK with its own property storage.</summary>
        public ConnAckPacket()
            : this(new Properties())
        {
        }

        /// <summary>A CONNACK using the given property storage.</summary>
        public ConnAckPacket(Properties properties)
        {
            Properties = properties;
        }

        /// <inheritdoc/>
        public override PacketType Type
        {
            get { return PacketType.ConnAck; }
        }

        internal override EncodeStatus Check(MqttVersion version)
        {
            if (!Protocol.ReasonCode.IsAllowed(PacketType.ConnAck, version, ReasonCode)) return EncodeStatus.InvalidReasonCode;
            if (SessionPresent && ReasonCode != 0) return EncodeStatus.InvalidField;
            return version == MqttVersion.V500 ? PropertyCodec.Check(Properties, PropertyCodec.ConnAckMask, 0) : EncodeStatus.Ok;
        }

        internal override void WriteBody(byte[] b, ref int p, MqttVersion version)
        {
            ByteWriter.U8(b, ref p, SessionPresent ? 1 : 0);
            ByteWriter.U8(b, ref p, ReasonCode);
            if (version == MqttVersion.V500) PropertyCodec.Write(b, ref p, Properties);
        }

        internal override DecodeStatus ReadBody(byte[] b, int p, int end, int flags, MqttVersion version)
        {
            int ackFlags;
            int code;
            DecodeStatus st = ByteReader.U8(b, ref p, end, out ackFlags);
            if (st == DecodeStatus.Ok) st = ByteReader.U8(b, ref p, end, out code);
            else code = 0;
            if (st != DecodeStatus.Ok) return st;
            if ((ackFlags & 0xFE) != 0) return DecodeStatus.ReservedBitsSet;
            SessionPresent = ackFlags == 1;
            ReasonCode = (byte)code;
            if (!Protocol.ReasonCode.IsAllowed(PacketType.ConnAck, version, ReasonCode)) return DecodeStatus.InvalidReasonCode;
            if (SessionPresent && ReasonCode != 0) return DecodeStatus.ProtocolError;
            Properties.Clear();
            if (version == MqttVersion.V500)
            {
                st = PropertyCodec.Read(b, ref p, end, Properties, PropertyCodec.ConnAckMask, false);
                if (st != DecodeStatus.Ok) return st;
            }
            return p == end ? DecodeStatus.Ok : DecodeStatus.TrailingBytes;
        }
    }
}

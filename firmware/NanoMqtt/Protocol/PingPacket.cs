namespace NanoMqtt.Protocol
{
    /// <summary>PINGREQ or PINGRESP: a fixed header and nothing else.</summary>
    public sealed class PingPacket : Packet
    {
        private readonly PacketType _type;

        /// <summary>A PINGREQ or PINGRESP.</summary>
        public PingPacket(PacketType type)
        {
            if (type != PacketType.PingReq && type != PacketType.PingResp) throw new System.ArgumentException("not PINGREQ or PINGRESP");
            _type = type;
        }

        /// <inheritdoc/>
        public override PacketType Type
        {
            get { return _type; }
        }

        internal override EncodeStatus Check(MqttVersion version)
        {
            return EncodeStatus.Ok;
        }

        internal override void WriteBody(byte[] b, ref int p, MqttVersion version)
        {
        }

        internal override DecodeStatus ReadBody(byte[] b, int p, int end, int flags, MqttVersion version)
        {
            return p == end ? DecodeStatus.Ok : DecodeStatus.TrailingBytes;
        }
    }
}

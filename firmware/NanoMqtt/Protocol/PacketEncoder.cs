namespace NanoMqtt.Protocol
{
    /// <summary>
    /// Writes packets into caller-owned buffers. Like coreMQTT's serializer it first answers
    /// "how big is this packet?", so an oversize or invalid packet is refused before a byte is written.
    /// </summary>
    public static class PacketEncoder
    {
        /// <summary>Validates <paramref name="packet"/> and computes its encoded size, fixed header included.</summary>
        public static EncodeStatus Measure(Packet packet, MqttVersion version, out int size)
        {
            int remaining;
            EncodeStatus st = MeasureBody(packet, version, out remaining);
            size = st == EncodeStatus.Ok ? 1 + VariableByteInteger.Size(remaining) + remaining : 0;
            return st;
        }

        /// <summary>
        /// Writes <paramref name="packet"/> at <paramref name="offset"/>. <paramref name="maximumPacketSize"/>
        /// is the peer's limit (0: none besides MQTT's). On any status but Ok nothing is written.
        /// </summary>
        public static EncodeStatus Encode(Packet packet, MqttVersion version, byte[] buffer, int offset, int maximumPacketSize, out int length)
        {
            length = 0;
            int remaining;
            EncodeStatus st = MeasureBody(packet, version, out remaining);
            if (st != EncodeStatus.Ok) return st;
            int size = 1 + VariableByteInteger.Size(remaining) + remaining;
            if (maximumPacketSize > 0 && size > maximumPacketSize) return EncodeStatus.PacketTooLarge;
            if (buffer.Length - offset < size) return EncodeStatus.BufferTooSmall;
            int p = offset;
            ByteWriter.U8(buffer, ref p, ((int)packet.Type << 4) | packet.HeaderFlags);
            ByteWriter.VarInt(buffer, ref p, remaining);
            packet.WriteBody(buffer, ref p, version);
            length = p - offset;
            return EncodeStatus.Ok;
        }

        private static EncodeStatus MeasureBody(Packet packet, MqttVersion version, out int remaining)
        {
            remaining = 0;
            EncodeStatus st = packet.Check(version);
            if (st != EncodeStatus.Ok) return st;
            packet.WriteBody(null, ref remaining, version);
            return remaining > VariableByteInteger.Max ? EncodeStatus.PacketTooLarge : EncodeStatus.Ok;
        }
    }
}

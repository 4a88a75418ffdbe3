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

        /// <summary>
        /// Writes a QoS 0 PUBLISH without properties straight from its topic and payload (no packet
        /// object, so it can be sent from inside a message callback). Same contract as <see cref="Encode"/>.
        /// </summary>
        public static EncodeStatus EncodeAtMostOnce(Slice topic, Slice payload, bool retain, MqttVersion version, byte[] buffer, int offset, int maximumPacketSize, out int length)
        {
            length = 0;
            if (topic.Length == 0 || !Topic.IsValidName(topic) || Packet.CheckString(topic) != EncodeStatus.Ok) return EncodeStatus.InvalidTopic;
            int remaining = 2 + topic.Length + (version == MqttVersion.V500 ? 1 : 0) + payload.Length;
            if (remaining > VariableByteInteger.Max) return EncodeStatus.PacketTooLarge;
            int size = 1 + VariableByteInteger.Size(remaining) + remaining;
            if (maximumPacketSize > 0 && size > maximumPacketSize) return EncodeStatus.PacketTooLarge;
            if (buffer.Length - offset < size) return EncodeStatus.BufferTooSmall;
            int p = offset;
            ByteWriter.U8(buffer, ref p, ((int)PacketType.Publish << 4) | (retain ? 1 : 0));
            ByteWriter.VarInt(buffer, ref p, remaining);
            ByteWriter.Prefixed(buffer, ref p, topic);
            if (version == MqttVersion.V500) ByteWriter.U8(buffer, ref p, 0);
            ByteWriter.Raw(buffer, ref p, payload);
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

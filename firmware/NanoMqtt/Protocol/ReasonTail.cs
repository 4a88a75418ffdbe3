namespace NanoMqtt.Protocol
{
    /// <summary>
    /// The end of a 5.0 acknowledgement, DISCONNECT or AUTH: a reason code, then properties, each
    /// left out when it says nothing (reason 0 and no properties).
    /// </summary>
    internal static class ReasonTail
    {
        public static void Write(byte[] b, ref int p, byte reasonCode, Properties properties)
        {
            bool noProperties = properties.IsEmpty;
            if (reasonCode == 0 && noProperties) return;
            ByteWriter.U8(b, ref p, reasonCode);
            if (!noProperties) PropertyCodec.Write(b, ref p, properties);
        }

        /// <summary>Reads what is left of the packet; the whole of it must be used.</summary>
        public static DecodeStatus Read(byte[] b, int p, int end, PacketType type, ulong mask, out byte reasonCode, Properties properties)
        {
            reasonCode = 0;
            properties.Clear();
            if (p == end) return DecodeStatus.Ok;
            reasonCode = b[p++];
            if (!ReasonCode.IsAllowed(type, MqttVersion.V500, reasonCode)) return DecodeStatus.InvalidReasonCode;
            if (p < end)
            {
                DecodeStatus st = PropertyCodec.Read(b, ref p, end, properties, mask, false);
                if (st != DecodeStatus.Ok) return st;
            }
            return p == end ? DecodeStatus.Ok : DecodeStatus.TrailingBytes;
        }
    }
}

namespace NanoMqtt.Protocol
{
    /// <summary>Big-endian field readers that never read past <c>end</c>.</summary>
    internal static class ByteReader
    {
        public static DecodeStatus U8(byte[] b, ref int p, int end, out int v)
        {
            v = 0;
            if (end - p < 1) return DecodeStatus.Truncated;
            v = b[p++];
            return DecodeStatus.Ok;
        }

        public static DecodeStatus U16(byte[] b, ref int p, int end, out int v)
        {
            v = 0;
            if (end - p < 2) return DecodeStatus.Truncated;
            v = (b[p] << 8) | b[p + 1];
            p += 2;
            return DecodeStatus.Ok;
        }

        public static DecodeStatus U32(byte[] b, ref int p, int end, out uint v)
        {
            v = 0;
            if (end - p < 4) return DecodeStatus.Truncated;
            v = ((uint)b[p] << 24) | ((uint)b[p + 1] << 16) | ((uint)b[p + 2] << 8) | b[p + 3];
            p += 4;
            return DecodeStatus.Ok;
        }

        /// <summary>A variable byte integer inside a packet: running out of bytes is truncation.</summary>
        public static DecodeStatus VarInt(byte[] b, ref int p, int end, out int v)
        {
            DecodeStatus s = VariableByteInteger.Read(b, ref p, end, out v);
            return s == DecodeStatus.NeedMoreData ? DecodeStatus.Truncated : s;
        }

        /// <summary>Two-byte length then that many bytes.</summary>
        public static DecodeStatus Binary(byte[] b, ref int p, int end, out Slice s)
        {
            s = new Slice();
            int len;
            DecodeStatus st = U16(b, ref p, end, out len);
            if (st != DecodeStatus.Ok) return st;
            if (end - p < len) return DecodeStatus.Truncated;
            s = new Slice(b, p, len);
            p += len;
            return DecodeStatus.Ok;
        }

        /// <summary>A length-prefixed UTF-8 string, validated.</summary>
        public static DecodeStatus String(byte[] b, ref int p, int end, out Slice s)
        {
            DecodeStatus st = Binary(b, ref p, end, out s);
            if (st != DecodeStatus.Ok) return st;
            return Utf8.Validate(b, s.Offset, s.Length);
        }
    }
}

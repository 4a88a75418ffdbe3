namespace NanoMqtt.Protocol
{
    /// <summary>
    /// Big-endian field writers. A null buffer only advances the position, so the same
    /// code measures a packet and then writes it: sizes can never disagree with bytes.
    /// </summary>
    internal static class ByteWriter
    {
        public static void U8(byte[] b, ref int p, int v)
        {
            if (b != null) b[p] = (byte)v;
            p++;
        }

        public static void U16(byte[] b, ref int p, int v)
        {
            if (b != null)
            {
                b[p] = (byte)(v >> 8);
                b[p + 1] = (byte)v;
            }
            p += 2;
        }

        public static void U32(byte[] b, ref int p, uint v)
        {
            if (b != null)
            {
                b[p] = (byte)(v >> 24);
                b[p + 1] = (byte)(v >> 16);
                b[p + 2] = (byte)(v >> 8);
                b[p + 3] = (byte)v;
            }
            p += 4;
        }

        public static void VarInt(byte[] b, ref int p, int v)
        {
            do
            {
                int digit = v & 0x7F;
                v >>= 7;
                U8(b, ref p, v > 0 ? digit | 0x80 : digit);
            }
            while (v > 0);
        }

        /// <summary>Raw bytes, no length prefix.</summary>
        public static void Raw(byte[] b, ref int p, Slice s)
        {
            if (b != null && s.Length > 0) System.Array.Copy(s.Array, s.Offset, b, p, s.Length);
            p += s.Length;
        }

        /// <summary>Two-byte length prefix then the bytes (UTF-8 strings and binary data).</summary>
        public static void Prefixed(byte[] b, ref int p, Slice s)
        {
            U16(b, ref p, s.Length);
            Raw(b, ref p, s);
        }
    }
}

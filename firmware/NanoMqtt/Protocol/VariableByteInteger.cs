namespace NanoMqtt.Protocol
{
    /// <summary>MQTT's 1–4 byte little-endian base-128 integer (remaining length, property lengths).</summary>
    public static class VariableByteInteger
    {
        /// <summary>Largest encodable value: 268,435,455.</summary>
        public const int Max = 268435455;

        /// <summary>Bytes needed to encode <paramref name="value"/>.</summary>
        public static int Size(int value)
        {
            if (value < 128) return 1;
            if (value < 16384) return 2;
            if (value < 2097152) return 3;
            return 4;
        }

        /// <summary>Writes <paramref name="value"/> (0..<see cref="Max"/>) at <paramref name="offset"/>; returns the bytes written.</summary>
        public static int Write(byte[] buffer, int offset, int value)
        {
            int p = offset;
            ByteWriter.VarInt(buffer, ref p, value);
            return p - offset;
        }

        /// <summary>
        /// Reads at <paramref name="position"/> without passing <paramref name="end"/>. Returns
        /// <see cref="DecodeStatus.NeedMoreData"/> when the bytes stop before the last digit, and
        /// <see cref="DecodeStatus.MalformedVariableInteger"/> for a fifth byte or a non-minimal form.
        /// </summary>
        public static DecodeStatus Read(byte[] buffer, ref int position, int end, out int value)
        {
            value = 0;
            int p = position;
            for (int i = 0; i < 4; i++)
            {
                if (p >= end) return DecodeStatus.NeedMoreData;
                int b = buffer[p++];
                value |= (b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0)
                {
                    if (i > 0 && b == 0) return DecodeStatus.MalformedVariableInteger;
                    position = p;
                    return DecodeStatus.Ok;
                }
            }
            return DecodeStatus.MalformedVariableInteger;
        }
    }
}

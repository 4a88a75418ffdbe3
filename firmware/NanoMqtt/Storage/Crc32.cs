namespace NanoMqtt.Storage
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected 0xEDB88320), driven by a 16-entry table: two lookups per
    /// byte for 64 bytes of RAM instead of 1 KB, a fair trade on a microcontroller.
    /// </summary>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        private static uint[] BuildTable()
        {
            uint[] table = new uint[16];
            for (uint i = 0; i < 16; i++)
            {
                uint c = i;
                for (int k = 0; k < 4; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                table[i] = c;
            }
            return table;
        }

        /// <summary>Continues <paramref name="crc"/> (start with 0) over the bytes.</summary>
        public static uint Update(uint crc, byte[] buffer, int offset, int count)
        {
            uint c = ~crc;
            for (int i = offset; i < offset + count; i++)
            {
                c ^= buffer[i];
                c = Table[c & 0x0F] ^ (c >> 4);
                c = Table[c & 0x0F] ^ (c >> 4);
            }
            return ~c;
        }

        /// <summary>CRC-32 of the bytes.</summary>
        public static uint Compute(byte[] buffer, int offset, int count)
        {
            return Update(0, buffer, offset, count);
        }
    }
}

namespace NanoMqtt.Storage
{
    /// <summary>CRC-32 (IEEE 802.3, reflected 0xEDB88320), table-driven.</summary>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                uint c = i;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                table[i] = c;
            }
            return table;
        }

        /// <summary>Continues <paramref name="crc"/> (start with 0) over the bytes.</summary>
        public static uint Update(uint crc, byte[] buffer, int offset, int count)
        {
            uint c = ~crc;
            for (int i = offset; i < offset + count; i++) c = Table[(c ^ buffer[i]) & 0xFF] ^ (c >> 8);
            return ~c;
        }

        /// <summary>CRC-32 of the bytes.</summary>
        public static uint Compute(byte[] buffer, int offset, int count)
        {
            return Update(0, buffer, offset, count);
        }
    }
}

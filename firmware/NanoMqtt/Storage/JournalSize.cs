namespace NanoMqtt.Storage
{
    /// <summary>
    /// How large a journal a flash partition holds. At its largest the journal has its whole chain
    /// and the new base a compaction is writing on flash at once (the old base is deleted only once
    /// the new one is sealed), so it needs twice its bound; on top of that, whole blocks: LittleFS's
    /// superblock and root metadata pair and a pair it may split off, a free block in hand for each
    /// copy-on-write, the rounding of the two bases and of the (at most two) parts over 512 B in the
    /// chain to 4 KB blocks, and one for the configuration files.
    /// </summary>
    public static class JournalSize
    {
        /// <summary>The bound at defaults, on boards whose partition holds it (256 KB and up).</summary>
        public const int Default = 65536;
        /// <summary>The flash's erase block (LittleFS block on the ESP32).</summary>
        public const int Block = 4096;
        // Metadata pairs (4), copy-on-write (1), rounding of two bases and two big parts (4), configuration (1).
        private const int Reserved = 10 * Block;

        /// <summary>The largest bound, at most <see cref="Default"/> and a whole number of blocks, that a
        /// partition of <paramref name="partitionBytes"/> holds; 0 when none does.</summary>
        public static int ForPartition(int partitionBytes)
        {
            int half = (partitionBytes - Reserved) / 2;
            int bound = half / Block * Block;
            if (bound > Default) bound = Default;
            return bound < Block ? 0 : bound;
        }

        /// <summary>True when a journal bounded to <paramref name="journalBytes"/> fits the partition.</summary>
        public static bool Fits(int journalBytes, int partitionBytes)
        {
            return 2 * (long)journalBytes + Reserved <= partitionBytes;
        }
    }
}

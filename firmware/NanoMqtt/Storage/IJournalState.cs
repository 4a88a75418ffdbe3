namespace NanoMqtt.Storage
{
    /// <summary>The owner of what the journal stores: rebuilt from records at boot, and asked to
    /// write its live records again when the journal compacts.</summary>
    public interface IJournalState
    {
        /// <summary>Forgets everything, before a replay.</summary>
        void Clear();

        /// <summary>Applies one replayed record. <paramref name="recordOffset"/> locates it for <see cref="Journal.ReadRecord(int, out int, out int)"/>.</summary>
        void Replay(int type, byte[] buffer, int payloadOffset, int payloadLength, int recordOffset);

        /// <summary>Appends every live record again (the journal is writing a fresh file); stops at the first failure.</summary>
        JournalStatus WriteLive(Journal journal);
    }
}

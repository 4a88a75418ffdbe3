namespace NanoMqtt.Storage
{
    /// <summary>
    /// The little a journal needs from a file system: what LittleFS on the device's I:\ drive, a
    /// folder on a PC, the tests' fault-injecting flash and the LittleFS cost model all offer.
    /// A journal's files are the numbered parts of one name (<c>name.0</c>, <c>name.1</c>, …),
    /// flat, and written whole: <see cref="Create"/> empties a part, <see cref="Write"/> adds
    /// bytes to it, <see cref="Commit"/> makes everything written since Create durable at once.
    /// </summary>
    /// <remarks>
    /// LittleFS commits at close: Create/Write/Commit is one open (truncating), write and close,
    /// one metadata commit, atomic across a power cut. The journal asks no more than this of other
    /// file systems: after a cut during a write, the part may hold any prefix of its new bytes,
    /// and the journal only ever rewrites a part whose old content is no longer needed.
    /// </remarks>
    public interface IFileStore
    {
        /// <summary>Length in bytes of part <paramref name="part"/> of <paramref name="name"/>, or -1 when it does not exist.</summary>
        int Length(string name, int part);

        /// <summary>Reads up to <paramref name="count"/> bytes from <paramref name="position"/>; returns how many were read.
        /// Reads what was last committed.</summary>
        int Read(string name, int part, int position, byte[] buffer, int offset, int count);

        /// <summary>Opens the part for writing, empty (created if needed). One part is open at a time.
        /// False when the store refuses.</summary>
        bool Create(string name, int part);

        /// <summary>Adds bytes to the open part; not durable until <see cref="Commit"/>. False when the store refuses
        /// (full, failed): the part is then abandoned and must be created again.</summary>
        bool Write(byte[] buffer, int offset, int count);

        /// <summary>Closes the open part: every byte written since <see cref="Create"/> is on flash when this returns true.</summary>
        bool Commit();

        /// <summary>Deletes the part if it exists.</summary>
        void Delete(string name, int part);
    }
}

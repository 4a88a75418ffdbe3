namespace NanoMqtt.Storage
{
    /// <summary>
    /// The little a journal needs from a file system: what LittleFS on the device's I:\ drive, a
    /// folder on a PC and the tests' fault-injecting flash all offer. Files are named, flat and
    /// append-only; an append is on flash when the call returns.
    /// </summary>
    public interface IFileStore
    {
        /// <summary>Length in bytes, or -1 when the file does not exist.</summary>
        int Length(string name);

        /// <summary>Reads up to <paramref name="count"/> bytes from <paramref name="position"/>; returns how many were read.</summary>
        int Read(string name, int position, byte[] buffer, int offset, int count);

        /// <summary>Appends and flushes, creating the file if needed. False when the store refuses (full, failed);
        /// part of the bytes may then have been written.</summary>
        bool Append(string name, byte[] buffer, int offset, int count);

        /// <summary>Deletes the file if it exists.</summary>
        void Delete(string name);
    }
}

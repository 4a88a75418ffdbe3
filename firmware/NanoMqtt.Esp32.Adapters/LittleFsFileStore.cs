using System;
using System.IO;
using NanoMqtt.Storage;

namespace NanoMqtt.Esp32
{
    /// <summary>
    /// The journal's files on the ESP32's internal LittleFS drive (<c>I:\</c>). Each append opens
    /// the file in Append mode, writes, flushes and closes it, so the bytes are committed to flash
    /// when the call returns. The journal never renames files (it switches between two generation
    /// files instead), so File.Move, which fails on nanoFramework when the target exists, is not needed.
    /// </summary>
    public sealed class LittleFsFileStore : IFileStore
    {
        private readonly string _folder;

        /// <summary>Files under <paramref name="folder"/>, for example <c>I:\</c>.</summary>
        public LittleFsFileStore(string folder)
        {
            _folder = folder;
        }

        private string PathOf(string name)
        {
            return _folder + name;
        }

        /// <inheritdoc/>
        public int Length(string name)
        {
            string path = PathOf(name);
            if (!File.Exists(path)) return -1;
            using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return (int)file.Length;
            }
        }

        /// <inheritdoc/>
        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            string path = PathOf(name);
            if (!File.Exists(path)) return 0;
            using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                if (position >= file.Length) return 0;
                file.Position = position;
                int total = 0;
                while (total < count)
                {
                    int n = file.Read(buffer, offset + total, count - total);
                    if (n <= 0) break;
                    total += n;
                }
                return total;
            }
        }

        /// <inheritdoc/>
        public bool Append(string name, byte[] buffer, int offset, int count)
        {
            try
            {
                using (FileStream file = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write))
                {
                    file.Write(buffer, offset, count);
                    file.Flush();
                }
                return true;
            }
            catch (Exception)
            {
                // A full or failing drive: the journal reports StorageFailed and keeps what it has.
                return false;
            }
        }

        /// <inheritdoc/>
        public void Delete(string name)
        {
            File.Delete(PathOf(name));
        }
    }
}

using System;
using System.IO;
using NanoMqtt.Storage;

namespace NanoMqtt.Esp32
{
    /// <summary>
    /// The journal's files on the ESP32's internal LittleFS drive (<c>I:\</c>). A part is written
    /// whole: Create opens it truncating (FileMode.Create), Write writes into LittleFS's file cache,
    /// Commit closes it, and the close is LittleFS's commit (Flush alone is not durable there). A
    /// part up to 512 B stays inline in the directory's metadata, so such a commit erases no block.
    /// </summary>
    public sealed class LittleFsFileStore : IFileStore
    {
        private readonly string _folder;
        private FileStream _open;
        private string _openPath;

        /// <summary>Files under <paramref name="folder"/>, for example <c>I:\</c>.</summary>
        public LittleFsFileStore(string folder)
        {
            _folder = folder;
        }

        private string PathOf(string name, int part)
        {
            return _folder + name + "." + part.ToString();
        }

        /// <inheritdoc/>
        public int Length(string name, int part)
        {
            string path = PathOf(name, part);
            if (!File.Exists(path)) return -1;
            using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return (int)file.Length;
            }
        }

        /// <inheritdoc/>
        public int Read(string name, int part, int position, byte[] buffer, int offset, int count)
        {
            string path = PathOf(name, part);
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
        public bool Create(string name, int part)
        {
            Close();
            try
            {
                _openPath = PathOf(name, part);
                _open = new FileStream(_openPath, FileMode.Create, FileAccess.Write);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <inheritdoc/>
        public bool Write(byte[] buffer, int offset, int count)
        {
            if (_open == null) return false;
            try
            {
                _open.Write(buffer, offset, count);
                return true;
            }
            catch (Exception)
            {
                // A full or failing drive: the journal reports StorageFailed and keeps what it has.
                Close();
                return false;
            }
        }

        /// <inheritdoc/>
        public bool Commit()
        {
            if (_open == null) return false;
            try
            {
                _open.Dispose();
                return true;
            }
            catch (Exception)
            {
                return false;
            }
            finally
            {
                _open = null;
            }
        }

        /// <inheritdoc/>
        public void Delete(string name, int part)
        {
            string path = PathOf(name, part);
            if (_open != null && _openPath == path) Close();
            File.Delete(path);
        }

        private void Close()
        {
            if (_open == null) return;
            try
            {
                _open.Dispose();
            }
            catch (Exception)
            {
            }
            _open = null;
        }
    }
}

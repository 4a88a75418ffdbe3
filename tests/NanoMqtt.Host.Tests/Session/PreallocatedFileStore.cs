using System;
using NanoMqtt.Storage;

namespace NanoMqtt.Host.Tests.Session
{
    /// <summary>A file store over buffers allocated up front, so allocation measurements see the engine alone.</summary>
    internal sealed class PreallocatedFileStore : IFileStore
    {
        private readonly string[] _names = new string[4];
        private readonly byte[][] _data = new byte[4][];
        private readonly int[] _lengths = new int[4];
        private readonly bool[] _used = new bool[4];

        public PreallocatedFileStore(int capacityPerFile)
        {
            for (int i = 0; i < 4; i++) _data[i] = new byte[capacityPerFile];
        }

        public long BytesAppended { get; private set; }

        public int Length(string name)
        {
            int i = Find(name);
            return i < 0 ? -1 : _lengths[i];
        }

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            int i = Find(name);
            if (i < 0 || position >= _lengths[i]) return 0;
            int n = Math.Min(count, _lengths[i] - position);
            Array.Copy(_data[i], position, buffer, offset, n);
            return n;
        }

        public bool Append(string name, byte[] buffer, int offset, int count)
        {
            int i = Find(name);
            if (i < 0)
            {
                i = Array.IndexOf(_used, false);
                _used[i] = true;
                _names[i] = name;
                _lengths[i] = 0;
            }
            if (_lengths[i] + count > _data[i].Length) return false;
            Array.Copy(buffer, offset, _data[i], _lengths[i], count);
            _lengths[i] += count;
            BytesAppended += count;
            return true;
        }

        public void Delete(string name)
        {
            int i = Find(name);
            if (i >= 0) _used[i] = false;
        }

        private int Find(string name)
        {
            for (int i = 0; i < 4; i++)
            {
                if (_used[i] && string.Equals(_names[i], name, StringComparison.Ordinal)) return i;
            }
            return -1;
        }
    }
}

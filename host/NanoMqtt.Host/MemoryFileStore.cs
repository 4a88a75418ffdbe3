using System;
using NanoMqtt.Storage;

namespace NanoMqtt.Host;

/// <summary>
/// The journal's files in RAM, over buffers allocated up front (so allocation figures see the
/// engine alone), counting the bytes written (flash wear without flash). For benchmarks and tests.
/// </summary>
public sealed class MemoryFileStore : IFileStore
{
    private readonly string?[] _names = new string?[4];
    private readonly byte[][] _data = new byte[4][];
    private readonly int[] _lengths = new int[4];

    /// <summary>Room for four files of <paramref name="capacityPerFile"/> bytes.</summary>
    public MemoryFileStore(int capacityPerFile = 131072)
    {
        for (int i = 0; i < _data.Length; i++) _data[i] = new byte[capacityPerFile];
    }

    /// <summary>Bytes appended so far.</summary>
    public long BytesWritten { get; private set; }

    private int Find(string name) => Array.IndexOf(_names, name);

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
            i = Array.IndexOf(_names, null);
            if (i < 0) return false;
            _names[i] = name;
            _lengths[i] = 0;
        }
        if (_lengths[i] + count > _data[i].Length) return false;
        Array.Copy(buffer, offset, _data[i], _lengths[i], count);
        _lengths[i] += count;
        BytesWritten += count;
        return true;
    }

    public void Delete(string name)
    {
        int i = Find(name);
        if (i >= 0) _names[i] = null;
    }
}

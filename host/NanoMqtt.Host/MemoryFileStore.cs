using System;
using NanoMqtt.Storage;

namespace NanoMqtt.Host;

/// <summary>
/// The journal's files in RAM, over buffers allocated up front (so allocation figures see the
/// engine alone), counting the bytes written and the commits. For benchmarks and tests.
/// </summary>
public sealed class MemoryFileStore : IFileStore
{
    private const int MaxFiles = 64;
    private readonly string?[] _names = new string?[MaxFiles];
    private readonly int[] _parts = new int[MaxFiles];
    private readonly byte[][] _data = new byte[MaxFiles][];
    private readonly int[] _lengths = new int[MaxFiles];
    private int _open = -1;

    /// <summary>Room for 64 files of <paramref name="capacityPerFile"/> bytes.</summary>
    public MemoryFileStore(int capacityPerFile = 131072)
    {
        for (int i = 0; i < _data.Length; i++) _data[i] = new byte[capacityPerFile];
    }

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Commits so far.</summary>
    public int Commits { get; private set; }

    private int Find(string name, int part)
    {
        for (int i = 0; i < MaxFiles; i++)
            if (_parts[i] == part && _names[i] != null && string.Equals(_names[i], name)) return i;
        return -1;
    }

    public int Length(string name, int part)
    {
        int i = Find(name, part);
        return i < 0 ? -1 : _lengths[i];
    }

    public int Read(string name, int part, int position, byte[] buffer, int offset, int count)
    {
        int i = Find(name, part);
        if (i < 0 || position >= _lengths[i]) return 0;
        int n = Math.Min(count, _lengths[i] - position);
        Array.Copy(_data[i], position, buffer, offset, n);
        return n;
    }

    public bool Create(string name, int part)
    {
        int i = Find(name, part);
        if (i < 0)
        {
            i = Array.IndexOf(_names, null);
            if (i < 0) return false;
            _names[i] = name;
            _parts[i] = part;
        }
        _lengths[i] = 0;
        _open = i;
        return true;
    }

    public bool Write(byte[] buffer, int offset, int count)
    {
        if (_open < 0 || _lengths[_open] + count > _data[_open].Length)
        {
            _open = -1;
            return false;
        }
        Array.Copy(buffer, offset, _data[_open], _lengths[_open], count);
        _lengths[_open] += count;
        BytesWritten += count;
        return true;
    }

    public bool Commit()
    {
        if (_open < 0) return false;
        _open = -1;
        Commits++;
        return true;
    }

    public void Delete(string name, int part)
    {
        int i = Find(name, part);
        if (i < 0) return;
        _names[i] = null;
        if (_open == i) _open = -1;
    }
}

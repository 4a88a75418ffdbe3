using NanoMqtt.Storage;

namespace NanoMqtt.Bench;

/// <summary>
/// An in-memory file store over buffers allocated up front (so allocation figures see the engine
/// alone) that counts what is written (flash wear without flash).
/// </summary>
internal sealed class MemoryStore : IFileStore
{
    private readonly string?[] _names = new string?[4];
    private readonly byte[][] _data = new byte[4][];
    private readonly int[] _lengths = new int[4];
    public long BytesWritten;

    public MemoryStore()
    {
        for (int i = 0; i < _data.Length; i++) _data[i] = new byte[131072];
    }

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
            _names[i] = name;
            _lengths[i] = 0;
        }
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

using System.IO;
using NanoMqtt.Storage;

namespace NanoMqtt.Host;

/// <summary>The journal's files in a folder on disk; each append is flushed to the device before returning.</summary>
public sealed class DirectoryFileStore : IFileStore
{
    private readonly string _folder;

    public DirectoryFileStore(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    private string PathOf(string name) => Path.Combine(_folder, name);

    public int Length(string name)
    {
        var info = new FileInfo(PathOf(name));
        return info.Exists ? (int)info.Length : -1;
    }

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        string path = PathOf(name);
        if (!File.Exists(path)) return 0;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (position >= file.Length) return 0;
        file.Position = position;
        int total = 0;
        while (total < count)
        {
            int n = file.Read(buffer, offset + total, count - total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    public bool Append(string name, byte[] buffer, int offset, int count)
    {
        try
        {
            using var file = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(buffer, offset, count);
            file.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Delete(string name) => File.Delete(PathOf(name));
}

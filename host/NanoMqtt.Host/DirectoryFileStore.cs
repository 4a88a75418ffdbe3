using System;
using System.IO;
using NanoMqtt.Storage;

namespace NanoMqtt.Host;

/// <summary>
/// The journal's files in a folder on disk; each append is flushed to the device before returning.
/// A device's store is <see cref="Claim"/>ed: one owner per folder, as one board owns its flash.
/// </summary>
public sealed class DirectoryFileStore : IFileStore, IDisposable
{
    private const string LockName = ".lock";
    private const string OwnerName = ".owner";
    private readonly string _folder;
    private FileStream? _lock;

    /// <summary>A store over <paramref name="folder"/> with no claim on it (tests that model one device by hand).</summary>
    public DirectoryFileStore(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    /// <summary>The folder the journal lives in.</summary>
    public string Folder => _folder;

    /// <summary>
    /// The store of <paramref name="folder"/>, held exclusively until disposed or the process ends;
    /// null, with <paramref name="error"/> saying why, when another owner (another process, or
    /// another claim in this one) holds it. Two devices on one journal would overwrite each
    /// other's records and leave it unreadable.
    /// </summary>
    public static DirectoryFileStore? Claim(string folder, out string? error)
    {
        var store = new DirectoryFileStore(folder);
        try
        {
            // FileShare.None is an exclusive lock (flock on Linux and macOS), released when the process dies.
            store._lock = new FileStream(Path.Combine(folder, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            string owner = "";
            try { owner = File.ReadAllText(Path.Combine(folder, OwnerName)).Trim(); } catch (IOException) { }
            error = $"the journal in {folder} is in use by another device{(owner.Length > 0 ? $" (process {owner})" : "")}: one device per journal, give each a data folder of its own";
            return null;
        }
        File.WriteAllText(Path.Combine(folder, OwnerName), Environment.ProcessId.ToString());
        error = null;
        return store;
    }

    /// <summary>Gives the folder up.</summary>
    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
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

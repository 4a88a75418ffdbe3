using System;
using System.IO;
using NanoMqtt.Storage;

namespace NanoMqtt.Host;

/// <summary>
/// The journal's files in a folder on disk; a commit is flushed to the device (fsync) before it returns.
/// A device's store is <see cref="Claim"/>ed: one owner per folder, as one board owns its flash.
/// </summary>
public sealed class DirectoryFileStore : IFileStore, IDisposable
{
    private const string LockName = ".lock";
    private const string OwnerName = ".owner";
    private readonly string _folder;
    private FileStream? _lock;
    private FileStream? _open;
    private string? _openPath;

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
        _open?.Dispose();
        _open = null;
        _lock?.Dispose();
        _lock = null;
    }

    private string PathOf(string name, int part) => Path.Combine(_folder, name + "." + part);

    public int Length(string name, int part)
    {
        var info = new FileInfo(PathOf(name, part));
        return info.Exists ? (int)info.Length : -1;
    }

    public int Read(string name, int part, int position, byte[] buffer, int offset, int count)
    {
        string path = PathOf(name, part);
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

    public bool Create(string name, int part)
    {
        Abandon();
        try
        {
            _openPath = PathOf(name, part);
            _open = new FileStream(_openPath, FileMode.Create, FileAccess.Write, FileShare.Read);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _open = null;
            return false;
        }
    }

    public bool Write(byte[] buffer, int offset, int count)
    {
        if (_open == null) return false;
        try
        {
            _open.Write(buffer, offset, count);
            return true;
        }
        catch (IOException)
        {
            Abandon();
            return false;
        }
    }

    public bool Commit()
    {
        FileStream? file = _open;
        if (file == null) return false;
        _open = null;
        try
        {
            file.Flush(flushToDisk: true);
            file.Dispose();
            return true;
        }
        catch (IOException)
        {
            Close(file);
            return false;
        }
    }

    public void Delete(string name, int part)
    {
        string path = PathOf(name, part);
        if (_open != null && _openPath == path) Abandon();
        File.Delete(path);
    }

    // Closes the open part without a commit's flush (what was written may be anywhere from none to all).
    private void Abandon()
    {
        FileStream? file = _open;
        _open = null;
        if (file != null) Close(file);
    }

    private static void Close(FileStream file)
    {
        try { file.Dispose(); } catch (IOException) { }
    }
}

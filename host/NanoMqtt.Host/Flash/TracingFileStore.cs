using System;
using System.Globalization;
using System.IO;
using NanoMqtt.Storage;

namespace NanoMqtt.Host.Flash;

/// <summary>
/// Passes every call to another <see cref="IFileStore"/> and writes one line per call, in order:
/// <c>length f</c>, <c>read f position bytes</c> (bytes asked), <c>create f</c>, <c>append f bytes</c>
/// (a <see cref="Write"/>), <c>commit f</c>, <c>delete f</c>, where <c>f</c> is the part's file name
/// <c>name.part</c>. <see cref="TraceReplay.Run"/> replays such a trace on a <see cref="LittleFsModel"/>.
/// </summary>
public sealed class TracingFileStore : IFileStore
{
    private readonly IFileStore _inner;
    private readonly TextWriter _trace;
    private string? _open;

    /// <summary>Traces the calls made to <paramref name="inner"/> on <paramref name="trace"/>.</summary>
    public TracingFileStore(IFileStore inner, TextWriter trace)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _trace = trace ?? throw new ArgumentNullException(nameof(trace));
    }

    /// <summary>Writes a trace's first line: <c># scenario &lt;scenario&gt; messages &lt;n&gt;</c>.</summary>
    public static void WriteHeader(TextWriter w, string scenario, int messages)
    {
        w.WriteLine("# scenario " + scenario + " messages " + messages.ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc/>
    public int Length(string name, int part)
    {
        Line("length " + File(name, part));
        return _inner.Length(name, part);
    }

    /// <inheritdoc/>
    public int Read(string name, int part, int position, byte[] buffer, int offset, int count)
    {
        Line("read " + File(name, part) + " " + Num(position) + " " + Num(count));
        return _inner.Read(name, part, position, buffer, offset, count);
    }

    /// <inheritdoc/>
    public bool Create(string name, int part)
    {
        _open = File(name, part);
        Line("create " + _open);
        return _inner.Create(name, part);
    }

    /// <inheritdoc/>
    public bool Write(byte[] buffer, int offset, int count)
    {
        Line("append " + (_open ?? "-") + " " + Num(count));
        return _inner.Write(buffer, offset, count);
    }

    /// <inheritdoc/>
    public bool Commit()
    {
        Line("commit " + (_open ?? "-"));
        _open = null;
        return _inner.Commit();
    }

    /// <inheritdoc/>
    public void Delete(string name, int part)
    {
        string file = File(name, part);
        if (file == _open) _open = null;
        Line("delete " + file);
        _inner.Delete(name, part);
    }

    private void Line(string line) => _trace.WriteLine(line);

    private static string File(string name, int part) => name + "." + part.ToString(CultureInfo.InvariantCulture);

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Replays a <see cref="TracingFileStore"/> trace on a <see cref="LittleFsModel"/>.</summary>
public static class TraceReplay
{
    /// <summary>
    /// Replays <paramref name="trace"/> on <paramref name="model"/>, line by line: lines starting
    /// with <c>#</c> and empty lines are skipped; <c>create</c>, <c>append</c> (zeros),
    /// <c>commit</c>, <c>delete</c>, <c>read</c> and <c>length</c> become the model's calls. An
    /// <c>append</c> to a part that is not open opens it with <see cref="LittleFsModel.OpenAppend"/>
    /// first (old-style traces are <c>append f n</c> + <c>commit f</c> per durable append); if
    /// another part is open then, it is committed first. A line that cannot be parsed throws
    /// <see cref="FormatException"/> naming its line number.
    /// </summary>
    public static void Run(TextReader trace, LittleFsModel model)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(model);
        string? open = null;
        byte[] zeros = new byte[4096];
        byte[] sink = new byte[4096];
        int lineNumber = 0;
        string? line;
        while ((line = trace.ReadLine()) != null)
        {
            lineNumber++;
            string text = line.Trim();
            if (text.Length == 0 || text[0] == '#') continue;
            string[] f = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            try
            {
                switch (f[0])
                {
                    case "length":
                        Expect(f, 2);
                        {
                            var (name, part) = Split(f[1]);
                            model.Length(name, part);
                        }
                        break;
                    case "read":
                        Expect(f, 4);
                        {
                            var (name, part) = Split(f[1]);
                            int position = Int(f[2]);
                            int count = Int(f[3]);
                            if (sink.Length < count) sink = new byte[count];
                            model.Read(name, part, position, sink, 0, count);
                        }
                        break;
                    case "create":
                        Expect(f, 2);
                        {
                            var (name, part) = Split(f[1]);
                            model.Create(name, part);
                            open = f[1];
                        }
                        break;
                    case "append":
                        Expect(f, 3);
                        {
                            int count = Int(f[2]);
                            if (open != f[1])
                            {
                                if (open != null) model.Commit();
                                var (name, part) = Split(f[1]);
                                model.OpenAppend(name, part);
                                open = f[1];
                            }
                            if (zeros.Length < count) zeros = new byte[count];
                            model.Write(zeros, 0, count);
                        }
                        break;
                    case "commit":
                        Expect(f, 2);
                        if (open != null) model.Commit();
                        open = null;
                        break;
                    case "delete":
                        Expect(f, 2);
                        {
                            var (name, part) = Split(f[1]);
                            model.Delete(name, part);
                            if (open == f[1]) open = null;
                        }
                        break;
                    default:
                        throw new FormatException("unknown operation '" + f[0] + "'");
                }
            }
            catch (FormatException e)
            {
                throw new FormatException("trace line " + lineNumber + ": " + e.Message, e);
            }
        }
    }

    private static void Expect(string[] fields, int count)
    {
        if (fields.Length != count) throw new FormatException("'" + fields[0] + "' takes " + (count - 1) + " arguments");
    }

    private static (string Name, int Part) Split(string file)
    {
        int dot = file.LastIndexOf('.');
        if (dot <= 0 || dot == file.Length - 1) throw new FormatException("'" + file + "' is not name.part");
        return (file.Substring(0, dot), Int(file.Substring(dot + 1)));
    }

    private static int Int(string s)
    {
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw new FormatException("'" + s + "' is not a count");
        return n;
    }
}

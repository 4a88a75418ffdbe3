using NanoMqtt.Link;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NanoMqtt.Sim;

/// <summary>
/// The live view on Spectre.Console: under the header (printed once, above it, so its command
/// lines are never cut and paste as printed) a session panel, the outputs and inputs, and the
/// latest log lines that fit the terminal. Without a terminal: one plain line per log entry.
/// </summary>
public sealed class View
{
    /// <summary>Rows the session panel takes, borders included.</summary>
    public const int PanelRows = 10;

    private readonly VirtualDevice _device;
    private readonly bool _live;
    private readonly int _headerRows;
    private int _printed;

    /// <summary>A view of <paramref name="device"/> under a header of <paramref name="headerRows"/> screen rows.</summary>
    public View(VirtualDevice device, bool live, int headerRows)
    {
        _device = device;
        _live = live;
        _headerRows = headerRows;
    }

    /// <summary>Calls <paramref name="turn"/> (a main-loop turn and its keys) until it returns false, redrawing every 200 ms.</summary>
    public void Run(Func<bool> turn)
    {
        if (!_live)
        {
            while (turn()) PrintNewLines();
            PrintNewLines();
            return;
        }
        IRenderable Now() => Build(Size(() => Console.WindowWidth, 80), Size(() => Console.WindowHeight, 24));
        AnsiConsole.Live(Now())
            .Overflow(VerticalOverflow.Crop)
            .Cropping(VerticalOverflowCropping.Top)
            .Start(ctx =>
            {
                var next = DateTime.UtcNow;
                while (turn())
                {
                    if (DateTime.UtcNow < next) continue;
                    next = DateTime.UtcNow.AddMilliseconds(200);
                    ctx.UpdateTarget(Now());
                }
            });
    }

    /// <summary>What the live view shows on a terminal of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public IRenderable Build(int width, int height)
    {
        var d = _device;
        var panel = new Panel(new Rows(SessionLines(d).Select(l => (IRenderable)new Markup(l) { Overflow = Overflow.Ellipsis })))
        {
            Header = new PanelHeader(" session "),
            Border = BoxBorder.Rounded,
            Expand = true,
        };
        int room = Math.Max(0, height - _headerRows - PanelRows - 1);
        string[] log;
        lock (d.Log) log = d.Log.Skip(Math.Max(0, d.Log.Count - room)).ToArray();
        var rows = new List<IRenderable> { panel };
        rows.AddRange(log.Select(l => (IRenderable)new Text(l) { Overflow = Overflow.Ellipsis }));
        return new Rows(rows);
    }

    private static IEnumerable<string> SessionLines(VirtualDevice d)
    {
        var e = d.Engine;
        var latency = d.Health.Latency;
        yield return $"link: [bold]{Markup.Escape(LinkText(d))}[/]  attempts {d.Driver.Attempts}  power cuts: {d.PowerCuts}";
        yield return Markup.Escape(Status(d));
        yield return $"session present {(d.LastSessionPresent ? 1 : 0)}  granted expiry {e.GrantedSessionExpiry} s  resumes {d.Health.Resumes}/{d.Health.Connects}";
        yield return $"in flight {e.State.Inflight.Count}  outbox {e.State.Outbox.Count}  incoming QoS 2 {e.State.Incoming.Count}";
        yield return $"journal {e.Journal.Length}/{d.Session.JournalBytes} B  commits {e.Journal.Commits}  compactions {e.Journal.Compactions}";
        yield return $"main loop max {latency.WorstLoopMs} ms  pulse late {latency.WorstPulseLateMs} ms";
        yield return "outputs: " + string.Join("  ", d.Board.Outputs.Select(o => $"{Markup.Escape(o.Name)} {(d.Lamp(o.Name) ? "[yellow](*)[/]" : "( )")}"));
        yield return "inputs:  " + string.Join("  ", d.Board.Inputs.Select((i, n) => $"{Markup.Escape(i.Name)} {(d.Inputs.IsOn(n) ? "[[x]]" : "[[ ]]")}"));
    }

    private void PrintNewLines()
    {
        lock (_device.Log)
        {
            for (; _printed < _device.Log.Count; _printed++) Console.WriteLine(_device.Log[_printed]);
        }
    }

    /// <summary>Screen rows <paramref name="lines"/> take on a terminal <paramref name="width"/> wide (long lines wrap).</summary>
    public static int Rows(IEnumerable<string> lines, int width) => lines.Sum(l => Math.Max(1, (l.Length + width - 1) / width));

    /// <summary>The terminal's width or height, or <paramref name="fallback"/> when there is none.</summary>
    public static int Size(Func<int> read, int fallback)
    {
        try { int n = read(); return n > 0 ? n : fallback; } catch (IOException) { return fallback; }
    }

    private static string LinkText(VirtualDevice d) => d.Driver.IsStopped ? "session ended" : d.Driver.State.ToString();

    // What the link does next: nothing once the session ended; the wait before the next attempt
    // while backing off (on the device's own clock); the last error only while it is not online.
    private static string Status(VirtualDevice d)
    {
        if (d.Driver.IsStopped) return "no more attempts: the session was ended (restart the sim to begin a new one)";
        if (d.Driver.State == LinkState.Online) return "online";
        if (d.Driver.State == LinkState.BackingOff)
            return $"next attempt in {Math.Max(0, d.Driver.NextAttemptAt - d.Clock.NowMs)} ms; last error: {d.Driver.LastError}";
        return $"{d.Driver.State}; last error: {d.Driver.LastError ?? "none"}";
    }
}

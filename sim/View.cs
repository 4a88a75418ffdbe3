using NanoMqtt.Link;

namespace NanoMqtt.Sim;

/// <summary>The live terminal view (redrawn in place), or plain log lines when output is not a terminal.</summary>
public sealed class View
{
    private readonly VirtualDevice _device;
    private readonly bool _live;
    private readonly IReadOnlyList<string> _header;
    private int _printed;
    private DateTime _nextDraw;

    /// <summary>A view of <paramref name="device"/>; the live one keeps <paramref name="header"/> on top of every redraw.</summary>
    public View(VirtualDevice device, bool live, IReadOnlyList<string> header)
    {
        _device = device;
        _live = live;
        _header = header;
    }

    public void Render()
    {
        if (!_live)
        {
            lock (_device.Log)
            {
                for (; _printed < _device.Log.Count; _printed++) Console.WriteLine(_device.Log[_printed]);
            }
            return;
        }
        if (DateTime.UtcNow < _nextDraw) return;
        _nextDraw = DateTime.UtcNow.AddMilliseconds(200);
        var d = _device;
        int width = Size(() => Console.WindowWidth, 80), height = Size(() => Console.WindowHeight, 24);
        var lines = new List<string>(_header) { "" };
        // Status lines are kept under 80 columns and cut to the terminal; the header's command lines
        // are never cut (they must paste as printed), so they wrap and the log gets what is left.
        foreach (string line in new[]
        {
            $"link: {LinkText(d),-18} session present {(d.LastSessionPresent ? 1 : 0)}  expiry {d.Engine.GrantedSessionExpiry} s  power cuts: {d.PowerCuts}",
            $"in flight {d.Engine.State.Inflight.Count}  outbox {d.Engine.State.Outbox.Count}  incoming QoS 2 {d.Engine.State.Incoming.Count}  journal {d.Engine.Journal.Length}/{d.Session.JournalBytes} B, {d.Engine.Journal.Compactions} compactions",
            Status(d),
        }) lines.Add(Cut(line, width));
        lines.Add("outputs: " + string.Join("  ", d.Board.Outputs.Select(o => $"{o.Name} {(d.Lamp(o.Name) ? "\u001b[93m(*)\u001b[0m" : "( )")}")));
        lines.Add(Cut("inputs:  " + string.Join("  ", d.Board.Inputs.Select((i, n) => $"{i.Name} {(d.Inputs.IsOn(n) ? "[x]" : "[ ]")}")), width));
        lines.Add("");
        int used = lines.Sum(l => Math.Max(1, (Visible(l) + width - 1) / width));
        int room = Math.Max(0, height - used - 1);
        lock (d.Log) lines.AddRange(d.Log.Skip(Math.Max(0, d.Log.Count - room)).Select(l => Cut(l, width)));
        Console.Write("\u001b[H" + string.Join("\u001b[K\n", lines) + "\u001b[K\n\u001b[J");
    }

    private static int Size(Func<int> read, int fallback)
    {
        try { int n = read(); return n > 0 ? n : fallback; } catch (IOException) { return fallback; }
    }

    private static int Visible(string line) => System.Text.RegularExpressions.Regex.Replace(line, "\u001b\\[[0-9;]*m", "").Length;

    private static string Cut(string line, int width) => line.Length < width ? line : line[..Math.Max(1, width - 1)];

    private static string LinkText(VirtualDevice d) => d.Driver.IsStopped ? "session ended" : d.Driver.State.ToString();

    // What the link does next: nothing once the session ended; the wait before the next attempt
    // while backing off (on the device's own clock); the last error only while it is not online.
    private static string Status(VirtualDevice d)
    {
        if (d.Driver.IsStopped) return "no more attempts: the session was ended (restart the sim to begin a new one)";
        if (d.Driver.State == LinkState.Online) return "online";
        if (d.Driver.State == LinkState.BackingOff)
            return $"next attempt in {Math.Max(0, d.Driver.NextAttemptAt - d.Clock.NowMs)} ms (attempt {d.Driver.Attempts + 1}); last error: {d.Driver.LastError}";
        return $"{d.Driver.State}; last error: {d.Driver.LastError ?? "none"}";
    }
}

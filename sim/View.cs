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
        var lines = new List<string>(_header) { "" };
        lines.AddRange(new[]
        {
            $"link: {LinkText(d),-18} session present: {(d.LastSessionPresent ? 1 : 0)}   expiry granted: {d.Engine.GrantedSessionExpiry} s   power cuts: {d.PowerCuts}",
            $"in flight: {d.Engine.State.Inflight.Count,-3} outbox: {d.Engine.State.Outbox.Count,-3} incoming QoS 2: {d.Engine.State.Incoming.Count,-3} journal: {d.Engine.Journal.Length} / {d.Session.JournalBytes} bytes, {d.Engine.Journal.Compactions} compactions",
            Status(d),
            "outputs: " + string.Join("  ", d.Board.Outputs.Select(o => $"{o.Name} {(d.Lamp(o.Name) ? "\u001b[93m(*)\u001b[0m" : "( )")}")),
            "inputs:  " + string.Join("  ", d.Board.Inputs.Select((i, n) => $"{i.Name} {(d.Inputs.IsOn(n) ? "[x]" : "[ ]")}")),
            "",
        });
        lock (d.Log) lines.AddRange(d.Log.Skip(Math.Max(0, d.Log.Count - 12)));
        Console.Write("\u001b[H\u001b[J" + string.Join("\n", lines) + "\n");
    }

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

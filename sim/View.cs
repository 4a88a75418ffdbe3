using NanoMqtt.Link;

namespace NanoMqtt.Sim;

/// <summary>The live terminal view (redrawn in place), or plain log lines when output is not a terminal.</summary>
public sealed class View
{
    private readonly VirtualDevice _device;
    private readonly bool _live;
    private int _printed;
    private DateTime _nextDraw;

    public View(VirtualDevice device, bool live)
    {
        _device = device;
        _live = live;
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
        var lines = new List<string>
        {
            $"link: {d.Driver.State,-18} session present: {(d.LastSessionPresent ? 1 : 0)}   expiry granted: {d.Engine.GrantedSessionExpiry} s   power cuts: {d.PowerCuts}",
            $"in flight: {d.Engine.State.Inflight.Count,-3} outbox: {d.Engine.State.Outbox.Count,-3} incoming QoS 2: {d.Engine.State.Incoming.Count,-3} journal: {d.Engine.Journal.Length} / {d.Session.JournalBytes} bytes, {d.Engine.Journal.Compactions} compactions",
            d.Driver.State == LinkState.BackingOff ? $"next attempt in {Math.Max(0, d.Driver.NextAttemptAt - new NanoMqtt.Host.SystemClock().NowMs)} ms (attempt {d.Driver.Backoff.Attempt}); last error: {d.Driver.LastError}" : $"last error: {d.Driver.LastError ?? "none"}",
            "outputs: " + string.Join("  ", d.Board.Outputs.Select(o => $"{o.Name} {(d.Lamp(o.Name) ? "\u001b[93m(*)\u001b[0m" : "( )")}")),
            "inputs:  " + string.Join("  ", d.Board.Inputs.Select((i, n) => $"{i.Name} {(d.Inputs.IsOn(n) ? "[x]" : "[ ]")}")),
            "",
        };
        lock (d.Log) lines.AddRange(d.Log.Skip(Math.Max(0, d.Log.Count - 12)));
        Console.Write("\u001b[H\u001b[J" + string.Join("\n", lines) + "\n");
    }
}

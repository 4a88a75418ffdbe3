using NanoMqtt.Commands;
using NanoMqtt.Config;
using NanoMqtt.Host;
using NanoMqtt.Link;
using NanoMqtt.Session;
using NanoMqtt.Telemetry;

namespace NanoMqtt.Sim;

/// <summary>
/// The firmware's composition on a PC: configuration, board profile, journal in a data folder,
/// virtual GPIO, the session engine and the link driver. <see cref="PowerCut"/> drops everything
/// but the data folder, as losing power does.
/// </summary>
public sealed class VirtualDevice
{
    private readonly DeviceConfig _config;
    private readonly string _dataFolder;
    private readonly string? _caFile;
    public readonly BoardProfile Board;
    public readonly VirtualPins Pins = new();
    public readonly SessionConfig Session = new();
    public readonly LinkConfig Link = new();
    public SessionEngine Engine = null!;
    public LinkDriver Driver = null!;
    public CommandDispatcher Commands = null!;
    public InputReporter Inputs = null!;
    public HealthReporter Health = null!;
    /// <summary>Pin levels of the inputs (a PC has no buttons: the view's key toggles the first).</summary>
    public readonly bool[] InputPins;
    public readonly List<string> Log = new();
    public bool LastSessionPresent;
    public int PowerCuts;

    public VirtualDevice(DeviceConfig config, BoardProfile board, string dataFolder, int readTimeoutMs = 5, int backoffBaseMs = 200, int backoffCapMs = 5000)
    {
        _config = config;
        Board = board;
        _dataFolder = dataFolder;
        _caFile = config.BrokerCaFile;
        config.ApplyTo(Session, Link);
        Session.AppStateKeys = Math.Max(Session.AppStateKeys, board.Outputs.Length);
        Link.ReadTimeoutMs = readTimeoutMs;
        Link.BackoffBaseMs = backoffBaseMs;
        Link.BackoffCapMs = backoffCapMs;
        InputPins = board.Inputs.Select(i => i.ActiveLow).ToArray();
        PowerOn();
    }

    public string ClientId => Session.ClientId;
    public string Prefix => _config.TopicPrefix;
    public string Journal => Path.Combine(_dataFolder, Session.JournalName);

    /// <summary>Boot: outputs to their profile level, then the journal restores the commanded ones, before any network.</summary>
    public void PowerOn()
    {
        var outputs = Board.Outputs;
        Commands = new CommandDispatcher(_config.TopicPrefix,
            outputs.Select(o => o.Name).ToArray(), outputs.Select(o => o.Pin).ToArray(),
            outputs.Select(o => o.ActiveLow).ToArray(), outputs.Select(o => o.InitialOn).ToArray(), Pins, new SystemClock());
        Engine = new SessionEngine(Session, new DirectoryFileStore(_dataFolder), Commands);
        Inputs = new InputReporter(_config.TopicPrefix, Board.Inputs.Select(i => i.Name).ToArray(), Board.Inputs.Select(i => i.ActiveLow).ToArray());
        Health = new HealthReporter(_config.TopicPrefix, 60000, new SystemClock(), new ProcessHealth());
        var opened = Engine.Open();
        Say($"boot: journal {opened}, {Engine.State.Inflight.Count} in flight, {Engine.State.Outbox.Count} queued");
        Driver = new LinkDriver(Engine, Session, Link, new TcpTransport(5000, _caFile), new SystemClock(), new SystemRandom());
    }

    public void PowerCut()
    {
        PowerCuts++;
        Driver.SetNetworkAvailable(false);
        Say("power cut: RAM is gone, the journal stays");
        PowerOn();
    }

    public void SetLink(bool up)
    {
        Driver.SetNetworkAvailable(up);
        Say(up ? "link restored" : "link cut");
    }

    /// <summary>One turn of the main loop.</summary>
    public void Step()
    {
        Driver.Poll();
        Commands.Tick();
        Commands.PublishReports(Engine);
        Inputs.PublishReports(Engine);
        Health.Tick(Engine, Commands.Refused);
        while (Driver.TryGetEvent(out var e, out int arg))
        {
            Health.Observe(e, arg);
            if (e == SessionEvent.Connected) LastSessionPresent = arg == 1;
            Say(Describe(e, arg));
        }
    }

    public bool RunUntil(Func<bool> done, int timeoutMs)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            Step();
            if (done()) return true;
        }
        return false;
    }

    /// <summary>Flips input <paramref name="index"/> as a button press would.</summary>
    public void ToggleInput(int index)
    {
        InputPins[index] = !InputPins[index];
        Inputs.Changed(index, InputPins[index]);
        Say($"input {Board.Inputs[index].Name} is {(Inputs.IsOn(index) ? "on" : "off")}");
    }

    public bool Lamp(string output)
    {
        var o = Board.FindOutput(output) ?? throw new ArgumentException("no output " + output);
        return Pins.IsHigh(o.Pin) != o.ActiveLow;
    }

    private sealed class ProcessHealth : IHealthSource
    {
        public int FreeMemory => (int)Math.Min(int.MaxValue, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes - GC.GetTotalMemory(false));
        public int Rssi => 0;
    }

    private void Say(string line)
    {
        lock (Log) Log.Add($"{DateTime.Now:HH:mm:ss.fff} {line}");
    }

    private static string Describe(SessionEvent e, int arg) => e switch
    {
        SessionEvent.Connected => $"connected, Session Present {arg}",
        SessionEvent.ConnectRefused => $"connection refused (reason {arg})",
        SessionEvent.SessionLost => $"the broker lost the session: {arg} message(s) queued again",
        SessionEvent.ReconnectRequired => "reconnecting to start a clean session",
        SessionEvent.ProtocolError => $"protocol error ({arg})",
        SessionEvent.MessageCompleted => $"message {arg} acknowledged",
        SessionEvent.MessageRejected => $"message refused by the broker (reason {arg})",
        SessionEvent.MessageDropped => $"message {arg} dropped",
        SessionEvent.Subscribed => arg == 0 ? "subscribed" : $"subscribed, {arg} filter(s) refused",
        SessionEvent.JournalError => $"journal error ({arg})",
        SessionEvent.SessionEnded => "session ended",
        SessionEvent.Disconnected => $"the broker disconnected (reason {arg})",
        _ => e + " " + arg,
    };
}

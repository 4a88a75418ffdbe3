using NanoMqtt.App;
using NanoMqtt.Commands;
using NanoMqtt.Config;
using NanoMqtt.Host;
using NanoMqtt.Link;
using NanoMqtt.Session;
using NanoMqtt.Telemetry;

namespace NanoMqtt.Sim;

/// <summary>
/// The GPIO app on a PC: the same <see cref="GpioApp"/> the board runs, with a journal in a data
/// folder, virtual GPIO and a TCP/TLS transport. <see cref="PowerCut"/> drops everything but the
/// data folder, as losing power does.
/// </summary>
public sealed class VirtualDevice : IAppLog, IDisposable
{
    private readonly DeviceConfig _config;
    private readonly string _dataFolder;
    private readonly DirectoryFileStore _files;
    private readonly string? _caFile;
    private readonly string? _clientCert, _clientKey, _clientKeyPassword;
    private readonly int _readTimeoutMs;
    private readonly int _backoffBaseMs;
    private readonly int _backoffCapMs;
    private readonly Func<ITransport, ITransport>? _wrapTransport;
    private readonly object _power = new();
    private bool _linkUp = true;
    private ITransport? _transport;
    public readonly BoardProfile Board;
    /// <summary>The device's monotonic clock (the link driver's deadlines are on it).</summary>
    public readonly SystemClock Clock = new();
    public readonly VirtualPins Pins;
    /// <summary>The shared GPIO app, rebuilt at every power-on as the board's RAM would be.</summary>
    public GpioApp App = null!;
    /// <summary>Pin levels of the inputs (a PC has no buttons: the view's key toggles the first).</summary>
    public readonly bool[] InputPins;
    public readonly List<string> Log = new();
    public int PowerCuts;

    /// <summary>A device over the data folder <paramref name="dataFolder"/>; <paramref name="wrapTransport"/>
    /// (tests) wraps its TCP/TLS transport.</summary>
    public VirtualDevice(DeviceConfig config, BoardProfile board, string dataFolder, int readTimeoutMs = 5, int backoffBaseMs = 200, int backoffCapMs = 5000,
        Func<ITransport, ITransport>? wrapTransport = null)
    {
        _config = config;
        _wrapTransport = wrapTransport;
        Pins = new VirtualPins(Clock);
        Board = board;
        _dataFolder = dataFolder;
        _files = DirectoryFileStore.Claim(dataFolder, out string? error) ?? throw new JournalInUseException(error!);
        _caFile = config.BrokerCaFile;
        _clientCert = config.BrokerClientCert;
        _clientKey = config.BrokerClientKey;
        _clientKeyPassword = config.BrokerClientKeyPassword;
        _readTimeoutMs = readTimeoutMs;
        _backoffBaseMs = backoffBaseMs;
        _backoffCapMs = backoffCapMs;
        InputPins = board.Inputs.Select(i => i.ActiveLow).ToArray();
        try
        {
            PowerOn();
        }
        catch
        {
            // A certificate file that is missing or wrong: a device that never ran does not keep its journal's folder.
            _files.Dispose();
            throw;
        }
        PulseThread.Add(this);
    }

    public SessionConfig Session => App.Session;
    public LinkConfig Link => App.Link;
    public SessionEngine Engine => App.Engine;
    public LinkDriver Driver => App.Driver;
    public CommandDispatcher Commands => App.Commands;
    public InputReporter Inputs => App.Inputs;
    public HealthReporter Health => App.Health;
    public bool LastSessionPresent => App.LastSessionPresent;
    public string ClientId => Session.ClientId;
    public string Prefix => _config.TopicPrefix;
    public string Journal => Path.Combine(_dataFolder, Session.JournalName);

    /// <summary>Boot: outputs to their profile level, then the journal restores the commanded ones, before any network.</summary>
    public void PowerOn()
    {
        lock (_power) PowerOnLocked();
    }

    private void PowerOnLocked()
    {
        App = new GpioApp(_config, Board, Pins, Clock, new ProcessHealth(), 60000, this);
        App.Link.ReadTimeoutMs = _readTimeoutMs;
        App.Link.BackoffBaseMs = _backoffBaseMs;
        App.Link.BackoffCapMs = _backoffCapMs;
        App.Open(_files);
        for (int i = 0; i < InputPins.Length; i++) App.InputAtBoot(i, InputPins[i]);
        _transport?.Close();
        ITransport transport = new TcpTransport(5000, _caFile, _clientCert, _clientKey, _clientKeyPassword);
        _transport = _wrapTransport == null ? transport : _wrapTransport(transport);
        App.Connect(_transport, new SystemRandom());
        App.SetNetwork(_linkUp, DateTime.UtcNow);
    }

    /// <summary>The pulse thread's turn: ends this device's pulses that are due.</summary>
    internal void TimerTick()
    {
        lock (_power) App.TimerTick();
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
        _linkUp = up;
        App.SetNetwork(up, DateTime.UtcNow);
        Say(up ? "link restored" : "link cut");
    }

    /// <summary>One turn of the main loop: the app's, as on the board.</summary>
    public void Step() => App.Step();

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
        App.InputChanged(index, InputPins[index]);
        bool on = InputPins[index] != Board.Inputs[index].ActiveLow;
        Say($"input {Board.Inputs[index].Name} is {(on ? "on" : "off")}");
    }

    public bool Lamp(string output)
    {
        var o = Board.FindOutput(output) ?? throw new ArgumentException("no output " + output);
        return Pins.IsHigh(o.Pin) != o.ActiveLow;
    }

    void IAppLog.Line(string text) => Say(text);

    /// <summary>The sim stops: the link closes as a power cut would close it, and the data folder is free for the next run.</summary>
    public void Dispose()
    {
        _transport?.Close();
        _files.Dispose();
    }

    private sealed class ProcessHealth : IHealthSource
    {
        public long FreeMemory => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes - GC.GetTotalMemory(false);
        public int Rssi => 0;
    }

    private void Say(string line)
    {
        lock (Log) Log.Add($"{DateTime.Now:HH:mm:ss.fff} {line}");
    }
}

/// <summary>Another device holds the data folder's journal.</summary>
public sealed class JournalInUseException(string message) : IOException(message);

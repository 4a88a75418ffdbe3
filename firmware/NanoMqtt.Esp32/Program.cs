using System;
using System.Device.Gpio;
using System.Threading;
using nanoFramework.Runtime.Native;
using NanoMqtt.Commands;
using NanoMqtt.Config;
using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;
using NanoMqtt.Runtime;

namespace NanoMqtt.Esp32
{
    /// <summary>
    /// The firmware's composition root: settings from <c>I:\</c>, outputs restored from the journal
    /// before any network, Wi-Fi joined in the background, then the main loop (link driver, command
    /// pulses, state reports, status LED, health) under a guard that rebuilds the session from the
    /// journal after an unexpected exception, counts it, and reboots when it keeps happening.
    /// All behaviour lives in the NanoMqtt library and the NanoMqtt.Gpio app, tested on the host; this file only wires it up.
    /// </summary>
    public sealed class Program
    {
        private const int SettingsRetryMs = 10000;
        private const int IdleSleepMs = 20;
        private const int WifiPollMs = 5000;
        private const int FirstHealthMs = 30000;
        private const int HealthEveryMs = 300000;
        private const int SocketTimeoutMs = 10000;
        private const int RestartPauseMs = 1000;
        private const int RestartWindowMs = 600000;
        private const int RestartsBeforeReboot = 5;
        private const int FailedStartRebootMs = 60000;

        private readonly Settings _settings;
        private readonly DeviceClock _clock = new DeviceClock();
        private readonly SessionConfig _session = new SessionConfig();
        private readonly LinkConfig _link = new LinkConfig();
        private LittleFsFileStore _files;
        private CommandDispatcher _commands;
        private StatusLed _led;
        private GpioInputs _inputs;
        private WifiLinkState _wifi;
        private SocketTransport _transport;
        private DeviceRandom _random;
        private Slice _telemetryTopic;
        private SessionEngine _engine;
        private LinkDriver _driver;
        private int _restarts;

        private Program(Settings settings)
        {
            _settings = settings;
        }

        /// <summary>Waits for valid settings (a bad configuration never crashes the device), then runs for ever.</summary>
        public static void Main()
        {
            Log.Line("NanoMqtt firmware starting");
            Settings settings = null;
            while (settings == null)
            {
                try
                {
                    settings = Settings.Load();
                }
                catch (Exception e)
                {
                    Log.Line("reading the settings failed: " + Describe(e));
                }
                if (settings != null) break;
                Log.Line("reading " + Settings.ConfigFile + " again in " + (SettingsRetryMs / 1000).ToString() + " s");
                Thread.Sleep(SettingsRetryMs);
            }
            Program device = new Program(settings);
            try
            {
                device.Start();
            }
            catch (Exception e)
            {
                // A board profile this chip cannot honour, a drive that cannot be read: retrying
                // in-process would find pins already open, so start afresh.
                Log.Line("start failed: " + Describe(e) + "; rebooting in " + (FailedStartRebootMs / 1000).ToString() + " s");
                Thread.Sleep(FailedStartRebootMs);
                Power.RebootDevice();
            }
            device.RunGuarded();
        }

        /// <summary>Outputs first (from the board profile, then the journal), then everything the network needs.</summary>
        private void Start()
        {
            DeviceConfig config = _settings.Config;
            BoardProfile board = _settings.Board;
            config.ApplyTo(_session, _link);
            if (_session.AppStateKeys < board.Outputs.Length) _session.AppStateKeys = board.Outputs.Length;

            GpioController gpio = new GpioController();
            GpioPins pins = new GpioPins(gpio);
            OutputPin[] outputs = board.Outputs;
            string[] names = new string[outputs.Length];
            ReferenceArray.FillWithNulls(names);
            int[] numbers = new int[outputs.Length];
            bool[] activeLow = new bool[outputs.Length];
            bool[] initial = new bool[outputs.Length];
            for (int i = 0; i < outputs.Length; i++)
            {
                names[i] = outputs[i].Name;
                numbers[i] = outputs[i].Pin;
                activeLow[i] = outputs[i].ActiveLow;
                initial[i] = outputs[i].InitialOn;
            }
            // The dispatcher sets every output to its profile level, then the journal restores the
            // commanded ones; the pins are held meanwhile so each is driven once, to its final level.
            pins.Hold();
            _commands = new CommandDispatcher(config.TopicPrefix, names, numbers, activeLow, initial, pins, _clock);
            _files = new LittleFsFileStore(DeviceFiles.Drive);
            OpenEngine();
            pins.Release();
            _led = new StatusLed(pins, board.StatusLed);

            _inputs = new GpioInputs(gpio, board.Inputs);
            _inputs.Changed += new InputChangedHandler(OnInputChanged);

            _wifi = new WifiLinkState();
            new WifiJoin(config.WifiSsid, config.WifiPassword, config.BrokerTls, _wifi).Start();
            _transport = new SocketTransport(_settings.Ca, SocketTimeoutMs);
            _random = new DeviceRandom(_settings.Mac);
            _telemetryTopic = Slice.FromString(config.TopicPrefix + "/telemetry");
            _driver = new LinkDriver(_engine, _session, _link, _transport, _clock, _random);
            Log.Line("client id " + _session.ClientId + ", broker " + _link.Host + ":" + _link.Port.ToString() + (_link.Tls ? " (TLS)" : ""));
        }

        private void OpenEngine()
        {
            _engine = new SessionEngine(_session, _files, _commands);
            JournalOpenResult opened = _engine.Open();
            Log.Line("journal " + Describe(opened) + ": " + _engine.State.Inflight.Count.ToString() + " in flight, "
                + _engine.State.Outbox.Count.ToString() + " queued; outputs restored");
        }

        /// <summary>The watchdog-style guard: the loop never ends; an exception restarts it over a session rebuilt from the journal.</summary>
        private void RunGuarded()
        {
            long windowStart = _clock.NowMs;
            int inWindow = 0;
            while (true)
            {
                try
                {
                    if (_driver == null)
                    {
                        OpenEngine();
                        _driver = new LinkDriver(_engine, _session, _link, _transport, _clock, _random);
                    }
                    Loop();
                }
                catch (Exception e)
                {
                    _restarts++;
                    Log.Line("the main loop stopped: " + Describe(e) + "; restart " + _restarts.ToString());
                    _driver = null;
                    _transport.Close();
                    long now = _clock.NowMs;
                    if (now - windowStart > RestartWindowMs)
                    {
                        windowStart = now;
                        inWindow = 0;
                    }
                    inWindow++;
                    if (inWindow > RestartsBeforeReboot)
                    {
                        Log.Line(inWindow.ToString() + " restarts within " + (RestartWindowMs / 60000).ToString() + " min: rebooting");
                        Power.RebootDevice();
                    }
                    Thread.Sleep(RestartPauseMs);
                }
            }
        }

        private void Loop()
        {
            long nextWifiPoll = 0;
            long nextHealth = _clock.NowMs + FirstHealthMs;
            bool wifiWasUp = false;
            LinkState lastState = _driver.State;
            while (true)
            {
                long now = _clock.NowMs;
                if (now >= nextWifiPoll)
                {
                    _wifi.Refresh();
                    nextWifiPoll = now + WifiPollMs;
                }
                bool wifiUp = _wifi.IsUp;
                if (wifiUp != wifiWasUp)
                {
                    Log.Line(wifiUp ? "network up" : "network down");
                    wifiWasUp = wifiUp;
                }
                _wifi.ApplyTo(_driver);
                _driver.Poll();
                _commands.Tick();
                _commands.PublishReports(_engine);
                SessionEvent e;
                int argument;
                while (_driver.TryGetEvent(out e, out argument)) Log.Line(Describe(e, argument));
                if (_driver.State != lastState)
                {
                    lastState = _driver.State;
                    Log.Line("link " + Describe(lastState) + (lastState == LinkState.BackingOff && _driver.LastError != null ? ": " + _driver.LastError : ""));
                }
                _led.Show(lastState == LinkState.Online, now);
                if (now >= nextHealth)
                {
                    ReportHealth();
                    nextHealth = now + HealthEveryMs;
                }
                if (lastState != LinkState.Online && lastState != LinkState.AwaitingConnAck) Thread.Sleep(IdleSleepMs);
            }
        }

        /// <summary>Logs the health figures and publishes them (QoS 1, only the latest kept while offline) on &lt;prefix&gt;/telemetry.</summary>
        private void ReportHealth()
        {
            uint largest;
            uint native = DeviceHealth.FreeNativeBytes(out largest);
            string json = "{\"uptime\":" + (_clock.NowMs / 1000).ToString()
                + ",\"freeManaged\":" + DeviceHealth.FreeManagedBytes().ToString()
                + ",\"freeNative\":" + native.ToString()
                + ",\"largestNative\":" + largest.ToString()
                + ",\"restarts\":" + _restarts.ToString()
                + ",\"sessions\":" + _driver.Sessions.ToString()
                + ",\"inflight\":" + _engine.State.Inflight.Count.ToString()
                + ",\"queued\":" + _engine.State.Outbox.Count.ToString()
                + ",\"applied\":" + _commands.Applied.ToString()
                + ",\"refused\":" + _commands.Refused.ToString() + "}";
            Log.Line("health " + json);
            PublishResult result = _engine.PublishLatest(_telemetryTopic, Slice.FromString(json), 1, false);
            if (result != PublishResult.Accepted && result != PublishResult.AcceptedDroppingOlder) Log.Line("health not published: " + Describe(result));
        }

        private void OnInputChanged(int index, bool on)
        {
            // Reporting inputs over MQTT belongs to the core's Telemetry layer (not built yet).
            Log.Line("input " + _inputs.Name(index) + (on ? " on" : " off"));
        }

        private static string Describe(Exception e)
        {
            return e.GetType().FullName + (e.Message != null && e.Message.Length > 0 ? ": " + e.Message : "");
        }

        private static string Describe(JournalOpenResult result)
        {
            switch (result)
            {
                case JournalOpenResult.New: return "new";
                case JournalOpenResult.Resumed: return "resumed";
                case JournalOpenResult.TailCut: return "resumed (torn tail cut)";
                case JournalOpenResult.Lost: return "unreadable, started anew";
                default: return "open result " + ((int)result).ToString();
            }
        }

        private static string Describe(LinkState state)
        {
            switch (state)
            {
                case LinkState.WaitingForNetwork: return "waiting for the network";
                case LinkState.BackingOff: return "backing off";
                case LinkState.AwaitingConnAck: return "connecting";
                case LinkState.Online: return "online";
                default: return "state " + ((int)state).ToString();
            }
        }

        private static string Describe(PublishResult result)
        {
            switch (result)
            {
                case PublishResult.OutboxFull: return "outbox full";
                case PublishResult.TooLarge: return "too large";
                case PublishResult.Invalid: return "invalid topic";
                case PublishResult.JournalFull: return "journal full";
                case PublishResult.Ending: return "session ending";
                default: return "result " + ((int)result).ToString();
            }
        }

        private static string Describe(SessionEvent e, int argument)
        {
            string arg = argument.ToString();
            switch (e)
            {
                case SessionEvent.Connected: return "connected, Session Present " + arg;
                case SessionEvent.ConnectRefused: return "connection refused (reason " + arg + ")";
                case SessionEvent.SessionLost: return "the broker lost the session: " + arg + " message(s) queued again";
                case SessionEvent.ReconnectRequired: return "reconnecting to start a clean session";
                case SessionEvent.ProtocolError: return "protocol error (" + arg + ")";
                case SessionEvent.MessageCompleted: return "message " + arg + " acknowledged";
                case SessionEvent.MessageRejected: return "message refused by the broker (reason " + arg + ")";
                case SessionEvent.MessageDropped: return "message " + arg + " dropped";
                case SessionEvent.Subscribed: return argument == 0 ? "subscribed" : "subscribed, " + arg + " filter(s) refused";
                case SessionEvent.JournalError: return "journal error (" + arg + ")";
                case SessionEvent.SessionEnded: return "session ended";
                case SessionEvent.Disconnected: return "the broker disconnected (reason " + arg + ")";
                default: return "event " + ((int)e).ToString() + " " + arg;
            }
        }
    }
}

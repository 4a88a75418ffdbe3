using NanoMqtt.Commands;
using NanoMqtt.Config;
using NanoMqtt.Link;
using NanoMqtt.Network;
using NanoMqtt.Protocol;
using NanoMqtt.Runtime;
using NanoMqtt.Session;
using NanoMqtt.Storage;
using NanoMqtt.Telemetry;

namespace NanoMqtt.App
{
    /// <summary>
    /// The GPIO app's one wiring, the same on the board and in the virtual device: configuration
    /// and board profile size the session; commands drive the outputs; inputs and health are
    /// published; state reports and errors go to the status topics. The board and the sim pass
    /// their adapters in and call <see cref="Step"/> from their main loop.
    /// </summary>
    public sealed class GpioApp
    {
        private readonly IClock _clock;
        private readonly IAppLog _log;
        private readonly Slice _statusTopic;
        private readonly Slice _online = Slice.FromString("online");
        private readonly Slice _offline = Slice.FromString("offline");
        private readonly RestartGuard _restarts = new RestartGuard(MaxRestarts, RestartWindowMs);
        private IFileStore _files;
        private ITransport _transport;
        private IRandom _random;
        private readonly LinkLog _linkLog;
        private readonly NetworkGate _network;

        /// <summary>More main-loop restarts than this within <see cref="RestartWindowMs"/> call for a reboot.</summary>
        public const int MaxRestarts = 5;
        /// <summary>The window <see cref="MaxRestarts"/> counts in.</summary>
        public const int RestartWindowMs = 600000;
        private bool _ending;
        private int _offlineNumber;
        private long _endBy;

        /// <summary>How long <see cref="EndSession"/> waits for the broker to acknowledge "offline".</summary>
        public const int OfflineWaitMs = 5000;
        /// <summary>A main-loop turn this much later than the previous one is logged (a native call held the device).</summary>
        public const int HeldLogMs = 1000;

        /// <summary>The session's settings (from the configuration).</summary>
        public readonly SessionConfig Session = new SessionConfig();
        /// <summary>The link's settings (from the configuration).</summary>
        public readonly LinkConfig Link = new LinkConfig();
        /// <summary>Commands to outputs, state and error reports.</summary>
        public readonly CommandDispatcher Commands;
        /// <summary>Input levels, published on change.</summary>
        public readonly InputReporter Inputs;
        /// <summary>Health, published every interval.</summary>
        public readonly HealthReporter Health;
        /// <summary>The board's status LED (steady while online, blinking otherwise).</summary>
        public readonly StatusLed Led;
        /// <summary>The session engine (after <see cref="Open(IFileStore, int)"/>).</summary>
        public SessionEngine Engine;
        /// <summary>The link driver (after <see cref="Connect"/>).</summary>
        public LinkDriver Driver;
        /// <summary>Session Present of the last accepted connection.</summary>
        public bool LastSessionPresent;

        /// <summary>The app for <paramref name="board"/>: every output goes to its profile level now.</summary>
        public GpioApp(DeviceConfig config, BoardProfile board, IPins pins, IClock clock, IHealthSource health, int healthIntervalMs, IAppLog log)
        {
            _clock = clock;
            _log = log;
            _linkLog = new LinkLog(log, clock);
            _network = new NetworkGate(config.BrokerTls);
            IPins shared = new LockedPins(pins);
            config.ApplyTo(Session, Link);
            _statusTopic = Slice.FromString(config.StatusTopic);
            if (Session.AppStateKeys < board.Outputs.Length) Session.AppStateKeys = board.Outputs.Length;
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
            Commands = new CommandDispatcher(config.TopicPrefix, names, numbers, activeLow, initial, shared, clock);
            Inputs = new InputReporter(config.TopicPrefix, InputNames(board), InputActiveLow(board));
            Health = new HealthReporter(config.TopicPrefix, healthIntervalMs, clock, health);
            Led = new StatusLed(shared, board.StatusLed);
        }

        /// <summary>Opens the journal: the commanded output levels come back before any network.</summary>
        public JournalOpenResult Open(IFileStore files)
        {
            return Open(files, 0);
        }

        /// <summary>Opens the journal on a flash partition of <paramref name="partitionBytes"/> (0: no limit known),
        /// with a bound the partition holds.</summary>
        public JournalOpenResult Open(IFileStore files, int partitionBytes)
        {
            if (partitionBytes > 0) FitJournal(partitionBytes);
            _files = files;
            Engine = new SessionEngine(Session, files, Commands);
            JournalOpenResult opened = Engine.Open();
            _log.Line("journal " + EventText.Describe(opened) + ": " + Engine.State.Inflight.Count.ToString() + " in flight, "
                + Engine.State.Outbox.Count.ToString() + " queued; outputs restored");
            Commands.StatesDue();
            if (opened == JournalOpenResult.Lost) Commands.Report("error: the journal was unreadable and started anew: outputs at their profile levels, unacknowledged messages lost");
            return opened;
        }

        // A journal bound the partition cannot hold would fail at its first compaction with the
        // flash full: the largest that fits is used instead, and said so.
        private void FitJournal(int partitionBytes)
        {
            if (JournalSize.Fits(Session.JournalBytes, partitionBytes)) return;
            int fit = JournalSize.ForPartition(partitionBytes);
            if (fit < 4 * Session.MaxPacketSize) fit = 4 * Session.MaxPacketSize;
            _log.Line("journal.bytes " + Session.JournalBytes.ToString() + " does not fit the " + (partitionBytes / 1024).ToString()
                + " KB flash partition: using " + fit.ToString());
            Session.JournalBytes = fit;
            if (Session.OutboxBytes >= fit) Session.OutboxBytes = fit / 4;
        }

        /// <summary>Starts the link over <paramref name="transport"/> (after <see cref="Open(IFileStore, int)"/>).</summary>
        public void Connect(ITransport transport, IRandom random)
        {
            _transport = transport;
            _random = random;
            Driver = new LinkDriver(Engine, Session, Link, transport, _clock, random);
            _linkLog.Start(Driver);
            _log.Line("client id " + Session.ClientId + ", broker " + Link.Host + ":" + Link.Port.ToString() + (Link.Tls ? " (TLS)" : ""));
        }

        /// <summary>
        /// After an unexpected exception in the main loop: the session is rebuilt from the journal and
        /// the link starts again. False when it keeps happening (more than <see cref="MaxRestarts"/>
        /// in <see cref="RestartWindowMs"/>): only a reboot is left.
        /// </summary>
        public bool Recover(System.Exception e)
        {
            _log.Line("the main loop stopped: " + e.GetType().FullName + " " + e.Message);
            if (_restarts.Restarted(_clock.NowMs)) return false;
            _transport.Close();
            Open(_files);
            Connect(_transport, _random);
            return true;
        }

        /// <summary>Input <paramref name="index"/>'s pin reads <paramref name="high"/> (debounced). Safe from a GPIO
        /// event thread: the level is published by <see cref="Step"/>.</summary>
        public void InputChanged(int index, bool high)
        {
            Inputs.Changed(index, high);
        }

        /// <summary>
        /// Wi-Fi is <paramref name="wifiUp"/> and the wall clock reads <paramref name="utcNow"/>; call
        /// from the main loop. With TLS the network counts as up only once the clock is set.
        /// </summary>
        public void SetNetwork(bool wifiUp, System.DateTime utcNow)
        {
            bool wasClock = _network.Wait == NetworkWait.Clock;
            if (_network.Update(wifiUp, utcNow))
            {
                if (_network.Wait == NetworkWait.Clock) _log.Line("TLS waits for the clock: it reads " + NetworkGate.Date(utcNow) + ", and certificates cannot be checked before SNTP sets it (0.pool.ntp.org, 1.pool.ntp.org; UDP port 123)");
                else if (wasClock && _network.IsUp) _log.Line("the clock is set (" + NetworkGate.Date(utcNow) + "): TLS can start");
            }
            Driver.SetNetworkAvailable(_network.IsUp);
        }

        /// <summary>What the link waits for before it may try the broker.</summary>
        public NetworkWait NetworkWait
        {
            get { return _network.Wait; }
        }

        /// <summary>Ends the pulses that are due. Safe from a timer thread of its own, which keeps pulses on
        /// time while the main loop is held (a DNS lookup, a connect, a TLS handshake).</summary>
        public void TimerTick()
        {
            Commands.Pulses.Tick(_clock.NowMs);
        }

        /// <summary>True while the session is online.</summary>
        public bool IsOnline
        {
            get { return Driver.State == LinkState.Online; }
        }

        /// <summary>Input <paramref name="index"/>'s pin reads <paramref name="high"/> at boot (a button held through a reset is on).</summary>
        public void InputAtBoot(int index, bool high)
        {
            Inputs.AtBoot(index, high);
        }

        /// <summary>One turn of the main loop: the link, pulses, reports, inputs, health, events, the status LED.</summary>
        public void Step()
        {
            long held = Health.Latency.Step(_clock.NowMs);
            if (held >= HeldLogMs) _log.Line("the main loop was held for " + held.ToString() + " ms (link " + EventText.Describe(Driver.State) + ")");
            Driver.Poll();
            Commands.Tick();
            Health.Latency.PulseLate(Commands.Pulses.TakeWorstLateMs());
            // The step's reports go to flash in one commit; refused, they are all due again.
            Engine.BeginBatch();
            Commands.PublishReports(Engine);
            Inputs.PublishReports(Engine);
            Health.Tick(Engine, Commands.Applied, Commands.Refused);
            if (Engine.EndBatch() != JournalStatus.Ok)
            {
                Commands.StatesDue();
                Inputs.AllDue();
            }
            SessionEvent e;
            int argument;
            while (Driver.TryGetEvent(out e, out argument))
            {
                Health.Observe(e, argument);
                if (e == SessionEvent.Connected) Announce(argument == 1);
                if (e == SessionEvent.MessageCompleted && _ending && argument == _offlineNumber) FinishEnding();
                if (e == SessionEvent.SubscriptionDowngraded) Downgraded(argument);
                _log.Line(EventText.Describe(e, argument));
            }
            if (_ending && _clock.NowMs >= _endBy) FinishEnding();
            Led.Show(IsOnline, _clock.NowMs);
            _linkLog.Observe(Driver);
        }

        /// <summary>
        /// Ends the session on purpose (decommission). A clean DISCONNECT suppresses the Will, so
        /// "offline" is published first (retained, QoS 1) and the session ends once the broker has
        /// acknowledged it, or after <see cref="OfflineWaitMs"/>. Offline, the Will has said it already.
        /// </summary>
        public void EndSession()
        {
            if (_ending) return;
            PublishResult r = IsOnline ? Engine.Publish(_statusTopic, _offline, 1, true) : PublishResult.NotConnected;
            if (r != PublishResult.Accepted && r != PublishResult.AcceptedDroppingOlder)
            {
                Driver.EndSession();
                return;
            }
            _ending = true;
            _offlineNumber = (int)(Engine.State.NextMessageNumber - 1);
            _endBy = _clock.NowMs + OfflineWaitMs;
        }

        private void FinishEnding()
        {
            _ending = false;
            Driver.EndSession();
        }

        // The Will says "offline" (retained) when the link dies; every accepted connection says
        // "online" over it. QoS 1 so a link lost right after CONNACK still delivers it. A new
        // session may meet retained states that are not the outputs' (another session's): all again.
        private void Announce(bool sessionPresent)
        {
            LastSessionPresent = sessionPresent;
            Engine.Publish(_statusTopic, _online, 1, true);
            if (!sessionPresent) Commands.StatesDue();
        }

        private void Downgraded(int index)
        {
            ErrorReports errors = Commands.Errors;
            if (!errors.Begin()) return;
            errors.Add("error: the broker granted ");
            errors.Add(Engine.SubscriptionFilter(index));
            errors.Add(" less QoS than asked: its commands may be applied more than once");
        }

        private static string[] InputNames(BoardProfile board)
        {
            string[] names = new string[board.Inputs.Length];
            ReferenceArray.FillWithNulls(names);
            for (int i = 0; i < names.Length; i++) names[i] = board.Inputs[i].Name;
            return names;
        }

        private static bool[] InputActiveLow(BoardProfile board)
        {
            bool[] activeLow = new bool[board.Inputs.Length];
            for (int i = 0; i < activeLow.Length; i++) activeLow[i] = board.Inputs[i].ActiveLow;
            return activeLow;
        }
    }
}

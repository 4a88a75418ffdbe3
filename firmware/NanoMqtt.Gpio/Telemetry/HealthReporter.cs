using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Telemetry
{
    /// <summary>
    /// Publishes health on &lt;prefix&gt;/telemetry every interval while connected (QoS 1), so
    /// the figures are those of the moment it goes out, as one line of "key=value" fields:
    /// <c>uptime=3600 mem=41234 rssi=-61 connects=3 resumes=2 lost=0 journal=2210 commits=412 outbox=0 dropped=0 applied=12 refused=1 loop-max-ms=31 pulse-late-ms=4</c>.
    /// The last two are the worst since the previous report (<see cref="LoopLatency"/>).
    /// </summary>
    public sealed class HealthReporter
    {
        private readonly Slice _topic;
        private readonly int _intervalMs;
        private readonly IClock _clock;
        private readonly IHealthSource _source;
        private readonly PayloadText _text = new PayloadText(256);
        private readonly long _start;
        private long _next;

        /// <summary>Main-loop and pulse latency, reset at every report.</summary>
        public readonly LoopLatency Latency = new LoopLatency();
        /// <summary>Connections, resumed sessions and lost sessions seen (from the session events).</summary>
        public int Connects;
        /// <summary>Connections where the broker resumed the session.</summary>
        public int Resumes;
        /// <summary>Sessions the broker had lost.</summary>
        public int Lost;
        /// <summary>Messages dropped (outbox policy, broker limits).</summary>
        public int Dropped;

        /// <summary>Health under <paramref name="prefix"/> every <paramref name="intervalMs"/>.</summary>
        public HealthReporter(string prefix, int intervalMs, IClock clock, IHealthSource source)
        {
            _topic = Slice.FromString(prefix + "/telemetry");
            _intervalMs = intervalMs;
            _clock = clock;
            _source = source;
            _start = clock.NowMs;
            _next = _start;
        }

        /// <summary>Counts what health reports (pass every session event here).</summary>
        public void Observe(SessionEvent e, int argument)
        {
            if (e == SessionEvent.Connected)
            {
                Connects++;
                if (argument == 1) Resumes++;
            }
            else if (e == SessionEvent.SessionLost) Lost++;
            else if (e == SessionEvent.MessageDropped) Dropped++;
        }

        /// <summary>The payload as it would be published now (for logs and tests).</summary>
        public Slice Describe(SessionEngine engine, int appliedCommands, int refusedCommands)
        {
            long now = _clock.NowMs;
            _text.Clear();
            _text.Field("uptime", (now - _start) / 1000);
            _text.Field("mem", _source == null ? 0 : _source.FreeMemory);
            _text.Field("rssi", _source == null ? 0 : _source.Rssi);
            _text.Field("connects", Connects);
            _text.Field("resumes", Resumes);
            _text.Field("lost", Lost);
            _text.Field("journal", engine.Journal.Length);
            // Flash wear shows in commits (each a LittleFS metadata write), not in bytes.
            _text.Field("commits", engine.Journal.Commits);
            _text.Field("outbox", engine.State.Outbox.Count);
            _text.Field("dropped", Dropped);
            _text.Field("applied", appliedCommands);
            _text.Field("refused", refusedCommands);
            _text.Field("loop-max-ms", Latency.WorstLoopMs);
            _text.Field("pulse-late-ms", Latency.WorstPulseLateMs);
            return _text.Text;
        }

        /// <summary>Publishes when the interval has passed and the session is connected; true when it did.</summary>
        public bool Tick(SessionEngine engine, int appliedCommands, int refusedCommands)
        {
            long now = _clock.NowMs;
            if (now < _next || !engine.IsConnected) return false;
            _next = now + _intervalMs;
            PublishResult r = engine.PublishLatest(_topic, Describe(engine, appliedCommands, refusedCommands), 1, false);
            if (r == PublishResult.Accepted || r == PublishResult.AcceptedDroppingOlder) Latency.Reset();
            return true;
        }
    }
}

using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;

namespace NanoMqtt.Link
{
    /// <summary>
    /// Runs the session engine over a transport: connects, waits for CONNACK, moves bytes, keeps
    /// the link alive (PINGREQ when idle; dead after 1.5 × keep-alive of silence), and reconnects
    /// with exponential backoff and full jitter while the network is up. The device's main loop
    /// (or a test with a fake clock) calls <see cref="Poll"/> again and again.
    /// </summary>
    public sealed partial class LinkDriver
    {
        private readonly SessionEngine _engine;
        private readonly LinkConfig _config;
        private readonly ITransport _transport;
        private readonly IClock _clock;
        private readonly Backoff _backoff;
        private readonly int _keepAliveSeconds;
        private readonly byte[] _rx;
        private readonly byte[] _tx;
        private readonly EventQueue _events = new EventQueue(32);

        private bool _networkUp = true;
        private bool _stopped;
        private bool _paused;
        private bool _reconnectNow;
        private bool _reconnectJittered;
        private long _deferringSince = -1;
        private int _acceptedSeen;
        private int _refusedSeen;
        private int _rxCount;
        private long _nextAttemptAt;
        private long _connAckDeadline;
        private long _lastSend;
        private long _lastReceive;
        private long _onlineSince;
        private bool _stable;
        private int _commitsSeen = -1;
        private long _pendingSince;

        /// <summary>Where the driver is.</summary>
        public LinkState State { get; private set; }
        /// <summary>Why the link last went down or an attempt failed (never contains the password).</summary>
        public string LastError { get; private set; }
        /// <summary>Connection attempts.</summary>
        public int Attempts { get; private set; }
        /// <summary>True once the session was ended on purpose: no attempt is made any more.</summary>
        public bool IsStopped
        {
            get { return _stopped; }
        }

        /// <summary>Times the link reached Online.</summary>
        public int Sessions { get; private set; }
        /// <summary>PINGREQs sent.</summary>
        public int Pings { get; private set; }

        /// <summary>A driver for <paramref name="engine"/> (already opened) over <paramref name="transport"/>.</summary>
        public LinkDriver(SessionEngine engine, SessionConfig session, LinkConfig config, ITransport transport, IClock clock, IRandom random)
        {
            _engine = engine;
            _config = config;
            _transport = transport;
            _clock = clock;
            _backoff = new Backoff(config.BackoffBaseMs, config.BackoffCapMs, random);
            _keepAliveSeconds = session.KeepAliveSeconds;
            _rx = new byte[session.MaxPacketSize * 2];
            _tx = new byte[session.MaxPacketSize + 16];
            State = LinkState.BackingOff;
            _nextAttemptAt = clock.NowMs;
        }

        /// <summary>The backoff (attempt count and ceiling, for status and tests).</summary>
        public Backoff Backoff
        {
            get { return _backoff; }
        }

        /// <summary>The time of the next connection attempt while backing off.</summary>
        public long NextAttemptAt
        {
            get { return _nextAttemptAt; }
        }

        /// <summary>Session and link events for the application, oldest first.</summary>
        public bool TryGetEvent(out SessionEvent e, out int argument)
        {
            return _events.TryTake(out e, out argument);
        }

        /// <summary>Wi-Fi up or down: attempts pause while it is down and resume at once when it returns.</summary>
        public void SetNetworkAvailable(bool up)
        {
            if (up == _networkUp) return;
            _networkUp = up;
            if (!up)
            {
                if (State == LinkState.Online || State == LinkState.AwaitingConnAck) Close("network down");
                State = LinkState.WaitingForNetwork;
            }
            else if (State == LinkState.WaitingForNetwork && !_stopped)
            {
                State = LinkState.BackingOff;
                _nextAttemptAt = _clock.NowMs;
            }
        }

        /// <summary>Closes the link cleanly (DISCONNECT; the session is kept) and makes no more attempts until <see cref="Resume"/>.</summary>
        public void Pause()
        {
            _paused = true;
            if (State == LinkState.Online) _engine.Disconnect();
            else if (State == LinkState.AwaitingConnAck) Close("disconnected by the application");
        }

        /// <summary>Connects again (at once) after <see cref="Pause"/>.</summary>
        public void Resume()
        {
            if (!_paused) return;
            _paused = false;
            if (State == LinkState.BackingOff) _nextAttemptAt = _clock.NowMs;
        }

        /// <summary>
        /// Sends a QoS 0 message now when the link is online: at most once, nothing stored, never
        /// queued (MQTT's QoS 0). Safe to call from a message callback.
        /// </summary>
        public PublishResult PublishAtMostOnce(Slice topic, Slice payload, bool retain)
        {
            if (State != LinkState.Online) return PublishResult.NotConnected;
            int length;
            EncodeStatus st = PacketEncoder.EncodeAtMostOnce(topic, payload, retain, _engine.Version, _tx, 0, _engine.BrokerMaximumPacketSize, out length);
            if (st == EncodeStatus.InvalidTopic) return PublishResult.Invalid;
            if (st != EncodeStatus.Ok) return PublishResult.TooLarge;
            if (!_transport.Write(_tx, 0, length))
            {
                Fail("connection lost while sending", _backoff.NextDelayMs());
                return PublishResult.NotConnected;
            }
            _lastSend = _clock.NowMs;
            return PublishResult.Sent;
        }

        /// <summary>Ends the session on purpose; the driver stops once the broker has been told.</summary>
        public void EndSession()
        {
            _engine.EndSession();
        }

        /// <summary>Does what is due now: an attempt, reading, writing, keep-alive, timeouts.</summary>
        public void Poll()
        {
            long now = _clock.NowMs;
            CommitWhenDue(now);
            switch (State)
            {
                case LinkState.WaitingForNetwork:
                    return;
                case LinkState.BackingOff:
                    if (!_stopped && !_paused && now >= _nextAttemptAt) Attempt(now);
                    return;
                default:
                    Service(now);
                    return;
            }
        }

        // Records left waiting in the journal's open group (completions ride with the next commit)
        // are committed once they have waited LazyCommitMs, online or not.
        private void CommitWhenDue(long now)
        {
            Storage.Journal journal = _engine.Journal;
            if (!journal.HasPending || journal.Commits != _commitsSeen)
            {
                _commitsSeen = journal.Commits;
                _pendingSince = now;
                return;
            }
            if (now - _pendingSince >= _config.LazyCommitMs) _engine.CommitPending();
        }

        private void Attempt(long now)
        {
            Attempts++;
            if (!_transport.Open(_config.Host, _config.Port, _config.Tls))
            {
                Fail("cannot connect to " + _config.Host + ":" + _config.Port + ": " + _transport.LastError, _backoff.NextDelayMs());
                return;
            }
            int n = _engine.BeginConnect(_tx, 0);
            if (n == 0 || !_transport.Write(_tx, 0, n))
            {
                Fail(n == 0 ? "CONNECT could not be encoded (check client id, user name, will)" : "connection lost while sending CONNECT", _backoff.NextDelayMs());
                return;
            }
            _rxCount = 0;
            _lastSend = now;
            _lastReceive = now;
            _connAckDeadline = now + _config.ConnAckTimeoutMs;
            State = LinkState.AwaitingConnAck;
        }

        private void Fail(string reason, int delayMs)
        {
            Close(reason);
            _nextAttemptAt = _clock.NowMs + delayMs;
        }

        private void Close(string reason)
        {
            LastError = reason;
            _transport.Close();
            _engine.ConnectionLost();
            _rxCount = 0;
            State = _networkUp ? LinkState.BackingOff : LinkState.WaitingForNetwork;
        }
    }
}

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
    public sealed class LinkDriver
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
        private readonly Slice _statusTopic;
        private readonly Slice _online;

        private bool _networkUp = true;
        private bool _stopped;
        private bool _paused;
        private bool _reconnectNow;
        private int _acceptedSeen;
        private int _refusedSeen;
        private int _rxCount;
        private long _nextAttemptAt;
        private long _connAckDeadline;
        private long _lastSend;
        private long _lastReceive;
        private long _onlineSince;
        private bool _stable;

        /// <summary>Where the driver is.</summary>
        public LinkState State { get; private set; }
        /// <summary>Why the link last went down or an attempt failed (never contains the password).</summary>
        public string LastError { get; private set; }
        /// <summary>Connection attempts.</summary>
        public int Attempts { get; private set; }
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
            _statusTopic = Slice.FromString(config.StatusTopic);
            _online = Slice.FromString("online");
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

        private void Service(long now)
        {
            if (!ReadAndReceive()) return;
            now = _clock.NowMs;
            HandleEvents(now);
            if (State != LinkState.Online && State != LinkState.AwaitingConnAck) return;
            if (!Flush(now)) return;
            if (_reconnectNow)
            {
                _reconnectNow = false;
                Close("reconnecting to start a clean session");
                _nextAttemptAt = now;
                return;
            }
            if (State == LinkState.AwaitingConnAck)
            {
                if (now > _connAckDeadline) Fail("no CONNACK within " + _config.ConnAckTimeoutMs + " ms", _backoff.NextDelayMs());
                return;
            }
            if (!KeepAlive(now)) return;
            if (!_stable && now - _onlineSince >= _config.StableAfterMs)
            {
                _stable = true;
                _backoff.Reset();
            }
        }

        // Reads what arrived and gives it to the engine; false when the link had to be closed.
        private bool ReadAndReceive()
        {
            int r = _transport.Read(_rx, _rxCount, _rx.Length - _rxCount, _config.ReadTimeoutMs);
            long now = _clock.NowMs;
            if (r < 0)
            {
                Fail("the broker closed the connection", _backoff.NextDelayMs());
                return false;
            }
            if (r == 0) return true;
            _rxCount += r;
            _lastReceive = now;
            int used;
            SessionStatus st = _engine.Receive(_rx, 0, _rxCount, out used);
            if (used > 0)
            {
                System.Array.Copy(_rx, used, _rx, 0, _rxCount - used);
                _rxCount -= used;
            }
            if (st == SessionStatus.Ok || st == SessionStatus.NeedMoreData) return true;
            HandleEvents(now);
            // A full incoming table is flow control, not a fault: the broker resends on a new connection, at once.
            Fail(LinkErrors.Describe(st, _engine), st == SessionStatus.IncomingFull ? 0 : _backoff.NextDelayMs());
            return false;
        }

        // PINGREQ when idle; the link is dead after 1.5 x keep-alive of silence. False when it was closed.
        private bool KeepAlive(long now)
        {
            int keepAlive = _engine.ServerKeepAlive > 0 ? _engine.ServerKeepAlive : _keepAliveSeconds;
            if (keepAlive <= 0) return true;
            long silence = now - _lastReceive;
            if (silence * 2 > keepAlive * 3000L)
            {
                Fail("keep-alive: nothing from the broker for " + silence + " ms", _backoff.NextDelayMs());
                return false;
            }
            if (now - _lastSend < keepAlive * 1000L) return true;
            int n = _engine.PingRequest(_tx, 0);
            if (!_transport.Write(_tx, 0, n))
            {
                Fail("connection lost", _backoff.NextDelayMs());
                return false;
            }
            Pings++;
            _lastSend = now;
            return true;
        }

        private bool Flush(long now)
        {
            int n;
            while ((n = _engine.NextOutput(_tx, 0)) > 0)
            {
                if (!_transport.Write(_tx, 0, n))
                {
                    Fail("connection lost while sending", _backoff.NextDelayMs());
                    return false;
                }
                _lastSend = now;
            }
            HandleEvents(now);
            if (State == LinkState.Online && !_engine.IsConnected && !_reconnectNow)
            {
                // The engine said goodbye (session ended, or it sent DISCONNECT).
                Close(_stopped ? "session ended" : _paused ? "disconnected by the application" : "disconnected");
                if (!_stopped) _nextAttemptAt = now + _backoff.NextDelayMs();
                return false;
            }
            return true;
        }

        // Copies the engine's notifications for the app, then follows the engine's control state.
        private void HandleEvents(long now)
        {
            SessionEvent e;
            int arg;
            while (_engine.TryGetEvent(out e, out arg)) _events.Add(e, arg);
            if (_engine.Connection.AcceptedConnections != _acceptedSeen)
            {
                _acceptedSeen = _engine.Connection.AcceptedConnections;
                State = LinkState.Online;
                Sessions++;
                _onlineSince = now;
                _stable = false;
                if (!_statusTopic.IsAbsent) _engine.Publish(_statusTopic, _online, 1, true);
            }
            if (_engine.Connection.RefusedConnections != _refusedSeen)
            {
                _refusedSeen = _engine.Connection.RefusedConnections;
                int code = _engine.Connection.LastRefusal;
                // Retrying soon cannot fix credentials or authorisation: wait the longest.
                bool hopeless = code == ReasonCode.BadUserNameOrPassword || code == ReasonCode.NotAuthorized
                    || code == ReasonCode.Banned || code == ReasonCode.BadAuthenticationMethod || code == ReasonCode.ClientIdentifierNotValid
                    || (code >= ReasonCode.V3IdentifierRejected && code <= ReasonCode.V3NotAuthorized && code != ReasonCode.V3ServerUnavailable);
                Fail("the broker refused the connection: " + LinkErrors.DescribeRefusal(code), hopeless ? _backoff.CapDelayMs() : _backoff.NextDelayMs());
            }
            if (_engine.Connection.TakeReconnectRequest()) _reconnectNow = true;
            if (_engine.Connection.TakeSessionEnded()) _stopped = true;
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

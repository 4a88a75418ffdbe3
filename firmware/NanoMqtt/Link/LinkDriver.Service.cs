using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Link
{
    // While connecting or online: read and hand bytes to the engine, write what it has, follow its
    // control state, keep the link alive.
    public sealed partial class LinkDriver
    {
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
                bool flooded = _reconnectJittered;
                _reconnectJittered = false;
                if (flooded)
                {
                    ReconnectSoon("reconnecting: the broker sent past the Receive Maximum", now);
                    return;
                }
                Close("reconnecting: the session asked for a new connection");
                _nextAttemptAt = now;
                return;
            }
            if (State == LinkState.AwaitingConnAck)
            {
                if (now > _connAckDeadline) Fail("no CONNACK within " + _config.ConnAckTimeoutMs + " ms", _backoff.NextDelayMs());
                return;
            }
            if (!KeepAlive(now) || PubRelsOverdue(now)) return;
            if (!_stable && now - _onlineSince >= _config.StableAfterMs)
            {
                _stable = true;
                _backoff.Reset();
            }
        }

        // PUBLISHes deferred for ids whose PUBREL never comes (PINGRESPs still do, so keep-alive does not
        // notice): a new connection makes the broker send its PUBRELs again. True when it closed the link.
        private bool PubRelsOverdue(long now)
        {
            if (!_engine.DeferringPublishes)
            {
                _deferringSince = -1;
                return false;
            }
            if (_deferringSince < 0) _deferringSince = now;
            if (now - _deferringSince < _config.PubRelWaitMs) return false;
            _deferringSince = -1;
            ReconnectSoon("reconnecting: no PUBREL for " + _config.PubRelWaitMs + " ms while QoS 2 messages wait", now);
            return true;
        }

        // A reconnect the broker's behaviour calls for, not a failure: after a jitter under the
        // backoff base, so a fleet it affected does not come back together.
        private void ReconnectSoon(string reason, long now)
        {
            Close(reason);
            _nextAttemptAt = now + _backoff.JitterMs();
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
            // Bytes left over when the acknowledgement queue was full are taken now, without waiting for more.
            if (r == 0 && _rxCount == 0) return true;
            if (r > 0) _lastReceive = now;
            _rxCount += r;
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
            while (_engine.TryGetEvent(out e, out arg))
            {
                if (e == SessionEvent.ReceiveMaximumExceeded) _reconnectJittered = true;
                _events.Add(e, arg);
            }
            if (_engine.Connection.AcceptedConnections != _acceptedSeen)
            {
                _acceptedSeen = _engine.Connection.AcceptedConnections;
                State = LinkState.Online;
                Sessions++;
                _onlineSince = now;
                _stable = false;
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
    }
}

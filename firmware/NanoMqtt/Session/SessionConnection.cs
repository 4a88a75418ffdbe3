using NanoMqtt.Protocol;
using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    /// <summary>
    /// One connection's life: CONNECT, what the CONNACK means for the session (through the
    /// <see cref="ConnectPlan"/>: resume, start, reconnect clean, or end), the broker lost the
    /// session, the broker's DISCONNECT, and ours. It also holds what the link driver acts on:
    /// accepted and refused connections, a reconnect the session needs, the end of the session.
    /// </summary>
    public sealed class SessionConnection
    {
        private readonly SessionConfig _config;
        private readonly ConnectPlan _plan;
        private readonly SessionRecords _records;
        private readonly SessionState _state;
        private readonly OutgoingFlow _outgoing;
        private readonly SubscriptionSet _subscriptions;
        private readonly AckQueue _acks;
        private readonly EventQueue _events;
        private ConnectionPhase _phase;
        private bool _reconnectRequested;
        private bool _ended;

        /// <summary>The connection of a session whose parts are given.</summary>
        public SessionConnection(SessionConfig config, ConnectPlan plan, SessionRecords records, SessionState state,
            OutgoingFlow outgoing, SubscriptionSet subscriptions, AckQueue acks, EventQueue events)
        {
            _config = config;
            _plan = plan;
            _records = records;
            _state = state;
            _outgoing = outgoing;
            _subscriptions = subscriptions;
            _acks = acks;
            _events = events;
        }

        /// <summary>Where the connection is: closed, waiting for CONNACK, or connected.</summary>
        public ConnectionPhase Phase
        {
            get { return _phase; }
        }

        /// <summary>True between an accepted CONNACK and the loss of the link.</summary>
        public bool IsConnected
        {
            get { return _phase == ConnectionPhase.Connected; }
        }
        /// <summary>A DISCONNECT is due before anything else.</summary>
        public bool DisconnectPending { get; private set; }
        /// <summary>Server Keep Alive from the last CONNACK (5.0), or 0 when the broker kept ours.</summary>
        public int ServerKeepAlive { get; private set; }
        /// <summary>Session Expiry the broker granted in the last CONNACK (5.0), or the one requested.</summary>
        public uint GrantedSessionExpiry { get; private set; }
        /// <summary>Connections accepted with the session carrying on (the link is online).</summary>
        public int AcceptedConnections { get; private set; }
        /// <summary>CONNACKs that refused the connection.</summary>
        public int RefusedConnections { get; private set; }
        /// <summary>Reason code of the last refused CONNACK.</summary>
        public byte LastRefusal { get; private set; }
        /// <summary>The journal's answer when a call returned <see cref="SessionStatus.StorageFailed"/>.</summary>
        public JournalStatus JournalFailure
        {
            get { return _state.JournalFailure; }
        }

        /// <summary>Writes the CONNECT; 0 when it cannot be encoded.</summary>
        public int Begin(byte[] buffer, int offset)
        {
            Lost();
            _phase = ConnectionPhase.AwaitingConnAck;
            return _plan.EncodeConnect(buffer, offset);
        }

        /// <summary>The link is gone; the session stays for the next connection.</summary>
        public void Lost()
        {
            _phase = ConnectionPhase.Closed;
            DisconnectPending = false;
            _subscriptions.ConnectionLost();
            _acks.Clear();
            _outgoing.ConnectionLost();
        }

        /// <summary>A clean DISCONNECT: the session stays, with the broker and on flash.</summary>
        public void Disconnect()
        {
            if (IsConnected) DisconnectPending = true;
        }

        /// <summary>Ends the session on purpose: local state is dropped, and the broker is told.</summary>
        public void EndSession()
        {
            ConnectStep step = _plan.EndSession();
            if (_records.SessionEnded() == JournalStatus.Ok)
            {
                _state.Inflight.Clear();
                _state.Outbox.Clear();
                _state.Incoming.Clear();
                _state.HasFingerprint = false;
                _state.EndPending = true;
            }
            if (!IsConnected) return;
            // Nothing of the ended session is answered any more.
            _acks.Clear();
            DisconnectPending = true;
            if (step == ConnectStep.Reconnect) RequestReconnect();
        }

        /// <summary>The CONNACK: refused, accepted with the session carrying on, or a DISCONNECT the plan needs first.</summary>
        public SessionStatus ConnAck(ConnAckPacket ack)
        {
            if (_phase != ConnectionPhase.AwaitingConnAck) return SessionStatus.ProtocolViolation;
            _phase = ConnectionPhase.Closed;
            if (ack.ReasonCode != 0)
            {
                RefusedConnections++;
                LastRefusal = ack.ReasonCode;
                _events.Add(SessionEvent.ConnectRefused, ack.ReasonCode);
                return SessionStatus.Ok;
            }
            bool present = ack.SessionPresent;
            if (!_plan.Accepts(present)) return SessionStatus.ProtocolViolation;
            Properties p = ack.Properties;
            ServerKeepAlive = p.Has(PropertyId.ServerKeepAlive) ? p.ServerKeepAlive : 0;
            GrantedSessionExpiry = p.Has(PropertyId.SessionExpiryInterval) ? p.SessionExpiryInterval : _config.SessionExpirySeconds;
            _phase = ConnectionPhase.Connected;
            _outgoing.Connected(p.Has(PropertyId.ReceiveMaximum) ? p.ReceiveMaximum : 65535,
                p.Has(PropertyId.MaximumPacketSize) ? (int)p.MaximumPacketSize : 0);
            ConnectStep step = _plan.AfterConnAck(present);
            if (step != ConnectStep.Proceed)
            {
                DisconnectPending = true;
                if (step == ConnectStep.Reconnect) RequestReconnect();
                return SessionStatus.Ok;
            }
            if (!present && !ForgetLostSession()) return SessionStatus.StorageFailed;
            if (present) _outgoing.QueueResend();
            _subscriptions.Connected(present);
            AcceptedConnections++;
            _events.Add(SessionEvent.Connected, present ? 1 : 0);
            return SessionStatus.Ok;
        }

        /// <summary>The broker's DISCONNECT (5.0 only, and never changing the Session Expiry).</summary>
        public SessionStatus BrokerDisconnected(ReasonPacket reason)
        {
            if (_config.Version == MqttVersion.V311 || reason.Properties.Has(PropertyId.SessionExpiryInterval)) return SessionStatus.ProtocolViolation;
            _events.Add(SessionEvent.Disconnected, reason.ReasonCode);
            Lost();
            return SessionStatus.Ok;
        }

        /// <summary>Writes our DISCONNECT and closes the connection; records the end of the session when it completes one.</summary>
        public int EncodeDisconnect(byte[] buffer, int offset)
        {
            DisconnectPending = false;
            bool ended;
            int length = _plan.EncodeDisconnect(IsConnected, buffer, offset, out ended);
            Lost();
            if (!ended) return length;
            if (_records.SessionEndConfirmed() == JournalStatus.Ok) _state.EndPending = false;
            _ended = true;
            _events.Add(SessionEvent.SessionEnded, 0);
            return length;
        }

        /// <summary>True once: the link must close and connect again (with the flags the plan now holds).</summary>
        public bool TakeReconnectRequest()
        {
            bool requested = _reconnectRequested;
            _reconnectRequested = false;
            return requested;
        }

        /// <summary>True once the broker has been told the session ended.</summary>
        public bool TakeSessionEnded()
        {
            bool ended = _ended;
            _ended = false;
            return ended;
        }

        /// <summary>The link must close and connect again with the session as it is (the broker resends what it holds).</summary>
        public void RequestResend()
        {
            _reconnectRequested = true;
        }

        /// <summary>
        /// The broker went past the device's Receive Maximum and every id is released again: 5.0 says
        /// so with DISCONNECT 0x93 (the Will is published, as at any abnormal end), 3.1.1 closes; then
        /// a new connection brings what was deferred.
        /// </summary>
        public void ReceiveMaximumExceeded()
        {
            _reconnectRequested = true;
            _events.Add(SessionEvent.ReceiveMaximumExceeded, 0);
            if (_config.Version != MqttVersion.V500 || !IsConnected) return;
            _plan.DisconnectWith(ReasonCode.ReceiveMaximumExceeded);
            DisconnectPending = true;
        }

        private void RequestReconnect()
        {
            _reconnectRequested = true;
            _events.Add(SessionEvent.ReconnectRequired, 0);
        }

        // Session Present 0 while we hold protocol state: the broker lost the session. False when the journal refused.
        private bool ForgetLostSession()
        {
            if (_state.Inflight.Count == 0 && _state.Incoming.Count == 0 && !_state.HasFingerprint) return true;
            bool hadState = _state.Inflight.Count > 0 || _state.Incoming.Count > 0;
            JournalStatus st = _records.SessionReset(_config.ResendAfterSessionLoss);
            if (st != JournalStatus.Ok)
            {
                _state.JournalFailure = st;
                return false;
            }
            if (!_config.ResendAfterSessionLoss)
            {
                // Given up by policy: report each one, as for every other drop.
                for (int i = 0; i < _state.Inflight.Count; i++) _events.Add(SessionEvent.MessageDropped, (int)_state.Inflight.GetMessageNumber(i));
            }
            int moved = _state.ResetProtocolState(_config.ResendAfterSessionLoss);
            _outgoing.SessionLost();
            if (hadState) _events.Add(SessionEvent.SessionLost, moved);
            return true;
        }
    }
}

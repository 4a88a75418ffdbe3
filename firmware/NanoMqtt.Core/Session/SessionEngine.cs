using NanoMqtt.Protocol;
using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    /// <summary>
    /// The persistent MQTT session, sans network: received bytes and application calls go in;
    /// packets to send (<see cref="NextOutput"/>), events (<see cref="TryGetEvent"/>) and journal
    /// records come out. Every state change is on flash before the packet that announces it is
    /// handed out, so a power cut at any point resumes to a state the broker agrees with.
    /// Everything is allocated in the constructor; steady state allocates nothing.
    /// </summary>
    public sealed class SessionEngine
    {
        private readonly SessionConfig _config;
        private readonly MqttVersion _version;
        private readonly IMessageHandler _handler;
        private readonly Journal _journal;
        private readonly SessionRecords _records;
        private readonly byte[] _effect;
        private readonly PacketDecoder _decoder;
        private readonly ConnectPacket _connect;
        private readonly PublishPacket _publish;
        private readonly AckPacket _ack;
        private readonly SubscribePacket _subscribe;
        private readonly ReasonPacket _disconnect;
        private readonly AckQueue _acks;
        private readonly EventQueue _events = new EventQueue(16);
        private readonly ushort[] _resend;
        private readonly ushort[] _fresh;
        private readonly uint _subscriptionFingerprint;

        private bool _connected;
        private bool _awaitingConnAck;
        private bool _journalUnknown;
        private bool _connectClean;
        private bool _thisConnectionClean;
        private bool _returnToPersistent;
        private bool _ending;
        private bool _disconnectPending;
        private bool _needSubscribe;
        private int _resendCount;
        private int _resendNext;
        private int _freshCount;
        private int _brokerReceiveMaximum;
        private int _brokerMaximumPacketSize;

        /// <summary>The session state tables (read-only use: counts and figures).</summary>
        public readonly SessionState State;

        /// <summary>An engine sized and configured by <paramref name="config"/>, journaling to <paramref name="files"/>.</summary>
        public SessionEngine(SessionConfig config, IFileStore files, IMessageHandler handler)
        {
            _config = config;
            _version = config.Version;
            _handler = handler;
            int recordMax = config.MaxPacketSize + 16;
            if (recordMax < config.EffectCapacity + 2) recordMax = config.EffectCapacity + 2;
            _effect = new byte[config.EffectCapacity];
            _journal = new Journal(files, config.JournalName, config.JournalBytes, recordMax);
            _records = new SessionRecords(_journal);
            State = new SessionState(config, handler, _records);
            _decoder = PacketDecoder.ForClient(config.Version, config.MaxPacketSize, 0);
            // A decoded packet is used up inside Receive and a packet is encoded only inside
            // NextOutput, so the decoder's packet objects and property store serve both directions;
            // each encode starts by clearing the properties.
            Properties shared = _decoder.Properties;
            _connect = new ConnectPacket(shared, null);
            _publish = _decoder.Publish;
            _ack = _decoder.Ack;
            _disconnect = new ReasonPacket(PacketType.Disconnect, shared);
            int subscriptions = config.Subscriptions.Length;
            _subscribe = new SubscribePacket(subscriptions > 0 ? subscriptions : 1, shared);
            for (int i = 0; i < subscriptions; i++) _subscribe.Add(Slice.FromString(config.Subscriptions[i]), config.SubscriptionOptions[i]);
            _subscriptionFingerprint = Fingerprint(_subscribe, _version);
            _acks = new AckQueue(config.IncomingQoS2Capacity + config.InflightCapacity + 4);
            _resend = new ushort[config.InflightCapacity];
            _fresh = new ushort[config.InflightCapacity];
            _connect.ClientId = Slice.FromString(config.ClientId);
            _connect.UserName = Slice.FromString(config.UserName);
            _connect.Password = Slice.FromString(config.Password);
            _connect.KeepAlive = config.KeepAliveSeconds;
            if (config.WillTopic != null)
            {
                _connect.HasWill = true;
                _connect.WillTopic = Slice.FromString(config.WillTopic);
                _connect.WillPayload = Slice.FromString(config.WillPayload);
                _connect.WillQoS = config.WillQoS;
                _connect.WillRetain = config.WillRetain;
            }
        }

        /// <summary>The journal (for figures: bytes written, compactions, size).</summary>
        public Journal Journal
        {
            get { return _journal; }
        }

        /// <summary>True between an accepted CONNACK and the loss of the link.</summary>
        public bool IsConnected
        {
            get { return _connected; }
        }

        /// <summary>Server Keep Alive from the last CONNACK (5.0), or 0 when the broker kept ours.</summary>
        public int ServerKeepAlive { get; private set; }

        /// <summary>Session Expiry the broker granted in the last CONNACK (5.0), or the one requested.</summary>
        public uint GrantedSessionExpiry { get; private set; }

        /// <summary>Replays the journal. Call once, before anything else.</summary>
        public JournalOpenResult Open()
        {
            JournalOpenResult result = _journal.Open(State);
            for (int i = 0; i < State.AppState.Count; i++)
            {
                int offset;
                int length;
                byte[] effect = State.AppState.GetValue(i, out offset, out length);
                _handler.Restore(effect, offset, length);
            }
            // Without a journal we cannot know what a broker-side session holds.
            _journalUnknown = result == JournalOpenResult.New || result == JournalOpenResult.Lost;
            if (State.EndPending)
            {
                // Power went before the broker was told: keep ending the session.
                _ending = true;
                _connectClean = _version == MqttVersion.V311;
            }
            return result;
        }

        /// <summary>Takes the oldest event; false when none is waiting.</summary>
        public bool TryGetEvent(out SessionEvent e, out int argument)
        {
            return _events.TryTake(out e, out argument);
        }

        /// <summary>Starts a connection: writes the CONNECT into <paramref name="buffer"/> and returns its length (0 when it cannot be encoded).</summary>
        public int BeginConnect(byte[] buffer, int offset)
        {
            ResetConnection();
            _awaitingConnAck = true;
            _thisConnectionClean = _connectClean;
            _connect.CleanStart = _connectClean;
            Properties p = _connect.Properties;
            p.Clear();
            if (_version == MqttVersion.V500)
            {
                p.SessionExpiryInterval = _ending ? 0 : _config.SessionExpirySeconds;
                p.ReceiveMaximum = (ushort)_config.IncomingQoS2Capacity;
                p.MaximumPacketSize = (uint)_config.MaxPacketSize;
            }
            int length;
            return PacketEncoder.Encode(_connect, _version, buffer, offset, 0, out length) == EncodeStatus.Ok ? length : 0;
        }

        /// <summary>The link is gone. In-flight state stays for the next connection.</summary>
        public void ConnectionLost()
        {
            ResetConnection();
        }

        private void ResetConnection()
        {
            _connected = false;
            _awaitingConnAck = false;
            _disconnectPending = false;
            _needSubscribe = false;
            _acks.Clear();
            _resendCount = 0;
            _resendNext = 0;
            _freshCount = 0;
            State.PendingSubscribeId = 0;
            _brokerReceiveMaximum = 65535;
            _brokerMaximumPacketSize = 0;
        }

        /// <summary>
        /// Accepts an outgoing QoS 1 or 2 message. Once this returns Accepted the message is on
        /// flash and will reach the broker, across link loss and power loss.
        /// </summary>
        public PublishResult Publish(Slice topic, Slice payload, byte qos, bool retain)
        {
            return Publish(topic, payload, qos, retain, false);
        }

        /// <summary>
        /// Like <see cref="Publish(Slice, Slice, byte, bool)"/>, for values where only the latest
        /// matters (an input's level, health figures): a message still queued on the same topic is
        /// replaced (counted in <see cref="Outbox.Replaced"/>).
        /// </summary>
        public PublishResult PublishLatest(Slice topic, Slice payload, byte qos, bool retain)
        {
            return Publish(topic, payload, qos, retain, true);
        }

        private PublishResult Publish(Slice topic, Slice payload, byte qos, bool retain, bool latestOnly)
        {
            if (_ending) return PublishResult.Ending;
            if (qos < 1 || qos > 2 || topic.Length == 0 || !Topic.IsValidName(topic)) return PublishResult.Invalid;
            if (Utf8.Validate(topic.Array, topic.Offset, topic.Length) != DecodeStatus.Ok) return PublishResult.Invalid;
            int recordLength = SessionRecords.MessageLength(topic, payload);
            int packetSize = 1 + 4 + 2 + topic.Length + 2 + 1 + payload.Length;
            if (packetSize > _config.MaxPacketSize || recordLength > _journal.MaxPayload) return PublishResult.TooLarge;
            if (_connected && _brokerMaximumPacketSize > 0 && packetSize > _brokerMaximumPacketSize) return PublishResult.TooLarge;
            int size = Journal.RecordOverhead + recordLength;
            if (!State.Outbox.CanEverHold(size)) return PublishResult.TooLarge;
            uint hash = Crc32.Compute(topic.Array, topic.Offset, topic.Length);
            bool direct = _connected && State.Outbox.Count == 0 && State.Inflight.Count < Window() && _freshCount < _fresh.Length;
            bool dropped = false;
            if (!direct)
            {
                int same = latestOnly ? FindQueuedTopic(hash, topic) : -1;
                if (same >= 0)
                {
                    if (!DropQueued(same, true)) return PublishResult.JournalFull;
                    dropped = true;
                }
                while (!State.Outbox.HasRoomFor(size))
                {
                    if (_config.OutboxPolicy == OutboxPolicy.DropNewest)
                    {
                        State.Outbox.DroppedNewest++;
                        return PublishResult.OutboxFull;
                    }
                    int victim = _config.OutboxPolicy == OutboxPolicy.ReplaceSameTopic ? FindQueuedTopic(hash, topic) : -1;
                    if (!DropQueued(victim >= 0 ? victim : 0, victim >= 0)) return PublishResult.JournalFull;
                    dropped = true;
                }
            }
            ushort packetId = 0;
            if (direct)
            {
                packetId = AllocatePacketId();
                if (packetId == 0) direct = false;
            }
            uint messageNumber = State.NextMessageNumber;
            JournalStatus st = _records.Message(messageNumber, qos, retain, packetId, topic, payload);
            if (st != JournalStatus.Ok) return PublishResult.JournalFull;
            State.NextMessageNumber = messageNumber + 1;
            int offset = _records.LastOffset;
            if (direct)
            {
                State.Ids.Take(packetId);
                State.Inflight.Add(packetId, messageNumber, qos == 1 ? InflightTable.AwaitingPubAck : InflightTable.AwaitingPubRec, offset, size, hash);
                _fresh[_freshCount++] = packetId;
            }
            else
            {
                State.Outbox.Add(messageNumber, offset, size, hash);
            }
            return dropped ? PublishResult.AcceptedDroppingOlder : PublishResult.Accepted;
        }

        // Drops queued message <paramref name="index"/> (journaled first); false when the journal refuses.
        private bool DropQueued(int index, bool replaced)
        {
            uint number = State.Outbox.GetMessageNumber(index);
            if (_records.Dropped(number) != JournalStatus.Ok) return false;
            if (replaced) State.Outbox.Replaced++;
            else State.Outbox.DroppedOldest++;
            State.Outbox.RemoveAt(index);
            _events.Add(SessionEvent.MessageDropped, (int)number);
            return true;
        }

        /// <summary>Convenience for string topics; allocates the topic's bytes (not for hot paths).</summary>
        public PublishResult Publish(string topic, byte[] payload, byte qos, bool retain)
        {
            return Publish(Slice.FromString(topic), Slice.Of(payload), qos, retain);
        }

        /// <summary>
        /// Ends the session on purpose (decommission): local state is dropped, and the broker is told
        /// (5.0: DISCONNECT with Session Expiry 0; 3.1.1: a Clean Session connection, then DISCONNECT).
        /// </summary>
        public void EndSession()
        {
            _ending = true;
            if (_records.SessionEnded() == JournalStatus.Ok)
            {
                State.Inflight.Clear();
                State.Outbox.Clear();
                State.Incoming.Clear();
                State.HasFingerprint = false;
                State.EndPending = true;
            }
            if (_version == MqttVersion.V500)
            {
                if (_connected) _disconnectPending = true;
                return;
            }
            _connectClean = true;
            if (_connected)
            {
                _disconnectPending = true;
                _events.Add(SessionEvent.ReconnectRequired, 0);
            }
        }

        /// <summary>
        /// Processes every whole packet in the bytes. <paramref name="consumed"/> tells how many bytes
        /// were used (keep the rest for the next call). A status other than Ok or NeedMoreData means
        /// the broker broke the protocol or the journal failed: close the link.
        /// </summary>
        public DecodeStatus Receive(byte[] buffer, int offset, int count, out int consumed)
        {
            consumed = 0;
            while (consumed < count && _acks.Free > 0 && !_disconnectPending)
            {
                DecodeStatus st = _decoder.Decode(buffer, offset + consumed, count - consumed);
                if (st == DecodeStatus.NeedMoreData) return DecodeStatus.NeedMoreData;
                consumed += _decoder.Consumed;
                if (st == DecodeStatus.Ok) st = Handle();
                if (st != DecodeStatus.Ok)
                {
                    _events.Add(SessionEvent.ProtocolError, (int)st);
                    return st;
                }
            }
            return DecodeStatus.Ok;
        }

        private DecodeStatus Handle()
        {
            PacketType type = _decoder.Type;
            if (type == PacketType.ConnAck) return HandleConnAck();
            if (!_connected) return DecodeStatus.ProtocolError;
            switch (type)
            {
                case PacketType.Publish:
                    return HandlePublish(_decoder.Publish);
                case PacketType.PubAck:
                case PacketType.PubComp:
                    return HandleCompletion(_decoder.Ack, type == PacketType.PubAck ? InflightTable.AwaitingPubAck : InflightTable.AwaitingPubComp);
                case PacketType.PubRec:
                    return HandlePubRec(_decoder.Ack);
                case PacketType.PubRel:
                    return HandlePubRel(_decoder.Ack);
                case PacketType.SubAck:
                    return HandleSubAck(_decoder.SubAck);
                case PacketType.Disconnect:
                    if (_version == MqttVersion.V311 || _decoder.Properties.Has(PropertyId.SessionExpiryInterval)) return DecodeStatus.ProtocolError;
                    _events.Add(SessionEvent.Disconnected, _decoder.Reason.ReasonCode);
                    ResetConnection();
                    return DecodeStatus.Ok;
                default:
                    return DecodeStatus.Ok;
            }
        }

        private DecodeStatus HandleConnAck()
        {
            if (!_awaitingConnAck) return DecodeStatus.ProtocolError;
            _awaitingConnAck = false;
            ConnAckPacket ack = _decoder.ConnAck;
            if (ack.ReasonCode != 0)
            {
                _events.Add(SessionEvent.ConnectRefused, ack.ReasonCode);
                return DecodeStatus.Ok;
            }
            bool present = ack.SessionPresent;
            if (present && _thisConnectionClean) return DecodeStatus.ProtocolError;
            Properties p = ack.Properties;
            _brokerReceiveMaximum = p.Has(PropertyId.ReceiveMaximum) ? p.ReceiveMaximum : 65535;
            _brokerMaximumPacketSize = p.Has(PropertyId.MaximumPacketSize) ? (int)p.MaximumPacketSize : 0;
            ServerKeepAlive = p.Has(PropertyId.ServerKeepAlive) ? p.ServerKeepAlive : 0;
            GrantedSessionExpiry = p.Has(PropertyId.SessionExpiryInterval) ? p.SessionExpiryInterval : _config.SessionExpirySeconds;
            _connected = true;

            if (_ending)
            {
                _disconnectPending = true;
                return DecodeStatus.Ok;
            }
            if (present && _journalUnknown)
            {
                // The broker kept a session we have no record of: start a clean one.
                _connectClean = true;
                _returnToPersistent = _version == MqttVersion.V311;
                _disconnectPending = true;
                _events.Add(SessionEvent.ReconnectRequired, 0);
                return DecodeStatus.Ok;
            }
            if (_thisConnectionClean)
            {
                _connectClean = false;
                if (_returnToPersistent)
                {
                    // 3.1.1 discards a Clean Session at disconnect: go back to a persistent one.
                    _returnToPersistent = false;
                    _disconnectPending = true;
                    _events.Add(SessionEvent.ReconnectRequired, 0);
                    return DecodeStatus.Ok;
                }
            }
            _journalUnknown = false;
            if (!present && (State.Inflight.Count > 0 || State.Incoming.Count > 0 || State.HasFingerprint))
            {
                bool hadState = State.Inflight.Count > 0 || State.Incoming.Count > 0;
                JournalStatus st = _records.SessionReset(_config.ResendAfterSessionLoss);
                if (st != JournalStatus.Ok) return JournalFailed(st);
                if (!_config.ResendAfterSessionLoss)
                {
                    // Given up by policy: report each one, as for every other drop.
                    for (int i = 0; i < State.Inflight.Count; i++) _events.Add(SessionEvent.MessageDropped, (int)State.Inflight.GetMessageNumber(i));
                }
                int moved = State.ResetProtocolState(_config.ResendAfterSessionLoss);
                if (hadState) _events.Add(SessionEvent.SessionLost, moved);
            }
            if (present) QueueResend();
            _needSubscribe = _subscribe.Count > 0 && _config.Subscriptions.Length > 0
                && (!State.HasFingerprint || State.Fingerprint != _subscriptionFingerprint);
            _events.Add(SessionEvent.Connected, present ? 1 : 0);
            return DecodeStatus.Ok;
        }

        // Resend once per connection: PUBRELs first, then PUBLISHes with DUP, each in original order.
        private void QueueResend()
        {
            InflightTable t = State.Inflight;
            for (int i = 0; i < t.Count; i++)
            {
                if (t.GetState(i) == InflightTable.AwaitingPubComp) _resend[_resendCount++] = t.GetPacketId(i);
            }
            for (int i = 0; i < t.Count; i++)
            {
                if (t.GetState(i) != InflightTable.AwaitingPubComp) _resend[_resendCount++] = t.GetPacketId(i);
            }
        }

        private DecodeStatus HandlePublish(PublishPacket message)
        {
            if (message.Properties.Has(PropertyId.TopicAlias)) return DecodeStatus.ProtocolError;
            if (message.QoS < 2)
            {
                int state = _handler.Deliver(message, _effect, 0, _effect.Length);
                if (state > 0 && state <= _effect.Length)
                {
                    // No packet id to tie it to: the state is recorded on its own, before acting.
                    JournalStatus js = _records.AppState(_effect, 0, state);
                    if (js != JournalStatus.Ok) return JournalFailed(js);
                    State.AppState.Set(_effect, 0, state);
                }
                _handler.Commit();
                if (message.QoS == 1) _acks.Add(PacketType.PubAck, message.PacketId, 0);
                return DecodeStatus.Ok;
            }
            if (State.Incoming.IndexOf(message.PacketId) >= 0)
            {
                // Already delivered: acknowledge again, deliver nothing.
                _acks.Add(PacketType.PubRec, message.PacketId, 0);
                return DecodeStatus.Ok;
            }
            // More unreleased QoS 2 than we can hold (Mosquitto 2.0 frees its quota at PUBREC, not
            // PUBCOMP): take nothing, so the broker sends it again on the next connection.
            if (State.Incoming.IsFull) return DecodeStatus.TooManyEntries;
            int effect = _handler.Deliver(message, _effect, 0, _effect.Length);
            if (effect < 0 || effect > _effect.Length) effect = 0;
            // One record ties the effect to the packet id: both are on flash, or neither.
            JournalStatus st = _records.Received(message.PacketId, _effect, 0, effect);
            if (st != JournalStatus.Ok) return JournalFailed(st);
            State.Incoming.Add(message.PacketId, _records.LastOffset);
            if (effect > 0) State.AppState.Set(_effect, 0, effect);
            _handler.Commit();
            _acks.Add(PacketType.PubRec, message.PacketId, 0);
            return DecodeStatus.Ok;
        }

        // The journal refused a record: nothing is acknowledged, so the broker resends after the link is closed.
        private DecodeStatus JournalFailed(JournalStatus status)
        {
            _events.Add(SessionEvent.JournalError, (int)status);
            return DecodeStatus.ProtocolError;
        }

        private DecodeStatus HandleCompletion(AckPacket ack, byte expectedState)
        {
            int i = State.Inflight.IndexOf(ack.PacketId);
            if (i < 0 || State.Inflight.GetState(i) != expectedState) return DecodeStatus.Ok;
            return Complete(i, ack.ReasonCode, SessionEvent.MessageCompleted);
        }

        // Ends an in-flight message: completed by the broker, or given up (reported as dropped).
        private DecodeStatus Complete(int index, byte reason, SessionEvent report)
        {
            uint number = State.Inflight.GetMessageNumber(index);
            JournalStatus st = _records.Completed(State.Inflight.GetPacketId(index));
            if (st != JournalStatus.Ok) return JournalFailed(st);
            State.Inflight.RemoveAt(index);
            if (reason >= 0x80) _events.Add(SessionEvent.MessageRejected, reason);
            _events.Add(report, (int)number);
            return DecodeStatus.Ok;
        }

        private DecodeStatus HandlePubRec(AckPacket ack)
        {
            int i = State.Inflight.IndexOf(ack.PacketId);
            if (i < 0)
            {
                _acks.Add(PacketType.PubRel, ack.PacketId, _version == MqttVersion.V500 ? ReasonCode.PacketIdentifierNotFound : (byte)0);
                return DecodeStatus.Ok;
            }
            byte state = State.Inflight.GetState(i);
            if (state == InflightTable.AwaitingPubAck) return DecodeStatus.ProtocolError;
            if (ack.ReasonCode >= 0x80) return Complete(i, ack.ReasonCode, SessionEvent.MessageCompleted);
            if (state == InflightTable.AwaitingPubRec)
            {
                JournalStatus st = _records.PubRecReceived(ack.PacketId);
                if (st != JournalStatus.Ok) return JournalFailed(st);
                State.Inflight.SetState(State.Inflight.IndexOf(ack.PacketId), InflightTable.AwaitingPubComp);
            }
            _acks.Add(PacketType.PubRel, ack.PacketId, 0);
            return DecodeStatus.Ok;
        }

        private DecodeStatus HandlePubRel(AckPacket ack)
        {
            int i = State.Incoming.IndexOf(ack.PacketId);
            if (i < 0)
            {
                // Unknown PUBREL: complete it anyway, never stall.
                _acks.Add(PacketType.PubComp, ack.PacketId, _version == MqttVersion.V500 ? ReasonCode.PacketIdentifierNotFound : (byte)0);
                return DecodeStatus.Ok;
            }
            JournalStatus st = _records.Released(ack.PacketId);
            if (st != JournalStatus.Ok) return JournalFailed(st);
            State.Incoming.RemoveAt(State.Incoming.IndexOf(ack.PacketId));
            _acks.Add(PacketType.PubComp, ack.PacketId, 0);
            return DecodeStatus.Ok;
        }

        private DecodeStatus HandleSubAck(SubAckPacket ack)
        {
            if (ack.PacketId != State.PendingSubscribeId) return DecodeStatus.Ok;
            State.PendingSubscribeId = 0;
            int refused = 0;
            for (int i = 0; i < ack.ReasonCodes.Length; i++)
            {
                if (ack.ReasonCodes[i] >= 0x80) refused++;
            }
            if (refused == 0)
            {
                if (_records.Subscribed(_subscriptionFingerprint) == JournalStatus.Ok)
                {
                    State.Fingerprint = _subscriptionFingerprint;
                    State.HasFingerprint = true;
                }
            }
            _events.Add(SessionEvent.Subscribed, refused);
            return DecodeStatus.Ok;
        }

        /// <summary>
        /// Writes the next packet to send into <paramref name="buffer"/> (room for the maximum packet
        /// size) and returns its length, or 0 when there is nothing to send now.
        /// </summary>
        public int NextOutput(byte[] buffer, int offset)
        {
            if (_disconnectPending) return SendDisconnect(buffer, offset);
            if (!_connected) return 0;
            int length;
            _ack.Properties.Clear();
            if (_acks.Take(_ack))
            {
                PacketEncoder.Encode(_ack, _version, buffer, offset, 0, out length);
                return length;
            }
            while (_resendNext < _resendCount)
            {
                // A resent PUBLISH takes send quota like a new one: wait while the window is full.
                if (IsPublishResend(_resendNext) && State.Inflight.Count - PendingPublishResends() >= Window()) break;
                length = EncodeInflight(_resend[_resendNext++], true, buffer, offset);
                if (length > 0) return length;
            }
            if (_needSubscribe && State.PendingSubscribeId == 0)
            {
                ushort id = AllocatePacketId();
                if (id != 0)
                {
                    State.Ids.Take(id);
                    State.PendingSubscribeId = id;
                    _needSubscribe = false;
                    _subscribe.PacketId = id;
                    _subscribe.Properties.Clear();
                    if (PacketEncoder.Encode(_subscribe, _version, buffer, offset, _brokerMaximumPacketSize, out length) == EncodeStatus.Ok) return length;
                }
            }
            while (_freshCount > 0)
            {
                ushort id = _fresh[0];
                for (int i = 1; i < _freshCount; i++) _fresh[i - 1] = _fresh[i];
                _freshCount--;
                length = EncodeInflight(id, false, buffer, offset);
                if (length > 0) return length;
            }
            while (State.Outbox.Count > 0 && State.Inflight.Count < Window())
            {
                ushort id = Promote();
                if (id == 0) break;
                length = EncodeInflight(id, false, buffer, offset);
                if (length > 0) return length;
            }
            return 0;
        }

        /// <summary>Writes a PINGREQ; returns its length.</summary>
        public int PingRequest(byte[] buffer, int offset)
        {
            buffer[offset] = 0xC0;
            buffer[offset + 1] = 0;
            return 2;
        }

        private int SendDisconnect(byte[] buffer, int offset)
        {
            _disconnectPending = false;
            bool ended = _ending && _connected && (_version == MqttVersion.V500 || _thisConnectionClean);
            _disconnect.Properties.Clear();
            _disconnect.ReasonCode = 0;
            if (ended && _version == MqttVersion.V500) _disconnect.Properties.SessionExpiryInterval = 0;
            int length;
            PacketEncoder.Encode(_disconnect, _version, buffer, offset, 0, out length);
            ResetConnection();
            if (ended)
            {
                if (_records.SessionEndConfirmed() == JournalStatus.Ok) State.EndPending = false;
                _ending = false;
                _connectClean = false;
                _events.Add(SessionEvent.SessionEnded, 0);
            }
            return length;
        }

        // Moves the oldest queued message into flight; returns its packet id, or 0.
        private ushort Promote()
        {
            ushort id = AllocatePacketId();
            if (id == 0) return 0;
            int length;
            if (!_records.ReadMessage(State.Outbox.GetOffset(0), out length)) return 0;
            int qos = _records.ReadQoS;
            if (_records.Sent(State.Outbox.GetMessageNumber(0), id, qos) != JournalStatus.Ok) return 0;
            State.Ids.Take(id);
            State.PromoteAt(0, id, qos);
            return id;
        }

        // Encodes the in-flight message's PUBLISH (or PUBREL) from its record; 0 when it is gone or cannot be sent.
        private int EncodeInflight(ushort packetId, bool resend, byte[] buffer, int offset)
        {
            int i = State.Inflight.IndexOf(packetId);
            if (i < 0) return 0;
            int length;
            if (State.Inflight.GetState(i) == InflightTable.AwaitingPubComp)
            {
                _ack.SetType(PacketType.PubRel);
                _ack.PacketId = packetId;
                _ack.ReasonCode = 0;
                _ack.Properties.Clear();
                PacketEncoder.Encode(_ack, _version, buffer, offset, 0, out length);
                return length;
            }
            int recordLength;
            if (!_records.ReadMessage(State.Inflight.GetOffset(i), out recordLength)) return 0;
            // The PUBLISH is encoded from the record buffer before anything else is written.
            _publish.Properties.Clear();
            _publish.QoS = (byte)_records.ReadQoS;
            _publish.Retain = _records.ReadRetain;
            _publish.Dup = resend;
            _publish.PacketId = packetId;
            _publish.Topic = _records.ReadTopic;
            _publish.Payload = _records.ReadPayload(recordLength);
            EncodeStatus st = PacketEncoder.Encode(_publish, _version, buffer, offset, _brokerMaximumPacketSize, out length);
            if (st == EncodeStatus.Ok) return length;
            // The broker will never take it (e.g. over its Maximum Packet Size): give it up, counted.
            Complete(i, 0, SessionEvent.MessageDropped);
            return 0;
        }

        // True when resend entry k is a PUBLISH still to go (not a PUBREL, not completed meanwhile).
        private bool IsPublishResend(int k)
        {
            int i = State.Inflight.IndexOf(_resend[k]);
            return i >= 0 && State.Inflight.GetState(i) != InflightTable.AwaitingPubComp;
        }

        // In-flight messages whose PUBLISH is still to be resent on this connection (they hold no quota yet).
        private int PendingPublishResends()
        {
            int n = 0;
            for (int k = _resendNext; k < _resendCount; k++)
            {
                if (IsPublishResend(k)) n++;
            }
            return n;
        }

        private ushort AllocatePacketId()
        {
            int reserve;
            ushort id = State.Ids.Peek(State, out reserve);
            if (id == 0 || reserve == 0) return id;
            if (_records.IdReserve((ushort)reserve) != JournalStatus.Ok) return 0;
            State.Ids.Reserve(reserve);
            return id;
        }

        private int Window()
        {
            return State.Inflight.Capacity < _brokerReceiveMaximum ? State.Inflight.Capacity : _brokerReceiveMaximum;
        }

        private int FindQueuedTopic(uint hash, Slice topic)
        {
            int start = 0;
            while (true)
            {
                int i = State.Outbox.IndexOfTopic(hash, start);
                if (i < 0) return -1;
                int length;
                if (_records.ReadMessage(State.Outbox.GetOffset(i), out length) && _records.ReadTopic.ContentEquals(topic))
                {
                    return i;
                }
                start = i + 1;
            }
        }

        private static uint Fingerprint(SubscribePacket subscribe, MqttVersion version)
        {
            byte[] options = new byte[1];
            uint crc = (uint)version;
            for (int i = 0; i < subscribe.Count; i++)
            {
                Slice f = subscribe.GetFilter(i);
                options[0] = subscribe.GetOptions(i);
                crc = Crc32.Update(Crc32.Update(crc, f.Array, f.Offset, f.Length), options, 0, 1);
            }
            return crc;
        }
    }
}

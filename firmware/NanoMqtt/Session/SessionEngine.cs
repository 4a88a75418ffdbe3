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
    public sealed partial class SessionEngine
    {
        private readonly SessionConfig _config;
        private readonly IncomingFlow _incoming;
        private readonly OutgoingFlow _outgoing;
        private readonly Journal _journal;
        private readonly SessionRecords _records;
        private readonly PacketDecoder _decoder;
        private readonly ConnectPlan _plan;
        private readonly SessionConnection _connection;
        private readonly SubscriptionSet _subscriptions;
        private readonly AckQueue _acks;
        private readonly EventQueue _events = new EventQueue(16);
        // 0: no batch; BatchOpen; BatchHolding: it accepted a message (one field, not two: the 8 KB budget).
        private int _batch;
        private const int BatchOpen = 1;
        private const int BatchHolding = 2;

        /// <summary>The session state tables (read-only use: counts and figures).</summary>
        public readonly SessionState State;

        /// <summary>An engine sized and configured by <paramref name="config"/>, journaling to <paramref name="files"/>.</summary>
        public SessionEngine(SessionConfig config, IFileStore files, IMessageHandler handler)
        {
            _config = config;
            int acks = config.IncomingQoS2Capacity + config.InflightCapacity + 4;
            int recordMax = config.MaxPacketSize + 16;
            int incomingMax = SessionRecords.IncomingMax(acks, config.AppStateKeys, config.EffectCapacity);
            if (recordMax < incomingMax) recordMax = incomingMax;
            _journal = new Journal(files, config.JournalName, config.JournalBytes, recordMax, config.JournalParts);
            State = new SessionState(config);
            _records = new SessionRecords(_journal, State);
            _decoder = PacketDecoder.ForClient(config.Version, config.MaxPacketSize, 0);
            // A decoded packet is used up inside Receive and a packet is encoded only inside
            // NextOutput, so the decoder's packet objects and property store serve both directions;
            // each encode starts by clearing the properties.
            Properties shared = _decoder.Properties;
            _plan = new ConnectPlan(config, shared, _decoder.Reason);
            _subscriptions = new SubscriptionSet(config, shared, State, _records);
            _acks = new AckQueue(acks);
            _incoming = new IncomingFlow(config, handler, State, _records, _acks);
            _outgoing = new OutgoingFlow(config, State, _records, _acks, _events, _decoder.Publish, _decoder.Ack);
            _connection = new SessionConnection(config, _plan, _records, State, _outgoing, _subscriptions, _acks, _events);
        }

        /// <summary>The journal (for figures: bytes written, compactions, size).</summary>
        public Journal Journal
        {
            get { return _journal; }
        }

        /// <summary>The MQTT version the engine speaks.</summary>
        public MqttVersion Version
        {
            get { return _config.Version; }
        }

        /// <summary>True between an accepted CONNACK and the loss of the link.</summary>
        public bool IsConnected
        {
            get { return _connection.IsConnected; }
        }

        /// <summary>Server Keep Alive from the last CONNACK (5.0), or 0 when the broker kept ours.</summary>
        public int ServerKeepAlive
        {
            get { return _connection.ServerKeepAlive; }
        }

        /// <summary>Session Expiry the broker granted in the last CONNACK (5.0), or the one requested.</summary>
        public uint GrantedSessionExpiry
        {
            get { return _connection.GrantedSessionExpiry; }
        }

        /// <summary>The connection's life and the control state the link driver follows.</summary>
        public SessionConnection Connection
        {
            get { return _connection; }
        }

        /// <summary>Replays the journal. Call once, before anything else.</summary>
        public JournalOpenResult Open()
        {
            JournalOpenResult result = _journal.Open(_records);
            _incoming.Restore();
            _plan.Opened(result, State.EndPending);
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
            _records.Commit();
            _incoming.ConnectionLost();
            return _connection.Begin(buffer, offset);
        }

        /// <summary>The link is gone. In-flight state stays for the next connection.</summary>
        public void ConnectionLost()
        {
            _incoming.ConnectionLost();
            _connection.Lost();
        }

        /// <summary>
        /// Accepts an outgoing QoS 1 or 2 message. Once this returns Accepted the message is on
        /// flash and will reach the broker, across link loss and power loss.
        /// </summary>
        public PublishResult Publish(Slice topic, Slice payload, byte qos, bool retain)
        {
            return _plan.IsEnding ? PublishResult.Ending : Committed(_outgoing.Publish(topic, payload, qos, retain, false));
        }

        /// <summary>
        /// Like <see cref="Publish(Slice, Slice, byte, bool)"/>, for values where only the latest
        /// matters (an input's level, health figures): a message still queued on the same topic is
        /// replaced (counted in <see cref="Outbox.Replaced"/>).
        /// </summary>
        public PublishResult PublishLatest(Slice topic, Slice payload, byte qos, bool retain)
        {
            return _plan.IsEnding ? PublishResult.Ending : Committed(_outgoing.Publish(topic, payload, qos, retain, true));
        }

        // An accepted message is on flash when Publish returns (its group is committed now), or at
        // the end of the batch it is part of.
        private PublishResult Committed(PublishResult result)
        {
            if (result != PublishResult.Accepted && result != PublishResult.AcceptedDroppingOlder) return result;
            if (_batch != 0)
            {
                _batch = BatchHolding;
                return result;
            }
            return Committed(_records.Commit()) ? result : PublishResult.JournalFull;
        }

        /// <summary>
        /// Starts a batch: the messages <see cref="Publish(Slice, Slice, byte, bool)"/> accepts until
        /// <see cref="EndBatch"/> go to flash in one commit there (or before the first of them is sent,
        /// whichever comes first), instead of one commit each. For an application that publishes
        /// several messages at once (reports at a reconnect, a burst of readings): on LittleFS every
        /// commit is a metadata write, so a batch of ten costs about a tenth.
        /// </summary>
        public void BeginBatch()
        {
            _batch = BatchOpen;
        }

        /// <summary>Commits the batch. Ok: every message accepted in it is on flash. Otherwise none of
        /// them is (the journal refused the group and the state is back to what is on flash): publish them again.</summary>
        public JournalStatus EndBatch()
        {
            bool held = _batch == BatchHolding;
            _batch = 0;
            // A batch that took nothing leaves completions to ride with the next commit.
            if (!held) return JournalStatus.Ok;
            JournalStatus st = _records.Commit();
            Committed(st);
            return st;
        }

        /// <summary>Convenience for string topics; allocates the topic's bytes (not for hot paths).</summary>
        public PublishResult Publish(string topic, byte[] payload, byte qos, bool retain)
        {
            return Publish(Slice.FromString(topic), Slice.Of(payload), qos, retain);
        }

        /// <summary>Largest packet the broker takes (its CONNACK Maximum Packet Size; 0: no limit announced).</summary>
        public int BrokerMaximumPacketSize
        {
            get { return _outgoing.BrokerMaximumPacketSize; }
        }

        /// <summary>Subscribes to <paramref name="filter"/> (copied) with <paramref name="options"/> (QoS in bits 0-1):
        /// sent now if connected, else with the next connection.</summary>
        public SubscriptionResult Subscribe(Slice filter, byte options)
        {
            return _subscriptions.Add(filter, options);
        }

        /// <summary>Filter <paramref name="index"/> of the subscription set (as a <see cref="SessionEvent.SubscriptionDowngraded"/> names it).</summary>
        public Slice SubscriptionFilter(int index)
        {
            return _subscriptions.Filter(index);
        }

        /// <summary>Unsubscribes from <paramref name="filter"/>: sent now if connected, else with the next connection.</summary>
        public SubscriptionResult Unsubscribe(Slice filter)
        {
            return _subscriptions.Remove(filter);
        }

        /// <summary>Closes the connection cleanly (DISCONNECT, reason 0): the session stays, with the broker and on flash.</summary>
        public void Disconnect()
        {
            _connection.Disconnect();
        }

        /// <summary>
        /// Ends the session on purpose (decommission): local state is dropped, and the broker is told
        /// (5.0: DISCONNECT with Session Expiry 0; 3.1.1: a Clean Session connection, then DISCONNECT).
        /// </summary>
        public void EndSession()
        {
            _connection.EndSession();
            _records.Commit();
        }

        /// <summary>
        /// Writes the next packet to send into <paramref name="buffer"/> (room for the maximum packet
        /// size) and returns its length, or 0 when there is nothing to send now.
        /// </summary>
        public int NextOutput(byte[] buffer, int offset)
        {
            int length = NextPacket(buffer, offset);
            // What the packet announces is on flash before it leaves (group commit).
            return Committed(_records.CommitUrgent()) ? length : 0;
        }

        /// <summary>Commits the records waiting in the journal's open group, urgent or not (the link
        /// driver calls this when they have waited long enough). False when the journal refused.</summary>
        public bool CommitPending()
        {
            return Committed(_records.Commit());
        }

        // A refused commit loses the group and puts the state back to what is on flash: nothing queued
        // may go, and a new connection makes the broker send again what it holds unacknowledged.
        private bool Committed(JournalStatus status)
        {
            if (status == JournalStatus.Ok) return true;
            _acks.Clear();
            _connection.RequestResend();
            return false;
        }

        private int NextPacket(byte[] buffer, int offset)
        {
            int length;
            AckPacket ack = _decoder.Ack;
            ack.Properties.Clear();
            // Acknowledgements first: what they answer is on flash, and a DISCONNECT must not cost the broker them.
            if (_connection.IsConnected && _acks.Take(ack))
            {
                PacketEncoder.Encode(ack, _config.Version, buffer, offset, 0, out length);
                return length;
            }
            if (_connection.DisconnectPending) return _connection.EncodeDisconnect(buffer, offset);
            if (!_connection.IsConnected) return 0;
            length = _outgoing.NextResend(buffer, offset);
            if (length > 0) return length;
            if (_subscriptions.IsDue)
            {
                ushort id = _outgoing.AllocatePacketId();
                if (id != 0)
                {
                    State.Ids.Take(id);
                    length = _subscriptions.Encode(id, _outgoing.BrokerMaximumPacketSize, buffer, offset);
                    if (length > 0) return length;
                }
            }
            return _outgoing.NextNew(buffer, offset);
        }

        /// <summary>True while QoS 2 PUBLISHes wait deferred for PUBRELs of the ids the table holds.</summary>
        public bool DeferringPublishes
        {
            get { return _incoming.Deferring; }
        }

        /// <summary>Writes a PINGREQ; returns its length.</summary>
        public int PingRequest(byte[] buffer, int offset)
        {
            buffer[offset] = 0xC0;
            buffer[offset + 1] = 0;
            return 2;
        }
    }
}

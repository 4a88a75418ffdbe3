using NanoMqtt.Protocol;
using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    /// <summary>
    /// Messages to the broker: admission into flight or the outbox (with its policy), packet ids,
    /// the Receive Maximum window, the resends of a kept session (<see cref="ResendSchedule"/>), and
    /// the acknowledgements that complete them. Every state change is
    /// journaled before the packet that announces it is handed out.
    /// </summary>
    public sealed partial class OutgoingFlow
    {
        private readonly SessionConfig _config;
        private readonly SessionState _state;
        private readonly SessionRecords _records;
        private readonly AckQueue _acks;
        private readonly EventQueue _events;
        private readonly PublishPacket _publish;
        private readonly OutboxRoom _room;
        private readonly AckPacket _ack;
        private readonly ResendSchedule _resends;
        private readonly ushort[] _fresh;
        private int _freshCount;
        // 0 between connections: nothing goes into flight directly then.
        private int _brokerReceiveMaximum;
        private int _brokerMaximumPacketSize;

        /// <summary>A flow sized by <paramref name="config"/>; PUBLISH and PUBREL are encoded with <paramref name="publish"/> and <paramref name="ack"/>.</summary>
        public OutgoingFlow(SessionConfig config, SessionState state, SessionRecords records, AckQueue acks, EventQueue events, PublishPacket publish, AckPacket ack)
        {
            _config = config;
            _state = state;
            _records = records;
            _acks = acks;
            _events = events;
            _publish = publish;
            _room = new OutboxRoom(config.OutboxPolicy, state.Outbox, records, events);
            _ack = ack;
            _resends = new ResendSchedule(state.Inflight);
            _fresh = new ushort[config.InflightCapacity];
        }

        /// <summary>The journal's answer when the last call returned <see cref="SessionStatus.StorageFailed"/>.</summary>
        public JournalStatus JournalFailure
        {
            get { return _state.JournalFailure; }
        }

        /// <summary>Maximum Packet Size the broker announced (0: none).</summary>
        public int BrokerMaximumPacketSize
        {
            get { return _brokerMaximumPacketSize; }
        }

        /// <summary>A session was accepted with these broker limits (Receive Maximum 65535 and size 0 when absent).</summary>
        public void Connected(int brokerReceiveMaximum, int brokerMaximumPacketSize)
        {
            _brokerReceiveMaximum = brokerReceiveMaximum;
            _brokerMaximumPacketSize = brokerMaximumPacketSize;
        }

        /// <summary>The link is gone: nothing is resent or sent fresh until the next connection. What was
        /// taken in flight but never written stays fresh: its first PUBLISH goes without DUP.</summary>
        public void ConnectionLost()
        {
            _resends.Clear();
            _brokerReceiveMaximum = 0;
            _brokerMaximumPacketSize = 0;
        }

        /// <summary>The next resend (PUBREL or PUBLISH with DUP) of this connection; 0 when none is due.</summary>
        public int NextResend(byte[] buffer, int offset)
        {
            ushort id;
            while (_resends.TryNext(Window(), _freshCount, out id))
            {
                int length = EncodeInflight(id, true, buffer, offset);
                if (length > 0) return length;
            }
            return 0;
        }

        /// <summary>The next new PUBLISH: one accepted while connected, else the oldest queued one if the window allows; 0 when none.</summary>
        public int NextNew(byte[] buffer, int offset)
        {
            int length;
            while (_freshCount > 0)
            {
                // Taken in flight within the window of the connection then, which may have been larger.
                if (_state.Inflight.Count - _freshCount >= Window()) return 0;
                ushort id = _fresh[0];
                for (int i = 1; i < _freshCount; i++) _fresh[i - 1] = _fresh[i];
                _freshCount--;
                length = EncodeInflight(id, false, buffer, offset);
                if (length > 0) return length;
            }
            while (_state.Outbox.Count > 0 && _state.Inflight.Count < Window())
            {
                bool promoted;
                int qos;
                length = Promote(buffer, offset, out promoted, out qos);
                if (length > 0)
                {
                    if (qos == 2) PromoteAhead();
                    return length;
                }
                if (!promoted) break;
            }
            return 0;
        }

        /// <summary>
        /// Accepts a QoS 1 or 2 message: journaled, then sent now (in flight) or queued in the outbox,
        /// whose policy makes room. <paramref name="latestOnly"/>: a queued message on the same topic
        /// is replaced.
        /// </summary>
        public PublishResult Publish(Slice topic, Slice payload, byte qos, bool retain, bool latestOnly)
        {
            int size;
            PublishResult admitted = Admit(topic, payload, qos, out size);
            if (admitted != PublishResult.Accepted) return admitted;
            uint hash = Crc32.Compute(topic.Array, topic.Offset, topic.Length);
            bool direct = _state.Outbox.Count == 0 && _state.Inflight.Count < Window() && _freshCount < _fresh.Length;
            bool dropped = false;
            if (!direct)
            {
                PublishResult room = _room.MakeRoom(size, hash, topic, latestOnly, out dropped);
                if (room != PublishResult.Accepted) return room;
            }
            ushort packetId = direct ? AllocatePacketId() : (ushort)0;
            if (!Store(topic, payload, qos, retain, packetId, size, hash)) return PublishResult.JournalFull;
            return dropped ? PublishResult.AcceptedDroppingOlder : PublishResult.Accepted;
        }

        // Refuses what can never be sent: a bad topic or QoS, or a message over a packet or record limit.
        private PublishResult Admit(Slice topic, Slice payload, byte qos, out int size)
        {
            size = 0;
            if (qos < 1 || qos > 2 || topic.Length == 0 || !Topic.IsValidName(topic)) return PublishResult.Invalid;
            if (Utf8.Validate(topic.Array, topic.Offset, topic.Length) != DecodeStatus.Ok) return PublishResult.Invalid;
            int recordLength = SessionRecords.MessageLength(topic, payload);
            int packetSize = 1 + 4 + 2 + topic.Length + 2 + 1 + payload.Length;
            if (packetSize > _config.MaxPacketSize || recordLength > _records.MaxRecord) return PublishResult.TooLarge;
            if (_brokerMaximumPacketSize > 0 && packetSize > _brokerMaximumPacketSize) return PublishResult.TooLarge;
            size = Journal.RecordOverhead + recordLength;
            return _state.Outbox.CanEverHold(size) ? PublishResult.Accepted : PublishResult.TooLarge;
        }

        // Journals the message, then puts it in flight (with a packet id) or in the outbox (without).
        private bool Store(Slice topic, Slice payload, byte qos, bool retain, ushort packetId, int size, uint hash)
        {
            uint messageNumber = _state.NextMessageNumber;
            if (_records.Message(messageNumber, qos, retain, packetId, topic, payload) != JournalStatus.Ok) return false;
            _state.NextMessageNumber = messageNumber + 1;
            int offset = _records.LastOffset;
            if (packetId == 0)
            {
                _state.Outbox.Add(messageNumber, offset, size, hash);
                return true;
            }
            _state.Ids.Take(packetId);
            _state.Inflight.Add(packetId, messageNumber, qos == 1 ? InflightTable.AwaitingPubAck : InflightTable.AwaitingPubRec, offset, size, hash);
            _fresh[_freshCount++] = packetId;
            return true;
        }

        /// <summary>The broker kept the session: every in-flight message written before is resent once on this connection.</summary>
        public void QueueResend()
        {
            _resends.Fill(_fresh, _freshCount);
        }

        /// <summary>The broker lost the session: what was in flight is gone or queued again, none of it fresh.</summary>
        public void SessionLost()
        {
            _freshCount = 0;
        }

        /// <summary>PUBACK, PUBREC or PUBCOMP received: the step <see cref="OutgoingTransitions"/> gives
        /// for the message's state. An unknown id gets PUBREL for a PUBREC (so the broker never stalls).</summary>
        public SessionStatus Acknowledged(AckPacket ack)
        {
            PacketType type = ack.Type;
            int i = _state.Inflight.IndexOf(ack.PacketId);
            if (i < 0)
            {
                if (type == PacketType.PubRec) _acks.Add(PacketType.PubRel, ack.PacketId, _config.Version == MqttVersion.V500 ? ReasonCode.PacketIdentifierNotFound : (byte)0);
                return SessionStatus.Ok;
            }
            switch (OutgoingTransitions.Next(_state.Inflight.GetState(i), type, ack.ReasonCode))
            {
                case OutgoingStep.Refuse:
                    return SessionStatus.ProtocolViolation;
                case OutgoingStep.Complete:
                    return Complete(i, ack.ReasonCode, SessionEvent.MessageCompleted);
                case OutgoingStep.CompleteAtQoS1:
                    uint number = _state.Inflight.GetMessageNumber(i);
                    SessionStatus done = Complete(i, 0, SessionEvent.MessageCompleted);
                    if (done == SessionStatus.Ok) _events.Add(SessionEvent.PublishDowngraded, (int)number);
                    return done;
                case OutgoingStep.AwaitPubComp:
                    JournalStatus st = _records.PubRecReceived(ack.PacketId);
                    if (st != JournalStatus.Ok) return Failed(st);
                    // A compaction during the write may have rebuilt the tables: look the id up again.
                    _state.Inflight.SetState(_state.Inflight.IndexOf(ack.PacketId), InflightTable.AwaitingPubComp);
                    _acks.Add(PacketType.PubRel, ack.PacketId, 0);
                    return SessionStatus.Ok;
                case OutgoingStep.RepeatPubRel:
                    _acks.Add(PacketType.PubRel, ack.PacketId, 0);
                    return SessionStatus.Ok;
                default:
                    return SessionStatus.Ok;
            }
        }

        // Ends an in-flight message: completed by the broker, or given up (reported as dropped).
        private SessionStatus Complete(int index, byte reason, SessionEvent report)
        {
            uint number = _state.Inflight.GetMessageNumber(index);
            JournalStatus st = _records.Completed(_state.Inflight.GetPacketId(index));
            if (st != JournalStatus.Ok) return Failed(st);
            _state.Inflight.RemoveAt(index);
            if (reason >= 0x80) _events.Add(SessionEvent.MessageRejected, reason);
            _events.Add(report, (int)number);
            return SessionStatus.Ok;
        }

        // Encodes the in-flight message's PUBLISH (or PUBREL) from its record; 0 when it is gone or cannot be sent.
        private int EncodeInflight(ushort packetId, bool resend, byte[] buffer, int offset)
        {
            int i = _state.Inflight.IndexOf(packetId);
            if (i < 0) return 0;
            int length;
            if (_state.Inflight.GetState(i) == InflightTable.AwaitingPubComp)
            {
                _ack.SetType(PacketType.PubRel);
                _ack.PacketId = packetId;
                _ack.ReasonCode = 0;
                _ack.Properties.Clear();
                PacketEncoder.Encode(_ack, _config.Version, buffer, offset, 0, out length);
                return length;
            }
            int recordLength;
            if (!_records.ReadMessage(_state.Inflight.GetOffset(i), out recordLength)) return 0;
            length = EncodePublish(packetId, resend, recordLength, buffer, offset);
            if (length > 0) return length;
            Complete(i, 0, SessionEvent.MessageDropped);
            return 0;
        }

        // The PUBLISH of the message record just read, encoded from the record buffer before anything
        // else is written; 0 when the broker will never take it (e.g. over its Maximum Packet Size):
        // the caller gives it up, counted.
        private int EncodePublish(ushort packetId, bool resend, int recordLength, byte[] buffer, int offset)
        {
            _publish.Properties.Clear();
            _publish.QoS = (byte)_records.ReadQoS;
            _publish.Retain = _records.ReadRetain;
            _publish.Dup = resend;
            _publish.PacketId = packetId;
            _publish.Topic = _records.ReadTopic;
            _publish.Payload = _records.ReadPayload(recordLength);
            int length;
            EncodeStatus st = PacketEncoder.Encode(_publish, _config.Version, buffer, offset, _brokerMaximumPacketSize, out length);
            return st == EncodeStatus.Ok ? length : 0;
        }

        /// <summary>A packet id no message holds, its reservation journaled when a new block starts; 0 when none can be had.</summary>
        public ushort AllocatePacketId()
        {
            int reserve;
            ushort id = _state.Ids.Peek(_state, out reserve);
            if (id == 0 || reserve == 0) return id;
            if (_records.IdReserve((ushort)reserve) != JournalStatus.Ok) return 0;
            _state.Ids.Reserve(reserve);
            return id;
        }

        private int Window()
        {
            return _state.Inflight.Capacity < _brokerReceiveMaximum ? _state.Inflight.Capacity : _brokerReceiveMaximum;
        }

        private SessionStatus Failed(JournalStatus status)
        {
            _state.JournalFailure = status;
            return SessionStatus.StorageFailed;
        }
    }
}

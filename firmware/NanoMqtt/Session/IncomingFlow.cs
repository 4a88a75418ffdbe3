using NanoMqtt.Protocol;
using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    /// <summary>
    /// Messages from the broker. Everything one read changes is journaled as one record before any
    /// acknowledgement of it leaves (<see cref="Apply"/>): the QoS 2 ids newly held and released, in
    /// order, and the application state the deliveries left. So a duplicate QoS 2 PUBLISH is
    /// acknowledged and never applied twice, even after a power cut, and no PUBCOMP leaves for an id
    /// still held on flash. The application acts on the read's messages together once they are on flash.
    /// </summary>
    public sealed partial class IncomingFlow
    {
        private readonly IMessageHandler _handler;
        private readonly SessionState _state;
        private readonly SessionRecords _records;
        private readonly AckQueue _acks;
        private readonly byte[] _effect;
        private readonly bool _v5;
        private const int StateChanged = 0x40000000;
        private int _releasedAhead;

        private int _deferred;
        // Deliveries since the last Apply, with StateChanged set once one of them changed the state.
        private int _staged;
        private int _stagedAbandoned;

        /// <summary>A flow delivering to <paramref name="handler"/>, answering through <paramref name="acks"/>.</summary>
        public IncomingFlow(SessionConfig config, IMessageHandler handler, SessionState state, SessionRecords records, AckQueue acks)
        {
            _handler = handler;
            _state = state;
            _records = records;
            _acks = acks;
            _effect = new byte[config.EffectCapacity];
            _v5 = config.Version == MqttVersion.V500;
        }

        /// <summary>The journal's answer when the last call returned <see cref="SessionStatus.StorageFailed"/>.</summary>
        public JournalStatus JournalFailure
        {
            get { return _state.JournalFailure; }
        }

        /// <summary>
        /// Journals what the read changed (the changes queued in the acknowledgements from
        /// <paramref name="from"/> on, and the state of the deliveries) as one record, commits it, then
        /// lets the application act on the deliveries (<see cref="IMessageHandler.Commit"/>): on flash
        /// before it acts, or a power cut would let it act twice. When the journal refuses, the caller
        /// discards the group and calls <see cref="Forget"/>; nothing of it is acknowledged.
        /// </summary>
        public SessionStatus Apply(int from)
        {
            // A group lost since the first of these deliveries (any record of it refused) took them along.
            if (_staged > 0 && _records.AbandonedGroups != _stagedAbandoned) return Failed(JournalStatus.StorageFailed);
            bool wrote;
            JournalStatus st = _records.Incoming(_acks, from, _state.AppState, (_staged & StateChanged) != 0, out wrote);
            if (st == JournalStatus.Ok && (wrote || _staged > 0)) st = _records.Commit();
            if (st != JournalStatus.Ok) return Failed(st);
            if (_staged == 0) return SessionStatus.Ok;
            _staged = 0;
            _handler.Commit();
            return SessionStatus.Ok;
        }

        /// <summary>What was delivered since the last <see cref="Apply"/> is gone (its group was discarded,
        /// the state is back to what is on flash): the application drops it and gets that state back.</summary>
        public void Forget()
        {
            if (_staged == 0) return;
            _staged = 0;
            _handler.Forget();
            Restore();
        }

        // A delivery of this read, and the state it left (an effect of 1 to EffectCapacity bytes).
        private void Staged(int effect)
        {
            if (_staged++ == 0) _stagedAbandoned = _records.AbandonedGroups;
            if (effect > 0 && effect <= _effect.Length && _state.AppState.Set(_effect, 0, effect)) _staged |= StateChanged;
        }

        /// <summary>Gives the application its durable state back (at boot, before any network).</summary>
        public void Restore()
        {
            for (int i = 0; i < _state.AppState.Count; i++)
            {
                int offset;
                int length;
                byte[] effect = _state.AppState.GetValue(i, out offset, out length);
                _handler.Restore(effect, offset, length);
            }
        }

        /// <summary>A PUBLISH from the broker.</summary>
        public SessionStatus Publish(PublishPacket message)
        {
            if (message.Properties.Has(PropertyId.TopicAlias)) return SessionStatus.ProtocolViolation;
            if (message.QoS < 2) return DeliverOnce(message);
            if (_state.Incoming.Contains(message.PacketId))
            {
                // Already delivered: acknowledge again, deliver nothing.
                _acks.Add(PacketType.PubRec, message.PacketId, 0);
                return SessionStatus.Ok;
            }
            // An id no run can take (more scattered ids than runs): take nothing, so the broker sends
            // it again on the next connection.
            if (!_state.Incoming.CanAdd(message.PacketId)) return SessionStatus.IncomingFull;
            Staged(_handler.Deliver(message, _effect, 0, _effect.Length));
            // The read's record ties the id to the state it left: both are on flash, or neither.
            _state.Incoming.Add(message.PacketId);
            _acks.AddChange(PacketType.PubRec, message.PacketId);
            return SessionStatus.Ok;
        }

        /// <summary>A PUBREL: the id is released (an unknown one is completed anyway, never stalled).</summary>
        public SessionStatus Release(AckPacket ack)
        {
            return Release(ack.PacketId);
        }

        private SessionStatus Release(ushort packetId)
        {
            if (!_state.Incoming.Contains(packetId))
            {
                _acks.Add(PacketType.PubComp, packetId, _v5 ? ReasonCode.PacketIdentifierNotFound : (byte)0);
                return SessionStatus.Ok;
            }
            if (!_state.Incoming.CanRemove(packetId))
            {
                // Its run cannot split (every run in use): unanswered, the PUBREL comes again on the
                // next connection, as a deferred PUBLISH does.
                _deferred++;
                return SessionStatus.Ok;
            }
            _state.Incoming.Remove(packetId);
            _acks.AddChange(PacketType.PubComp, packetId);
            return SessionStatus.Ok;
        }

        /// <summary>
        /// With the id table full, releases the ids whose PUBREL already sits later in the bytes, so
        /// the PUBLISH in front of them can be taken (Mosquitto 2.0 frees a slot of its window at
        /// PUBREC and sends new PUBLISHes ahead of the PUBRELs). Each such PUBREL is answered now and
        /// its first byte set to 0, a type no broker may send, so Receive passes over it when it
        /// gets there. Returns how many were released.
        /// </summary>
        public int ReleaseAhead(byte[] b, int from, int end)
        {
            int released = 0;
            int p = from;
            while (p < end && _acks.Free > 0)
            {
                int first;
                int header;
                int remaining;
                if (PacketDecoder.ReadFixedHeader(b, p, end - p, out first, out header, out remaining) != DecodeStatus.Ok || p + header + remaining > end) break;
                if (first == 0x62 && remaining >= 2)
                {
                    ushort id = (ushort)((b[p + header] << 8) | b[p + header + 1]);
                    if (_state.Incoming.CanRemove(id))
                    {
                        Release(id);
                        b[p] = 0;
                        _releasedAhead++;
                        released++;
                    }
                }
                p += header + remaining;
            }
            return released;
        }

        /// <summary>Bytes at <paramref name="offset"/> to pass over: the rest of an oversize PUBLISH, or a
        /// PUBREL already taken by <see cref="ReleaseAhead"/>; 0 when a packet to decode starts there.</summary>
        public int PassOver(byte[] b, int offset, int count)
        {
            return _skipping > 0 ? Skip(b, offset, count) : TakenAhead(b, offset, count);
        }

        /// <summary>A QoS 2 PUBLISH passed over unacknowledged (no room for its id): the broker sends it again on the next connection.</summary>
        public void Defer()
        {
            _deferred++;
        }

        /// <summary>True while QoS 2 PUBLISHes wait deferred for ids the broker has not released yet.</summary>
        public bool Deferring
        {
            get { return _deferred != 0; }
        }

        /// <summary>True once when PUBLISHes were deferred and every id taken since is released.</summary>
        public bool TakeFloodOver()
        {
            if (_deferred == 0 || _state.Incoming.Count > 0) return false;
            _deferred = 0;
            return true;
        }

        private int TakenAhead(byte[] b, int offset, int count)
        {
            if (_releasedAhead == 0 || b[offset] != 0) return 0;
            int first;
            int header;
            int remaining;
            if (PacketDecoder.ReadFixedHeader(b, offset, count, out first, out header, out remaining) != DecodeStatus.Ok) return 0;
            _releasedAhead--;
            return header + remaining;
        }

        /// <summary>A new connection is a new byte stream: nothing half read or taken ahead carries over.</summary>
        public void ConnectionLost()
        {
            _skipping = 0;
            _releasedAhead = 0;
            _deferred = 0;
        }

        private SessionStatus DeliverOnce(PublishPacket message)
        {
            Staged(_handler.Deliver(message, _effect, 0, _effect.Length));
            if (message.QoS == 1) _acks.Add(PacketType.PubAck, message.PacketId, 0);
            return SessionStatus.Ok;
        }

        private SessionStatus Failed(JournalStatus status)
        {
            _state.JournalFailure = status;
            return SessionStatus.StorageFailed;
        }
    }
}

using NanoMqtt.Protocol;
using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    // The receive path: every whole packet in the bytes goes to the piece that owns its flow.
    public sealed partial class SessionEngine
    {
        // A 3.1.1 PUBREL is 4 bytes: with less room than that no release can arrive.
        private const int MinimumPubRel = 4;

        /// <summary>What the codec said of the last packet Receive stopped at (Ok when it decoded).</summary>
        public DecodeStatus LastDecodeStatus { get; private set; }

        /// <summary>What the journal said when Receive returned <see cref="SessionStatus.StorageFailed"/>.</summary>
        public JournalStatus LastJournalStatus { get; private set; }

        /// <summary>
        /// Processes every whole packet in the bytes. <paramref name="consumed"/> tells how many bytes
        /// were used (keep the rest for the next call, at the start of the same buffer, which should
        /// hold twice the maximum packet size). Anything but Ok or NeedMoreData means: close the link
        /// (the broker resends what was not acknowledged on the next connection).
        /// </summary>
        public SessionStatus Receive(byte[] buffer, int offset, int count, out int consumed)
        {
            int from = _acks.Count;
            SessionStatus st = ReceivePackets(buffer, offset, count, out consumed);
            if (st != SessionStatus.StorageFailed)
            {
                // The read's messages: on flash as one record, then acted on.
                SessionStatus applied = _incoming.Apply(from);
                if (applied == SessionStatus.Ok) return st;
                st = JournalFailed(_incoming.JournalFailure);
            }
            // A refused record: everything since the last commit goes, as after a power cut (no packet
            // announcing it has left); the broker sends it again once the link is closed.
            _records.Discard();
            _incoming.Forget();
            _acks.Clear();
            return st;
        }

        private SessionStatus ReceivePackets(byte[] buffer, int offset, int count, out int consumed)
        {
            consumed = 0;
            while (consumed < count && _acks.Free > 0 && !_connection.DisconnectPending)
            {
                int passed = _incoming.PassOver(buffer, offset + consumed, count - consumed);
                if (passed < 0) return PassedOverZeroId();
                if (passed > 0)
                {
                    consumed += passed;
                    continue;
                }
                DecodeStatus decoded = _decoder.Decode(buffer, offset + consumed, count - consumed);
                if (decoded == DecodeStatus.PacketTooLarge && _decoder.Type == PacketType.Publish && _connection.IsConnected)
                {
                    decoded = TakeOversize(buffer, offset + consumed, count - consumed, ref consumed);
                    if (decoded == DecodeStatus.Ok) continue;
                }
                LastDecodeStatus = decoded;
                if (decoded == DecodeStatus.NeedMoreData) return SessionStatus.NeedMoreData;
                consumed += _decoder.Consumed;
                SessionStatus st = decoded == DecodeStatus.Ok ? Handle() : SessionStatus.MalformedPacket;
                if (st == SessionStatus.Ok) continue;
                if (st == SessionStatus.IncomingFull)
                {
                    st = WaitForSlot(buffer, offset, count, ref consumed);
                    if (st == SessionStatus.Ok) continue;
                    return st;
                }
                if (st == SessionStatus.ProtocolViolation) LastDecodeStatus = DecodeStatus.ProtocolError;
                _events.Add(SessionEvent.ProtocolError, (int)LastDecodeStatus);
                return st;
            }
            // The flood is over once every id taken is released: connect again for what was deferred.
            if (consumed == count && _incoming.TakeFloodOver()) _connection.ReceiveMaximumExceeded();
            return SessionStatus.Ok;
        }

        // A QoS 2 PUBLISH found the id table full. It waits for a free slot: from PUBRELs already in
        // the bytes, or from those on their way (once the PUBRECs queued now are sent) while the
        // caller's buffer has room to read on. A buffer full of PUBLISHes defers it unacknowledged
        // (nothing recorded, nothing applied): the broker sends it again on the next connection.
        private SessionStatus WaitForSlot(byte[] buffer, int offset, int count, ref int consumed)
        {
            int end = offset + consumed;
            consumed -= _decoder.Consumed;
            if (_incoming.ReleaseAhead(buffer, end, offset + count) > 0) return SessionStatus.Ok;
            if (buffer.Length - (count - consumed) >= MinimumPubRel) return SessionStatus.NeedMoreData;
            consumed += _decoder.Consumed;
            _incoming.Defer();
            return SessionStatus.Ok;
        }

        private SessionStatus PassedOverZeroId()
        {
            LastDecodeStatus = DecodeStatus.ZeroPacketId;
            _events.Add(SessionEvent.ProtocolError, (int)LastDecodeStatus);
            return SessionStatus.MalformedPacket;
        }

        // A PUBLISH over the maximum packet size: acknowledged and passed over, never buffered.
        private DecodeStatus TakeOversize(byte[] buffer, int offset, int count, ref int consumed)
        {
            int used;
            int size;
            DecodeStatus st = _incoming.Oversize(buffer, offset, count, _config.MaxPacketSize, out used, out size);
            consumed += used;
            if (st == DecodeStatus.Ok) _events.Add(SessionEvent.MessageTooLarge, size);
            return st;
        }

        private SessionStatus Handle()
        {
            PacketType type = _decoder.Type;
            if (type == PacketType.ConnAck) return Taken(_connection.ConnAck(_decoder.ConnAck), _connection.JournalFailure);
            if (!_connection.IsConnected) return SessionStatus.ProtocolViolation;
            switch (type)
            {
                case PacketType.Publish:
                    return Taken(_incoming.Publish(_decoder.Publish), _incoming.JournalFailure);
                case PacketType.PubAck:
                case PacketType.PubRec:
                case PacketType.PubComp:
                    return Taken(_outgoing.Acknowledged(_decoder.Ack), _outgoing.JournalFailure);
                case PacketType.PubRel:
                    return Taken(_incoming.Release(_decoder.Ack), _incoming.JournalFailure);
                case PacketType.SubAck:
                case PacketType.UnsubAck:
                    return HandleSubAck(_decoder.SubAck);
                case PacketType.Disconnect:
                    return _connection.BrokerDisconnected(_decoder.Reason);
                default:
                    return SessionStatus.Ok;
            }
        }

        // A flow's status as Receive reports it; a journal refusal also becomes an event.
        private SessionStatus Taken(SessionStatus status, JournalStatus journal)
        {
            return status == SessionStatus.StorageFailed ? JournalFailed(journal) : status;
        }

        // The journal refused a record: nothing is acknowledged, so the broker resends after the link is closed.
        private SessionStatus JournalFailed(JournalStatus status)
        {
            LastJournalStatus = status;
            _events.Add(SessionEvent.JournalError, (int)status);
            return SessionStatus.StorageFailed;
        }

        private SessionStatus HandleSubAck(SubAckPacket ack)
        {
            int refused = _subscriptions.Acknowledged(ack);
            if (refused < 0) return SessionStatus.Ok;
            _events.Add(ack.Type == PacketType.UnsubAck ? SessionEvent.Unsubscribed : SessionEvent.Subscribed, refused);
            for (int i = 0; i < ack.ReasonCodes.Length; i++)
            {
                if (_subscriptions.GrantedLess(ack, i)) _events.Add(SessionEvent.SubscriptionDowngraded, i);
            }
            return SessionStatus.Ok;
        }
    }
}

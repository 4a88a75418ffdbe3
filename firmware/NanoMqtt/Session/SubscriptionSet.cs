using NanoMqtt.Protocol;
using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    /// <summary>
    /// The topic filters the device subscribes to, and whether the broker has them: a fingerprint
    /// of the set (version, filters, options) is journaled when the broker acknowledges it, so a
    /// resumed session re-subscribes only when the set changed. Filters come from the configuration
    /// and from <see cref="Add"/> / <see cref="Remove"/> at run time; one SUBSCRIBE or UNSUBSCRIBE
    /// is outstanding at a time.
    /// </summary>
    public sealed class SubscriptionSet
    {
        private readonly SubscribePacket _subscribe;
        private readonly MqttVersion _version;
        private readonly SessionState _state;
        private readonly SessionRecords _records;
        private readonly int _maxFilterLength;
        private readonly byte[] _one = new byte[1];
        private UnsubscribePacket _removed;
        private uint _sentFingerprint;
        private bool _needed;
        private bool _unsubscribing;

        /// <summary>The filters and options of <paramref name="config"/>, encoded with <paramref name="properties"/>.</summary>
        public SubscriptionSet(SessionConfig config, Properties properties, SessionState state, SessionRecords records)
        {
            _state = state;
            _records = records;
            _version = config.Version;
            _maxFilterLength = config.MaxPacketSize - 16;
            int count = config.Subscriptions.Length;
            int capacity = count + (config.SpareSubscriptions > 0 ? config.SpareSubscriptions : 0);
            _subscribe = new SubscribePacket(capacity > 0 ? capacity : 1, properties);
            for (int i = 0; i < count; i++) _subscribe.Add(Slice.FromString(config.Subscriptions[i]), config.SubscriptionOptions[i]);
        }

        /// <summary>True while a SUBSCRIBE or UNSUBSCRIBE is due on this connection.</summary>
        public bool IsDue
        {
            get { return _state.PendingSubscribeId == 0 && (_needed || (_removed != null && _removed.Count > 0)); }
        }

        /// <summary>Adds <paramref name="filter"/> (copied) with <paramref name="options"/>, or changes its options.</summary>
        public SubscriptionResult Add(Slice filter, byte options)
        {
            if (filter.Length == 0 || filter.Length > _maxFilterLength || !Topic.IsValidFilter(filter)) return SubscriptionResult.Invalid;
            if (Utf8.Validate(filter.Array, filter.Offset, filter.Length) != DecodeStatus.Ok || (options & 3) == 3) return SubscriptionResult.Invalid;
            int i = IndexOf(filter);
            if (i >= 0 && _subscribe.GetOptions(i) == options) return SubscriptionResult.Accepted;
            if (i < 0 && _subscribe.Count == _subscribe.Capacity) return SubscriptionResult.Full;
            byte[] copy = new byte[filter.Length];
            System.Array.Copy(filter.Array, filter.Offset, copy, 0, filter.Length);
            if (i >= 0) RemoveAt(i);
            _subscribe.Add(Slice.Of(copy), options);
            _needed = true;
            return SubscriptionResult.Accepted;
        }

        /// <summary>Removes <paramref name="filter"/>; the broker is told with an UNSUBSCRIBE.</summary>
        public SubscriptionResult Remove(Slice filter)
        {
            int i = IndexOf(filter);
            if (i < 0) return SubscriptionResult.NotFound;
            if (_removed == null) _removed = new UnsubscribePacket(_subscribe.Capacity, _subscribe.Properties);
            if (_removed.Count == _subscribe.Capacity) return SubscriptionResult.Full;
            _removed.Add(_subscribe.GetFilter(i));
            RemoveAt(i);
            return SubscriptionResult.Accepted;
        }

        /// <summary>A session was accepted: subscribe unless the broker holds this very set; a lost session holds nothing to unsubscribe.</summary>
        public void Connected(bool sessionPresent)
        {
            if (!sessionPresent && _removed != null) _removed.Clear();
            _needed = _subscribe.Count > 0 && (!_state.HasFingerprint || _state.Fingerprint != Fingerprint());
        }

        /// <summary>The connection ended; whatever was pending is asked again next time.</summary>
        public void ConnectionLost()
        {
            _needed = false;
            _state.PendingSubscribeId = 0;
        }

        /// <summary>Writes the due UNSUBSCRIBE, else the SUBSCRIBE of the whole set, with <paramref name="packetId"/>; 0 when it cannot be encoded.</summary>
        public int Encode(ushort packetId, int brokerMaximumPacketSize, byte[] buffer, int offset)
        {
            _state.PendingSubscribeId = packetId;
            _unsubscribing = _removed != null && _removed.Count > 0;
            FilterListPacket packet;
            if (_unsubscribing)
            {
                _removed.PacketId = packetId;
                packet = _removed;
            }
            else
            {
                _needed = false;
                _sentFingerprint = Fingerprint();
                _subscribe.PacketId = packetId;
                packet = _subscribe;
            }
            packet.Properties.Clear();
            int length;
            return PacketEncoder.Encode(packet, _version, buffer, offset, brokerMaximumPacketSize, out length) == EncodeStatus.Ok ? length : 0;
        }

        /// <summary>
        /// Takes a SUBACK or UNSUBACK; returns how many filters the broker refused, or -1 when it
        /// answers no request of ours. The set is recorded as held only when none was refused.
        /// </summary>
        public int Acknowledged(SubAckPacket ack)
        {
            if (ack.PacketId != _state.PendingSubscribeId || ack.PacketId == 0) return -1;
            if ((ack.Type == PacketType.UnsubAck) != _unsubscribing) return -1;
            _state.PendingSubscribeId = 0;
            int refused = 0;
            for (int i = 0; i < ack.ReasonCodes.Length; i++)
            {
                if (ack.ReasonCodes[i] >= 0x80) refused++;
            }
            uint held = _sentFingerprint;
            if (_unsubscribing)
            {
                _removed.Clear();
                held = Fingerprint();
                if (_needed) return refused;
            }
            if (refused == 0 && _records.Subscribed(held) == JournalStatus.Ok)
            {
                _state.Fingerprint = held;
                _state.HasFingerprint = true;
            }
            return refused;
        }

        /// <summary>Filter <paramref name="index"/> of the set.</summary>
        public Slice Filter(int index)
        {
            return _subscribe.GetFilter(index);
        }

        /// <summary>True when the SUBACK granted filter <paramref name="index"/> less than the QoS asked
        /// (a broker that grants 1 for 2 takes exactly-once away from its messages).</summary>
        public bool GrantedLess(SubAckPacket ack, int index)
        {
            if (ack.Type != PacketType.SubAck || index >= _subscribe.Count || index >= ack.ReasonCodes.Length) return false;
            byte granted = ack.ReasonCodes[index];
            return granted < 0x80 && granted < (_subscribe.GetOptions(index) & 3);
        }

        private int IndexOf(Slice filter)
        {
            for (int i = 0; i < _subscribe.Count; i++)
            {
                if (_subscribe.GetFilter(i).ContentEquals(filter)) return i;
            }
            return -1;
        }

        // The packet keeps its filters in order: take them out and put the others back.
        private void RemoveAt(int index)
        {
            int count = _subscribe.Count;
            Slice[] keep = new Slice[count];
            byte[] options = new byte[count];
            for (int i = 0; i < count; i++)
            {
                keep[i] = _subscribe.GetFilter(i);
                options[i] = _subscribe.GetOptions(i);
            }
            _subscribe.Clear();
            for (int i = 0; i < count; i++)
            {
                if (i != index) _subscribe.Add(keep[i], options[i]);
            }
        }

        private uint Fingerprint()
        {
            uint crc = (uint)_version;
            for (int i = 0; i < _subscribe.Count; i++)
            {
                Slice f = _subscribe.GetFilter(i);
                crc = Crc32.Update(crc, f.Array, f.Offset, f.Length);
                _one[0] = _subscribe.GetOptions(i);
                crc = Crc32.Update(crc, _one, 0, 1);
            }
            return crc;
        }
    }
}

using NanoMqtt.Protocol;
using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    /// <summary>
    /// The topic filters the device subscribes to, and whether the broker has them: a fingerprint
    /// of the set (version, filters, options) is journaled when the broker acknowledges it, so a
    /// resumed session re-subscribes only when the configured set changed.
    /// </summary>
    public sealed class SubscriptionSet
    {
        private readonly SubscribePacket _subscribe;
        private readonly uint _fingerprint;
        private readonly SessionState _state;
        private readonly SessionRecords _records;
        private bool _needed;

        /// <summary>The filters and options of <paramref name="config"/>, encoded with <paramref name="properties"/>.</summary>
        public SubscriptionSet(SessionConfig config, Properties properties, SessionState state, SessionRecords records)
        {
            _state = state;
            _records = records;
            int count = config.Subscriptions.Length;
            _subscribe = new SubscribePacket(count > 0 ? count : 1, properties);
            for (int i = 0; i < count; i++) _subscribe.Add(Slice.FromString(config.Subscriptions[i]), config.SubscriptionOptions[i]);
            _fingerprint = Fingerprint(_subscribe, config.Version);
        }

        /// <summary>True while a SUBSCRIBE is due on this connection.</summary>
        public bool IsDue
        {
            get { return _needed && _state.PendingSubscribeId == 0; }
        }

        /// <summary>A session was accepted: subscribe unless the broker holds this very set.</summary>
        public void Connected()
        {
            _needed = _subscribe.Count > 0 && (!_state.HasFingerprint || _state.Fingerprint != _fingerprint);
        }

        /// <summary>The connection ended; whatever was pending is asked again next time.</summary>
        public void ConnectionLost()
        {
            _needed = false;
            _state.PendingSubscribeId = 0;
        }

        /// <summary>Writes the SUBSCRIBE with <paramref name="packetId"/>; 0 when it cannot be encoded.</summary>
        public int Encode(ushort packetId, MqttVersion version, int brokerMaximumPacketSize, byte[] buffer, int offset)
        {
            _state.PendingSubscribeId = packetId;
            _needed = false;
            _subscribe.PacketId = packetId;
            _subscribe.Properties.Clear();
            int length;
            return PacketEncoder.Encode(_subscribe, version, buffer, offset, brokerMaximumPacketSize, out length) == EncodeStatus.Ok ? length : 0;
        }

        /// <summary>
        /// Takes a SUBACK; returns how many filters the broker refused, or -1 when it answers no
        /// SUBSCRIBE of ours. The set is recorded as held only when none was refused.
        /// </summary>
        public int Acknowledged(SubAckPacket ack)
        {
            if (ack.PacketId != _state.PendingSubscribeId) return -1;
            _state.PendingSubscribeId = 0;
            int refused = 0;
            for (int i = 0; i < ack.ReasonCodes.Length; i++)
            {
                if (ack.ReasonCodes[i] >= 0x80) refused++;
            }
            if (refused == 0 && _records.Subscribed(_fingerprint) == JournalStatus.Ok)
            {
                _state.Fingerprint = _fingerprint;
                _state.HasFingerprint = true;
            }
            return refused;
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

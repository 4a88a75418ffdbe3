using NanoMqtt.Protocol;

namespace NanoMqtt.Session
{
    // A PUBLISH too large to buffer, passed over as it streams in: what is left of its topic, its
    // packet id (acknowledged once whole, even when it arrives split across two reads), its payload.
    public sealed partial class IncomingFlow
    {
        // Bytes of it still to come; the last _skipTail of them follow the packet id.
        private int _skipping;
        private int _skipTail;
        // Its QoS (bits 16-17) and the packet id read so far (bits 0-15).
        private int _skipId;

        /// <summary>
        /// A PUBLISH over <paramref name="limit"/> bytes: from its head (fixed header, topic, packet id)
        /// it is acknowledged per its QoS, so the broker forgets it instead of sending it again on
        /// every connection, and the application is told; the rest is passed over without buffering.
        /// A topic over the limit is passed over too, and reported by its first
        /// <see cref="TopicShown"/> bytes. NeedMoreData until what is needed is in the bytes.
        /// </summary>
        public DecodeStatus Oversize(byte[] b, int offset, int count, int limit, out int consumed, out int size)
        {
            consumed = 0;
            size = 0;
            int first;
            int headerLength;
            int remaining;
            DecodeStatus st = PacketDecoder.ReadFixedHeader(b, offset, count, out first, out headerLength, out remaining);
            if (st != DecodeStatus.Ok) return st;
            byte qos = (byte)((first >> 1) & 3);
            if (qos == 3) return DecodeStatus.InvalidQoS;
            int p = offset + headerLength;
            if (count < headerLength + 2) return DecodeStatus.NeedMoreData;
            int topicLength = (b[p] << 8) | b[p + 1];
            int idLength = qos > 0 ? 2 : 0;
            if (2 + topicLength + idLength > remaining) return DecodeStatus.Truncated;
            int shown = headerLength + 2 + topicLength + idLength > limit ? Shown(topicLength) : topicLength;
            int head = headerLength + 2 + shown;
            if (count < head) return DecodeStatus.NeedMoreData;
            size = headerLength + remaining;
            IMessageRefusals refusals = _handler as IMessageRefusals;
            if (refusals != null) refusals.TooLarge(new Slice(b, p + 2, Utf8.BoundaryBefore(b, p + 2, shown)), size, limit);
            int after = remaining - 2 - topicLength - idLength;
            _skipping = topicLength - shown + idLength + after;
            _skipTail = after;
            _skipId = qos << 16;
            consumed = head;
            int used = Skip(b, offset + head, count - head);
            if (used < 0) return DecodeStatus.ZeroPacketId;
            consumed += used;
            return DecodeStatus.Ok;
        }

        /// <summary>How much of a topic over the limit the refusal shows.</summary>
        public const int TopicShown = 64;

        private static int Shown(int topicLength)
        {
            return topicLength < TopicShown ? topicLength : TopicShown;
        }

        // 5.0: a failure reason ends a QoS 2 flow at PUBREC; 3.1.1: the PUBREL that follows finds no id and is completed.
        private void Acknowledge(byte qos, ushort id)
        {
            byte reason = _v5 ? ReasonCode.ImplementationSpecificError : (byte)0;
            if (qos == 1) _acks.Add(PacketType.PubAck, id, reason);
            if (qos == 2) _acks.Add(PacketType.PubRec, id, reason);
        }

        // Passes over what it can; -1 when the id it read is 0 (a protocol error).
        private int Skip(byte[] b, int offset, int count)
        {
            int used = 0;
            int idLength = (_skipId >> 16) > 0 ? 2 : 0;
            while (used < count && _skipping > 0)
            {
                int beforeId = _skipping - _skipTail - idLength;
                if (beforeId <= 0 && _skipping > _skipTail)
                {
                    _skipId = (_skipId & ~0xFFFF) | ((_skipId << 8) & 0xFF00) | b[offset + used];
                    used++;
                    _skipping--;
                    if (_skipping == _skipTail && !AcknowledgeSkipped()) return -1;
                    continue;
                }
                int run = beforeId > 0 ? beforeId : _skipping;
                int n = count - used < run ? count - used : run;
                used += n;
                _skipping -= n;
            }
            return used;
        }

        private bool AcknowledgeSkipped()
        {
            int id = _skipId & 0xFFFF;
            if (id == 0) return false;
            Acknowledge((byte)(_skipId >> 16), (ushort)id);
            return true;
        }
    }
}

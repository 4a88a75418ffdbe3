using NanoMqtt.Protocol;
using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    // Queued messages into flight: a packet id, its Sent record, and the PUBLISH from one read of the record.
    public sealed partial class OutgoingFlow
    {
        // Moves the oldest queued message into flight and encodes its PUBLISH from the one read of its
        // record, before the Sent record takes the record buffer; 0 when nothing can go now.
        private int Promote(byte[] buffer, int offset, out bool promoted, out int qos)
        {
            promoted = false;
            qos = 0;
            ushort id = AllocatePacketId();
            if (id == 0) return 0;
            int recordLength;
            if (!_records.ReadMessage(_state.Outbox.GetOffset(0), out recordLength)) return 0;
            qos = _records.ReadQoS;
            int length = EncodePublish(id, false, recordLength, buffer, offset);
            if (_records.Sent(_state.Outbox.GetMessageNumber(0), id, qos) != JournalStatus.Ok) return 0;
            _state.Ids.Take(id);
            _state.PromoteAt(0, id, qos);
            promoted = true;
            if (length > 0) return length;
            Complete(_state.Inflight.IndexOf(id), 0, SessionEvent.MessageDropped);
            return 0;
        }

        // A QoS 2 message's packet id is on flash before its PUBLISH leaves, one commit per packet: so
        // the QoS 2 messages queued behind it that the window lets go are promoted now too, their ids
        // committed with its own, and sent by the next calls. Stops at the first QoS 1 message.
        private void PromoteAhead()
        {
            while (_state.Outbox.Count > 0 && _state.Inflight.Count < Window() && _freshCount < _fresh.Length)
            {
                ushort id = AllocatePacketId();
                int length;
                if (id == 0 || !_records.ReadMessage(_state.Outbox.GetOffset(0), out length)) return;
                int qos = _records.ReadQoS;
                if (_records.Sent(_state.Outbox.GetMessageNumber(0), id, qos) != JournalStatus.Ok) return;
                _state.Ids.Take(id);
                _state.PromoteAt(0, id, qos);
                _fresh[_freshCount++] = id;
                if (qos != 2) return;
            }
        }
    }
}

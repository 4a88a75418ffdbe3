using NanoMqtt.Protocol;
using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    /// <summary>
    /// Makes room in the outbox for a message by its policy: drop the oldest, refuse the newest, or
    /// replace one on the same topic; and, for values where only the latest matters, replaces a
    /// queued message on the same topic. Every drop is journaled before it happens, counted and
    /// reported (<see cref="SessionEvent.MessageDropped"/>).
    /// </summary>
    public sealed class OutboxRoom
    {
        private readonly OutboxPolicy _policy;
        private readonly Outbox _outbox;
        private readonly SessionRecords _records;
        private readonly EventQueue _events;

        /// <summary>Room in <paramref name="outbox"/> made by <paramref name="policy"/>.</summary>
        public OutboxRoom(OutboxPolicy policy, Outbox outbox, SessionRecords records, EventQueue events)
        {
            _policy = policy;
            _outbox = outbox;
            _records = records;
            _events = events;
        }

        /// <summary>
        /// Makes room for a message of <paramref name="size"/> record bytes; <paramref name="dropped"/>
        /// tells whether an older one went. Accepted, OutboxFull (policy DropNewest) or JournalFull.
        /// </summary>
        public PublishResult MakeRoom(int size, uint hash, Slice topic, bool latestOnly, out bool dropped)
        {
            dropped = false;
            int same = latestOnly ? FindQueuedTopic(hash, topic) : -1;
            if (same >= 0)
            {
                if (!DropQueued(same, true)) return PublishResult.JournalFull;
                dropped = true;
            }
            while (!_outbox.HasRoomFor(size))
            {
                if (_policy == OutboxPolicy.DropNewest)
                {
                    _outbox.DroppedNewest++;
                    return PublishResult.OutboxFull;
                }
                int victim = _policy == OutboxPolicy.ReplaceSameTopic ? FindQueuedTopic(hash, topic) : -1;
                if (!DropQueued(victim >= 0 ? victim : 0, victim >= 0)) return PublishResult.JournalFull;
                dropped = true;
            }
            return PublishResult.Accepted;
        }

        // Drops queued message <paramref name="index"/> (journaled first); false when the journal refuses.
        private bool DropQueued(int index, bool replaced)
        {
            uint number = _outbox.GetMessageNumber(index);
            if (_records.Dropped(number) != JournalStatus.Ok) return false;
            if (replaced) _outbox.Replaced++;
            else _outbox.DroppedOldest++;
            _outbox.RemoveAt(index);
            _events.Add(SessionEvent.MessageDropped, (int)number);
            return true;
        }

        // The hash narrows the search; reading the topic back confirms it.
        private int FindQueuedTopic(uint hash, Slice topic)
        {
            int start = 0;
            while (true)
            {
                int i = _outbox.IndexOfTopic(hash, start);
                if (i < 0) return -1;
                int length;
                if (_records.ReadMessage(_outbox.GetOffset(i), out length) && _records.ReadTopic.ContentEquals(topic)) return i;
                start = i + 1;
            }
        }
    }
}

using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    /// <summary>
    /// The client-side session state MQTT says a client keeps, in tables allocated once. It knows
    /// nothing of the journal: <see cref="SessionRecords"/> rebuilds it at boot and rewrites it at
    /// compaction.
    /// </summary>
    public sealed class SessionState : IPacketIdsInUse
    {

        /// <summary>Sent, not completely acknowledged.</summary>
        public readonly InflightTable Inflight;
        /// <summary>Accepted, not yet sent.</summary>
        public readonly Outbox Outbox;
        /// <summary>Incoming QoS 2 ids awaiting PUBREL.</summary>
        public readonly IncomingQoS2Table Incoming;
        /// <summary>Packet id allocation.</summary>
        public readonly PacketIdAllocator Ids;
        /// <summary>The application's durable state (latest effect per key).</summary>
        public readonly AppStateTable AppState;

        /// <summary>Number the next accepted message gets.</summary>
        public uint NextMessageNumber = 1;
        /// <summary>Fingerprint of the subscription set the broker acknowledged, when <see cref="HasFingerprint"/>.</summary>
        public uint Fingerprint;
        /// <summary>True when a subscription set was acknowledged in this session.</summary>
        public bool HasFingerprint;
        /// <summary>The application ended the session and the broker has not been told yet.</summary>
        public bool EndPending;
        /// <summary>What the journal said when a flow last returned <see cref="SessionStatus.StorageFailed"/>.</summary>
        public JournalStatus JournalFailure;
        /// <summary>Packet id of a SUBSCRIBE awaiting SUBACK (0: none); kept out of the allocator's way.</summary>
        public ushort PendingSubscribeId;

        /// <summary>State sized by <paramref name="config"/>.</summary>
        public SessionState(SessionConfig config)
        {
            Inflight = new InflightTable(config.InflightCapacity);
            // Spare slots: a lost broker session moves every in-flight message back into the outbox.
            Outbox = new Outbox(config.OutboxMessages, config.OutboxBytes, config.InflightCapacity);
            // Half as many runs as ids: the same RAM as a table of ids, and a run holds any number of consecutive ones.
            Incoming = new IncomingQoS2Table(config.IncomingQoS2Capacity / 2);
            Ids = new PacketIdAllocator(config.PacketIdBlock);
            AppState = new AppStateTable(config.AppStateKeys, config.EffectCapacity);
        }

        /// <summary>True when <paramref name="packetId"/> is held by an in-flight message or a pending SUBSCRIBE.</summary>
        public bool IsInUse(ushort packetId)
        {
            return packetId == PendingSubscribeId || Inflight.IndexOf(packetId) >= 0;
        }

        /// <summary>Neither in-flight messages, queued messages nor incoming QoS 2 ids.</summary>
        public bool IsEmpty
        {
            get { return Inflight.Count == 0 && Outbox.Count == 0 && Incoming.Count == 0; }
        }

        /// <summary>Forgets everything (before a replay).</summary>
        public void Clear()
        {
            Inflight.Clear();
            Outbox.Clear();
            Incoming.Clear();
            AppState.Clear();
            Ids.Reset();
            NextMessageNumber = 1;
            HasFingerprint = false;
            Fingerprint = 0;
            EndPending = false;
        }

        /// <summary>The session is being ended on purpose: everything is dropped until the broker is told.</summary>
        public void EndEverything()
        {
            AppState.Clear();
            Inflight.Clear();
            Outbox.Clear();
            Incoming.Clear();
            HasFingerprint = false;
            EndPending = true;
        }

        /// <summary>Moves outbox entry <paramref name="index"/> into flight with <paramref name="packetId"/>.</summary>
        public void PromoteAt(int index, ushort packetId, int qos)
        {
            Inflight.Add(packetId, Outbox.GetMessageNumber(index), qos == 1 ? InflightTable.AwaitingPubAck : InflightTable.AwaitingPubRec,
                Outbox.GetOffset(index), Outbox.GetSize(index), Outbox.GetTopicHash(index));
            Outbox.RemoveAt(index);
        }

        /// <summary>
        /// The broker lost the session: incoming ids and the subscription are gone; in-flight messages
        /// go back to the outbox to be sent as new (or are dropped, by policy). Returns how many moved.
        /// </summary>
        public int ResetProtocolState(bool requeue)
        {
            int moved = Inflight.Count;
            for (int i = 0; i < Inflight.Count; i++)
            {
                if (requeue) Outbox.Add(Inflight.GetMessageNumber(i), Inflight.GetOffset(i), Inflight.GetSize(i), Inflight.GetTopicHash(i));
                else Outbox.DroppedAfterSessionLoss++;
            }
            Inflight.Clear();
            Incoming.Clear();
            HasFingerprint = false;
            return requeue ? moved : 0;
        }
    }
}

namespace NanoMqtt.Session
{
    /// <summary>
    /// The session's journal records. Numbers are big-endian. A QoS 1 message costs its Message
    /// record plus one Completed (13 bytes); a QoS 2 message adds one PubRecReceived (13 bytes).
    /// </summary>
    public static class RecordType
    {
        /// <summary>An accepted outgoing message: number u32, flags u8 (QoS | retain &lt;&lt; 2), packet id u16 (0 while queued),
        /// topic length u16, topic, payload.</summary>
        public const int Message = 1;
        /// <summary>A queued message was sent: number u32, packet id u16.</summary>
        public const int Sent = 2;
        /// <summary>PUBREC received for an outgoing QoS 2 message: packet id u16.</summary>
        public const int PubRecReceived = 3;
        /// <summary>PUBACK or PUBCOMP received, the message is done: packet id u16.</summary>
        public const int Completed = 4;
        /// <summary>A queued message was dropped by policy: number u32.</summary>
        public const int Dropped = 5;
        /// <summary>An incoming QoS 2 message was delivered: packet id u16, then the application's effect (replayed from
        /// journals of earlier builds; <see cref="Incoming"/> is written now).</summary>
        public const int Received = 6;
        /// <summary>PUBREL received for an incoming QoS 2 message: packet id u16 (replayed from journals of earlier builds).</summary>
        public const int Released = 7;
        /// <summary>Packet ids reserved up to (exclusive): u16.</summary>
        public const int IdReserve = 8;
        /// <summary>The broker acknowledged the subscription set with this fingerprint: u32.</summary>
        public const int Subscribed = 9;
        /// <summary>The broker lost the session: flags u8 (1 = queue in-flight messages again, 0 = drop them).</summary>
        public const int SessionReset = 10;
        /// <summary>The session is being ended on purpose: everything is dropped; until SessionEndConfirmed a
        /// reboot keeps ending it.</summary>
        public const int SessionEnded = 11;
        /// <summary>Application state: the effect (its first byte is the key); written by compaction.</summary>
        public const int AppState = 13;
        /// <summary>The broker has been told the session ended.</summary>
        public const int SessionEndConfirmed = 12;
        /// <summary>What one read changed of the incoming side: count u16, one bit per change (1 = released, 0 = held;
        /// bit i of byte i / 8), the ids u16 in the order of the changes, then every key of application state as
        /// length u8 and effect.</summary>
        public const int Incoming = 15;
        /// <summary>Compaction's form of incoming QoS 2 ids delivered and not released: first id u16, last id u16 (a run of consecutive ids).</summary>
        public const int ReceivedRun = 14;

        /// <summary>Message record: offset of the message number.</summary>
        public const int MessageNumberAt = 0;
        /// <summary>Message record: offset of the flags.</summary>
        public const int FlagsAt = 4;
        /// <summary>Message record: offset of the packet id.</summary>
        public const int PacketIdAt = 5;
        /// <summary>Message record: offset of the topic length.</summary>
        public const int TopicLengthAt = 7;
        /// <summary>Message record: offset of the topic.</summary>
        public const int TopicAt = 9;
    }
}

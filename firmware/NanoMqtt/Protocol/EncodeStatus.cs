namespace NanoMqtt.Protocol
{
    /// <summary>Outcome of encoding a packet. Nothing is written unless the result is <see cref="Ok"/>.</summary>
    public enum EncodeStatus
    {
        /// <summary>The packet was written.</summary>
        Ok = 0,
        /// <summary>The caller's buffer cannot hold the packet.</summary>
        BufferTooSmall,
        /// <summary>The packet exceeds the peer's maximum packet size or MQTT's 256 MB limit.</summary>
        PacketTooLarge,
        /// <summary>QoS outside 0..2.</summary>
        InvalidQoS,
        /// <summary>Packet identifier 0 where one is required.</summary>
        ZeroPacketId,
        /// <summary>A string is not valid UTF-8, contains U+0000 or is longer than 65,535 bytes.</summary>
        InvalidString,
        /// <summary>Binary data longer than 65,535 bytes.</summary>
        DataTooLong,
        /// <summary>A topic name that is empty (without alias) or contains wildcards.</summary>
        InvalidTopic,
        /// <summary>A topic filter that is empty or misuses '+' or '#'.</summary>
        InvalidTopicFilter,
        /// <summary>A property this packet type cannot carry, or with an out-of-range value.</summary>
        InvalidProperty,
        /// <summary>A reason code this packet type cannot carry.</summary>
        InvalidReasonCode,
        /// <summary>Subscribe or unsubscribe with no topic filters, or bad subscription options.</summary>
        InvalidSubscription,
        /// <summary>A field combination MQTT forbids (e.g. a password without a user name in 3.1.1).</summary>
        InvalidField,
        /// <summary>The packet does not exist in the selected protocol version (AUTH in 3.1.1).</summary>
        NotInVersion,
    }
}

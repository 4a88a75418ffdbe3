namespace NanoMqtt.Protocol
{
    /// <summary>Outcome of decoding received bytes. Everything except <see cref="Ok"/> and
    /// <see cref="NeedMoreData"/> means the peer sent a malformed packet or broke the protocol.</summary>
    public enum DecodeStatus
    {
        /// <summary>A whole, valid packet was decoded.</summary>
        Ok = 0,
        /// <summary>The bytes so far are a valid prefix; read more and try again.</summary>
        NeedMoreData,
        /// <summary>Reserved packet type 0, or AUTH under MQTT 3.1.1.</summary>
        UnknownPacketType,
        /// <summary>The fixed header's flag bits are not the ones the packet type requires.</summary>
        BadFlags,
        /// <summary>A variable byte integer is longer than 4 bytes or not minimally encoded.</summary>
        MalformedVariableInteger,
        /// <summary>The packet is larger than the configured maximum packet size.</summary>
        PacketTooLarge,
        /// <summary>A field runs past the end of the packet.</summary>
        Truncated,
        /// <summary>Bytes are left over after the last field of a packet that has no payload.</summary>
        TrailingBytes,
        /// <summary>A string is not well-formed UTF-8 (overlong, surrogate, out of range).</summary>
        InvalidUtf8,
        /// <summary>A string contains U+0000.</summary>
        NullCharacter,
        /// <summary>QoS 3 in a PUBLISH, a will or a subscription option.</summary>
        InvalidQoS,
        /// <summary>Packet identifier 0 where one is required.</summary>
        ZeroPacketId,
        /// <summary>A property appears twice where only one is allowed.</summary>
        DuplicateProperty,
        /// <summary>A property identifier that does not exist or is not allowed in this packet.</summary>
        UnknownProperty,
        /// <summary>A property value outside its allowed range (e.g. Receive Maximum 0).</summary>
        InvalidPropertyValue,
        /// <summary>A reason or return code this packet type cannot carry.</summary>
        InvalidReasonCode,
        /// <summary>A topic name with wildcards, or an empty topic without a topic alias.</summary>
        InvalidTopic,
        /// <summary>A topic filter that is empty or misuses '+' or '#'.</summary>
        InvalidTopicFilter,
        /// <summary>Reserved bits set in connect flags, subscription options or CONNACK flags.</summary>
        ReservedBitsSet,
        /// <summary>CONNECT with a protocol name other than "MQTT" or an unsupported level.</summary>
        UnsupportedProtocol,
        /// <summary>A SUBSCRIBE, UNSUBSCRIBE, SUBACK or UNSUBACK with no entries.</summary>
        EmptyList,
        /// <summary>More entries than this decoder was built to hold.</summary>
        TooManyEntries,
        /// <summary>Fields that contradict each other (e.g. Session Present with an error code).</summary>
        ProtocolError,
        /// <summary>A 3.1.1 CONNECT with an empty client identifier and Clean Session 0 (answer: CONNACK 0x02).</summary>
        ClientIdentifierRejected,
        /// <summary>A packet only the other side may send (e.g. CONNECT received by a client).</summary>
        UnexpectedPacketType,
        /// <summary>A well-formed AUTH packet: extended authentication is not supported.</summary>
        AuthNotSupported,
    }
}

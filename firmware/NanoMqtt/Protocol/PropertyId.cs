namespace NanoMqtt.Protocol
{
    /// <summary>MQTT 5.0 property identifiers.</summary>
    public static class PropertyId
    {
        /// <summary>Payload Format Indicator (byte).</summary>
        public const int PayloadFormatIndicator = 0x01;
        /// <summary>Message Expiry Interval (four-byte integer, seconds).</summary>
        public const int MessageExpiryInterval = 0x02;
        /// <summary>Content Type (UTF-8 string).</summary>
        public const int ContentType = 0x03;
        /// <summary>Response Topic (UTF-8 string).</summary>
        public const int ResponseTopic = 0x08;
        /// <summary>Correlation Data (binary).</summary>
        public const int CorrelationData = 0x09;
        /// <summary>Subscription Identifier (variable byte integer).</summary>
        public const int SubscriptionIdentifier = 0x0B;
        /// <summary>Session Expiry Interval (four-byte integer, seconds).</summary>
        public const int SessionExpiryInterval = 0x11;
        /// <summary>Assigned Client Identifier (UTF-8 string).</summary>
        public const int AssignedClientIdentifier = 0x12;
        /// <summary>Server Keep Alive (two-byte integer, seconds).</summary>
        public const int ServerKeepAlive = 0x13;
        /// <summary>Authentication Method (UTF-8 string).</summary>
        public const int AuthenticationMethod = 0x15;
        /// <summary>Authentication Data (binary).</summary>
        public const int AuthenticationData = 0x16;
        /// <summary>Request Problem Information (byte).</summary>
        public const int RequestProblemInformation = 0x17;
        /// <summary>Will Delay Interval (four-byte integer, seconds).</summary>
        public const int WillDelayInterval = 0x18;
        /// <summary>Request Response Information (byte).</summary>
        public const int RequestResponseInformation = 0x19;
        /// <summary>Response Information (UTF-8 string).</summary>
        public const int ResponseInformation = 0x1A;
        /// <summary>Server Reference (UTF-8 string).</summary>
        public const int ServerReference = 0x1C;
        /// <summary>Reason String (UTF-8 string).</summary>
        public const int ReasonString = 0x1F;
        /// <summary>Receive Maximum (two-byte integer).</summary>
        public const int ReceiveMaximum = 0x21;
        /// <summary>Topic Alias Maximum (two-byte integer).</summary>
        public const int TopicAliasMaximum = 0x22;
        /// <summary>Topic Alias (two-byte integer).</summary>
        public const int TopicAlias = 0x23;
        /// <summary>Maximum QoS (byte).</summary>
        public const int MaximumQoS = 0x24;
        /// <summary>Retain Available (byte).</summary>
        public const int RetainAvailable = 0x25;
        /// <summary>User Property (UTF-8 string pair).</summary>
        public const int UserProperty = 0x26;
        /// <summary>Maximum Packet Size (four-byte integer).</summary>
        public const int MaximumPacketSize = 0x27;
        /// <summary>Wildcard Subscription Available (byte).</summary>
        public const int WildcardSubscriptionAvailable = 0x28;
        /// <summary>Subscription Identifier Available (byte).</summary>
        public const int SubscriptionIdentifierAvailable = 0x29;
        /// <summary>Shared Subscription Available (byte).</summary>
        public const int SharedSubscriptionAvailable = 0x2A;
    }
}

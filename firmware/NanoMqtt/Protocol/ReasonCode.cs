namespace NanoMqtt.Protocol
{
    /// <summary>MQTT 5.0 reason codes and MQTT 3.1.1 CONNACK return codes used by the client.</summary>
    public static class ReasonCode
    {
        /// <summary>Success / Normal disconnection / Granted QoS 0.</summary>
        public const byte Success = 0x00;
        /// <summary>Granted QoS 1.</summary>
        public const byte GrantedQoS1 = 0x01;
        /// <summary>Granted QoS 2.</summary>
        public const byte GrantedQoS2 = 0x02;
        /// <summary>Disconnect with Will Message.</summary>
        public const byte DisconnectWithWill = 0x04;
        /// <summary>No matching subscribers.</summary>
        public const byte NoMatchingSubscribers = 0x10;
        /// <summary>No subscription existed.</summary>
        public const byte NoSubscriptionExisted = 0x11;
        /// <summary>Continue authentication.</summary>
        public const byte ContinueAuthentication = 0x18;
        /// <summary>Re-authenticate.</summary>
        public const byte ReAuthenticate = 0x19;
        /// <summary>Unspecified error.</summary>
        public const byte UnspecifiedError = 0x80;
        /// <summary>Malformed Packet.</summary>
        public const byte MalformedPacket = 0x81;
        /// <summary>Protocol Error.</summary>
        public const byte ProtocolError = 0x82;
        /// <summary>Implementation specific error.</summary>
        public const byte ImplementationSpecificError = 0x83;
        /// <summary>Unsupported Protocol Version.</summary>
        public const byte UnsupportedProtocolVersion = 0x84;
        /// <summary>Client Identifier not valid.</summary>
        public const byte ClientIdentifierNotValid = 0x85;
        /// <summary>Bad User Name or Password.</summary>
        public const byte BadUserNameOrPassword = 0x86;
        /// <summary>Not authorized.</summary>
        public const byte NotAuthorized = 0x87;
        /// <summary>Server unavailable.</summary>
        public const byte ServerUnavailable = 0x88;
        /// <summary>Server busy.</summary>
        public const byte ServerBusy = 0x89;
        /// <summary>Banned.</summary>
        public const byte Banned = 0x8A;
        /// <summary>Bad authentication method.</summary>
        public const byte BadAuthenticationMethod = 0x8C;
        /// <summary>Topic Name invalid.</summary>
        public const byte TopicNameInvalid = 0x90;
        /// <summary>Packet Identifier in use.</summary>
        public const byte PacketIdentifierInUse = 0x91;
        /// <summary>Packet Identifier not found.</summary>
        public const byte PacketIdentifierNotFound = 0x92;
        /// <summary>Receive Maximum exceeded.</summary>
        public const byte ReceiveMaximumExceeded = 0x93;
        /// <summary>Packet too large.</summary>
        public const byte PacketTooLarge = 0x95;
        /// <summary>Quota exceeded.</summary>
        public const byte QuotaExceeded = 0x97;
        /// <summary>Payload format invalid.</summary>
        public const byte PayloadFormatInvalid = 0x99;

        /// <summary>3.1.1 CONNACK: unacceptable protocol version.</summary>
        public const byte V3UnacceptableProtocolVersion = 0x01;
        /// <summary>3.1.1 CONNACK: identifier rejected.</summary>
        public const byte V3IdentifierRejected = 0x02;
        /// <summary>3.1.1 CONNACK: server unavailable.</summary>
        public const byte V3ServerUnavailable = 0x03;
        /// <summary>3.1.1 CONNACK: bad user name or password.</summary>
        public const byte V3BadUserNameOrPassword = 0x04;
        /// <summary>3.1.1 CONNACK: not authorized.</summary>
        public const byte V3NotAuthorized = 0x05;

        /// <summary>Whether <paramref name="code"/> may appear in a packet of <paramref name="type"/>.</summary>
        public static bool IsAllowed(PacketType type, MqttVersion version, byte code)
        {
            if (version == MqttVersion.V311)
            {
                if (type == PacketType.ConnAck) return code <= 5;
                if (type == PacketType.SubAck) return code <= 2 || code == 0x80;
                return code == 0;
            }
            switch (type)
            {
                case PacketType.ConnAck:
                    return code == 0x00 || (code >= 0x80 && code <= 0x8A) || code == 0x8C || code == 0x90
                        || code == 0x95 || code == 0x97 || (code >= 0x99 && code <= 0x9D) || code == 0x9F;
                case PacketType.PubAck:
                case PacketType.PubRec:
                    return code == 0x00 || code == 0x10 || code == 0x80 || code == 0x83 || code == 0x87
                        || code == 0x90 || code == 0x91 || code == 0x97 || code == 0x99;
                case PacketType.PubRel:
                case PacketType.PubComp:
                    return code == 0x00 || code == 0x92;
                case PacketType.SubAck:
                    return code <= 0x02 || code == 0x80 || code == 0x83 || code == 0x87 || code == 0x8F
                        || code == 0x91 || code == 0x97 || code == 0x9E || code == 0xA1 || code == 0xA2;
                case PacketType.UnsubAck:
                    return code == 0x00 || code == 0x11 || code == 0x80 || code == 0x83 || code == 0x87
                        || code == 0x8F || code == 0x91;
                case PacketType.Disconnect:
                    return code == 0x00 || code == 0x04 || (code >= 0x80 && code <= 0x83) || code == 0x87
                        || code == 0x89 || code == 0x8B || (code >= 0x8D && code <= 0x90)
                        || (code >= 0x93 && code <= 0xA2);
                case PacketType.Auth:
                    return code == 0x00 || code == 0x18 || code == 0x19;
                default:
                    return code == 0;
            }
        }
    }
}

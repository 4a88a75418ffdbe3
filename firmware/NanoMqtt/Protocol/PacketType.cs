namespace NanoMqtt.Protocol
{
    /// <summary>Control packet type: the high nibble of the first byte.</summary>
    public enum PacketType : byte
    {
        /// <summary>Not a packet (reserved value 0).</summary>
        None = 0,
        /// <summary>CONNECT.</summary>
        Connect = 1,
        /// <summary>CONNACK.</summary>
        ConnAck = 2,
        /// <summary>PUBLISH.</summary>
        Publish = 3,
        /// <summary>PUBACK.</summary>
        PubAck = 4,
        /// <summary>PUBREC.</summary>
        PubRec = 5,
        /// <summary>PUBREL.</summary>
        PubRel = 6,
        /// <summary>PUBCOMP.</summary>
        PubComp = 7,
        /// <summary>SUBSCRIBE.</summary>
        Subscribe = 8,
        /// <summary>SUBACK.</summary>
        SubAck = 9,
        /// <summary>UNSUBSCRIBE.</summary>
        Unsubscribe = 10,
        /// <summary>UNSUBACK.</summary>
        UnsubAck = 11,
        /// <summary>PINGREQ.</summary>
        PingReq = 12,
        /// <summary>PINGRESP.</summary>
        PingResp = 13,
        /// <summary>DISCONNECT.</summary>
        Disconnect = 14,
        /// <summary>AUTH (MQTT 5.0 only).</summary>
        Auth = 15,
    }
}

namespace NanoMqtt.Session
{
    /// <summary>What the session made of a packet or a step, each cause reported as itself.</summary>
    public enum SessionStatus
    {
        /// <summary>Done.</summary>
        Ok = 0,
        /// <summary>The broker broke the protocol (a packet it may not send, or not now).</summary>
        ProtocolViolation,
        /// <summary>The journal refused a record; nothing was acknowledged, so nothing is lost.</summary>
        StorageFailed,
        /// <summary>More unreleased incoming QoS 2 messages than the device can hold; nothing was taken.</summary>
        IncomingFull,
    }
}

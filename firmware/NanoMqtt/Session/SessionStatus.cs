namespace NanoMqtt.Session
{
    /// <summary>
    /// What the session made of received bytes or a step, each cause reported as itself (in the
    /// spirit of coreMQTT's MQTTStatus_t). The details are on the engine: the codec's verdict in
    /// <see cref="SessionEngine.LastDecodeStatus"/>, the journal's in
    /// <see cref="SessionEngine.LastJournalStatus"/>.
    /// </summary>
    public enum SessionStatus
    {
        /// <summary>Done.</summary>
        Ok = 0,
        /// <summary>The bytes end inside a packet; keep them and call again with more.</summary>
        NeedMoreData,
        /// <summary>The broker sent bytes that are no valid MQTT packet.</summary>
        MalformedPacket,
        /// <summary>The broker sent a valid packet it may not send, or not now.</summary>
        ProtocolViolation,
        /// <summary>The journal refused a record; nothing was acknowledged, so nothing is lost.</summary>
        StorageFailed,
        /// <summary>More unreleased incoming QoS 2 messages than the device can hold; nothing was taken.</summary>
        IncomingFull,
    }
}

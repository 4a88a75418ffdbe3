namespace NanoMqtt.Session
{
    /// <summary>What the connect plan asks of an accepted connection.</summary>
    public enum ConnectStep
    {
        /// <summary>Carry on with this session (resume or start it).</summary>
        Proceed = 0,
        /// <summary>Send DISCONNECT and stay off: the session is being ended.</summary>
        Disconnect,
        /// <summary>Send DISCONNECT and connect again with the flags the plan now holds.</summary>
        Reconnect,
    }
}

namespace NanoMqtt.Session
{
    /// <summary>Where one connection of the session is.</summary>
    public enum ConnectionPhase
    {
        /// <summary>No connection (before CONNECT, after the link is lost or closed).</summary>
        Closed,
        /// <summary>CONNECT sent; only a CONNACK may come.</summary>
        AwaitingConnAck,
        /// <summary>CONNACK accepted: the session runs.</summary>
        Connected,
    }
}

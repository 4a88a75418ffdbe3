namespace NanoMqtt.Link
{
    /// <summary>Where the link driver is.</summary>
    public enum LinkState
    {
        /// <summary>The network (Wi-Fi) is down: no attempts.</summary>
        WaitingForNetwork = 0,
        /// <summary>Waiting out a backoff delay.</summary>
        BackingOff,
        /// <summary>CONNECT sent, waiting for CONNACK.</summary>
        AwaitingConnAck,
        /// <summary>Connected: the session runs.</summary>
        Online,
    }
}

namespace NanoMqtt.Link
{
    /// <summary>Where the broker is and how the link behaves.</summary>
    public sealed class LinkConfig
    {
        /// <summary>Broker host name or address.</summary>
        public string Host = "localhost";
        /// <summary>Broker port.</summary>
        public int Port = 1883;
        /// <summary>Use TLS.</summary>
        public bool Tls;
        /// <summary>Time allowed for CONNACK after CONNECT.</summary>
        public int ConnAckTimeoutMs = 10000;
        /// <summary>First backoff ceiling.</summary>
        public int BackoffBaseMs = 1000;
        /// <summary>Largest backoff ceiling.</summary>
        public int BackoffCapMs = 60000;
        /// <summary>Online this long resets the backoff.</summary>
        public int StableAfterMs = 30000;
        /// <summary>How long one poll waits for bytes.</summary>
        public int ReadTimeoutMs = 50;
        /// <summary>Longest a journal record that need not be urgent (a completion) waits for the next commit
        /// to ride with before it is committed on its own.</summary>
        public int LazyCommitMs = 2000;
        /// <summary>How long QoS 2 PUBLISHes may wait deferred (the id table full) for PUBRELs that do not come
        /// before the link is closed and opened again, which makes the broker send them again.</summary>
        public int PubRelWaitMs = 30000;
    }
}

namespace NanoMqtt.Session
{
    /// <summary>Answer to subscribing or unsubscribing at run time.</summary>
    public enum SubscriptionResult
    {
        /// <summary>Taken: sent now if connected, else at the next connection.</summary>
        Accepted = 0,
        /// <summary>Not a valid topic filter (or QoS / options).</summary>
        Invalid,
        /// <summary>No room: raise <see cref="SessionConfig.SpareSubscriptions"/>.</summary>
        Full,
        /// <summary>Unsubscribe: the filter is not subscribed.</summary>
        NotFound,
    }
}

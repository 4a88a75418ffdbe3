namespace NanoMqtt.Session
{
    /// <summary>Answer to an application publish.</summary>
    public enum PublishResult
    {
        /// <summary>Stored on flash; it will reach the broker (QoS 1: at least once, QoS 2: exactly once).</summary>
        Accepted = 0,
        /// <summary>Accepted, and to make room the outbox policy dropped an older message (counted).</summary>
        AcceptedDroppingOlder,
        /// <summary>Refused: the outbox is full and the policy drops the newest (counted).</summary>
        OutboxFull,
        /// <summary>Refused: the message does not fit in a packet of the configured or the broker's maximum size.</summary>
        TooLarge,
        /// <summary>Refused: invalid topic (empty, wildcard, bad UTF-8) or QoS.</summary>
        Invalid,
        /// <summary>Refused: the journal could not store it (full or failing flash). Nothing stored was lost.</summary>
        JournalFull,
        /// <summary>Refused: the session is being ended.</summary>
        Ending,
        /// <summary>QoS 0: handed to the transport (at most once; nothing is stored).</summary>
        Sent,
        /// <summary>QoS 0: not sent, the link is down (QoS 0 is never queued).</summary>
        NotConnected,
    }
}

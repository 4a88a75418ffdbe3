namespace NanoMqtt.Session
{
    /// <summary>What to do with a new message when the offline outbox is full.</summary>
    public enum OutboxPolicy
    {
        /// <summary>Drop the oldest queued message to make room.</summary>
        DropOldest = 0,
        /// <summary>Refuse the new message.</summary>
        DropNewest,
        /// <summary>Replace the queued message with the same topic (latest value wins); drop the oldest when none matches.</summary>
        ReplaceSameTopic,
    }
}

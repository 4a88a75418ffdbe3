namespace NanoMqtt.Session
{
    /// <summary>What the engine tells the application and the link driver. The int argument is noted per event.</summary>
    public enum SessionEvent
    {
        /// <summary>CONNACK accepted; argument: 1 when the broker resumed the session.</summary>
        Connected = 1,
        /// <summary>The broker refused the connection; argument: reason / return code.</summary>
        ConnectRefused,
        /// <summary>The broker had lost the session while state was in flight; argument: messages queued again as new.</summary>
        SessionLost,
        /// <summary>The local journal was lost but the broker kept a session: the engine sent DISCONNECT;
        /// reconnect now (the next CONNECT starts clean).</summary>
        ReconnectRequired,
        /// <summary>The broker broke the protocol; argument: the DecodeStatus or reason. Close the link.</summary>
        ProtocolError,
        /// <summary>An outgoing message was fully acknowledged; argument: its message number.</summary>
        MessageCompleted,
        /// <summary>The broker refused an outgoing message (5.0 reason >= 0x80); argument: the reason code.</summary>
        MessageRejected,
        /// <summary>A message was dropped (outbox policy, session loss policy, or too large for the broker); argument: message number.</summary>
        MessageDropped,
        /// <summary>SUBACK received; argument: number of filters refused by the broker.</summary>
        Subscribed,
        /// <summary>The journal could not record incoming state; argument: JournalStatus. Close the link; the broker resends.</summary>
        JournalError,
        /// <summary>The session was ended on purpose.</summary>
        SessionEnded,
        /// <summary>The broker disconnected; argument: 5.0 reason code.</summary>
        Disconnected,
        /// <summary>UNSUBACK received: the filters removed at run time are gone from the broker.</summary>
        Unsubscribed,
        /// <summary>A PUBLISH over the maximum packet size was acknowledged and passed over unread; argument: its size in bytes.</summary>
        MessageTooLarge,
        /// <summary>The SUBACK granted a filter less QoS than asked; argument: the filter's index (<see cref="SessionEngine.SubscriptionFilter"/>).</summary>
        SubscriptionDowngraded,
        /// <summary>The broker answered a QoS 2 message with PUBACK: it took it at QoS 1 (RabbitMQ does), so the
        /// message is done, delivered at least once; argument: its message number.</summary>
        PublishDowngraded,
        /// <summary>The broker sent more QoS 2 PUBLISHes than the ids the device can hold (past its Receive
        /// Maximum); once they were released the engine closed the connection (5.0: DISCONNECT 0x93)
        /// so the broker sends the deferred ones again. Argument: 0.</summary>
        ReceiveMaximumExceeded,
    }
}

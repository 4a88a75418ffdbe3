namespace NanoMqtt.Session
{
    /// <summary>What an acknowledgement does to an outgoing message in flight (<see cref="OutgoingTransitions"/>).</summary>
    public enum OutgoingStep
    {
        /// <summary>Not for this state (a stray or repeated acknowledgement): nothing changes.</summary>
        Ignore = 0,
        /// <summary>The broker broke the protocol (PUBREC for a QoS 1 message): close the link.</summary>
        Refuse,
        /// <summary>The message is done (PUBACK, PUBCOMP, or a PUBREC with an error reason).</summary>
        Complete,
        /// <summary>PUBACK for a QoS 2 message: the broker took it at QoS 1; done, and reported.</summary>
        CompleteAtQoS1,
        /// <summary>PUBREC: record it, then PUBREL; the message now awaits PUBCOMP.</summary>
        AwaitPubComp,
        /// <summary>A PUBREC again after PUBREL: answer PUBREL again, nothing to record.</summary>
        RepeatPubRel,
    }
}

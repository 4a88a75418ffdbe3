using NanoMqtt.Protocol;

namespace NanoMqtt.Session
{
    /// <summary>
    /// The outgoing QoS machine as a pure table, like coreMQTT's state module: for a message in
    /// state AwaitingPubAck (QoS 1), AwaitingPubRec or AwaitingPubComp (QoS 2), what PUBACK, PUBREC
    /// or PUBCOMP does. Only the listed transitions change anything.
    /// </summary>
    public static class OutgoingTransitions
    {
        /// <summary>The step for <paramref name="ack"/> with <paramref name="reason"/> on a message in <paramref name="state"/>.</summary>
        public static OutgoingStep Next(byte state, PacketType ack, byte reason)
        {
            switch (ack)
            {
                case PacketType.PubAck:
                    if (state == InflightTable.AwaitingPubAck) return OutgoingStep.Complete;
                    // A broker that downgrades QoS 2 (RabbitMQ) holds the message once it sends PUBACK;
                    // ignoring that would keep the message in flight, resent on every connection, forever.
                    return state == InflightTable.AwaitingPubRec ? OutgoingStep.CompleteAtQoS1 : OutgoingStep.Ignore;
                case PacketType.PubComp:
                    return state == InflightTable.AwaitingPubComp ? OutgoingStep.Complete : OutgoingStep.Ignore;
                case PacketType.PubRec:
                    if (state == InflightTable.AwaitingPubAck) return OutgoingStep.Refuse;
                    if (reason >= 0x80) return OutgoingStep.Complete;
                    return state == InflightTable.AwaitingPubRec ? OutgoingStep.AwaitPubComp : OutgoingStep.RepeatPubRel;
                default:
                    return OutgoingStep.Ignore;
            }
        }
    }
}

using NanoMqtt.Protocol;

namespace NanoMqtt.Session
{
    /// <summary>
    /// Receives the messages the broker delivers. For QoS 2 the engine makes delivery exactly-once
    /// across power loss: <see cref="Deliver"/> describes the effect, the engine stores it in the
    /// same journal record that marks the packet id as received, then calls <see cref="Commit"/>.
    /// Act on the outside world in Commit, not in Deliver: a power cut between the two makes the
    /// broker deliver again, while after Commit the effect comes back through <see cref="Restore"/>.
    /// </summary>
    public interface IMessageHandler
    {
        /// <summary>A message arrived (its slices are valid during the call). Write what must survive power loss
        /// into <paramref name="effect"/> and return its length (at most <paramref name="capacity"/>).</summary>
        int Deliver(PublishPacket message, byte[] effect, int offset, int capacity);

        /// <summary>The message handed to the last Deliver is now durably received: act on it.</summary>
        void Commit();

        /// <summary>At boot, a QoS 2 delivery the journal holds (received, PUBREL not yet seen).</summary>
        void Restore(byte[] effect, int offset, int length);
    }
}

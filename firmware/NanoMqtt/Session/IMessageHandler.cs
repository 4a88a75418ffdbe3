using NanoMqtt.Protocol;

namespace NanoMqtt.Session
{
    /// <summary>
    /// Receives the messages the broker delivers. <see cref="Deliver"/> describes the effect as
    /// application state, keyed by its first byte (for GPIO: the output and its new level); the
    /// engine puts it on flash, then calls <see cref="Commit"/>. For QoS 2 the effect goes in the
    /// same journal record that marks the packet id as received, so a command is applied exactly
    /// once across power loss. The messages of one read arrive as one group: Deliver is called for
    /// each (a later one must see what an earlier one changed), then, once they are all on flash,
    /// Commit once for all of them. Act on the outside world in Commit, not in Deliver: a power cut
    /// between the two makes the broker deliver again. At boot the latest effect of every key comes
    /// back through <see cref="Restore"/>, before any network; it comes back the same way when a
    /// group could not be put on flash, and what was delivered since the last Commit is then to be
    /// forgotten.
    /// </summary>
    public interface IMessageHandler
    {
        /// <summary>A message arrived (its slices are valid during the call). Write what must survive power loss
        /// into <paramref name="effect"/> (first byte: the key) and return its length (at most
        /// <paramref name="capacity"/>), or 0 when nothing needs keeping.</summary>
        int Deliver(PublishPacket message, byte[] effect, int offset, int capacity);

        /// <summary>Every message handed to Deliver since the last Commit is now durably received: act on them, in order.</summary>
        void Commit();

        /// <summary>What was handed to Deliver since the last Commit never reached flash (the journal refused
        /// its group): drop it. <see cref="Restore"/> follows for every key with state on flash.</summary>
        void Forget();

        /// <summary>At boot (or after a group that could not be stored), the latest effect on flash for one key.</summary>
        void Restore(byte[] effect, int offset, int length);
    }
}

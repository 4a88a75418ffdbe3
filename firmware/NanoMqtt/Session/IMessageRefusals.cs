using NanoMqtt.Protocol;

namespace NanoMqtt.Session
{
    /// <summary>
    /// Optional, beside <see cref="IMessageHandler"/>: told of every message the engine could not
    /// take. The message was acknowledged anyway (so the broker forgets it and the session goes on)
    /// and is lost; this is the place to report it.
    /// </summary>
    public interface IMessageRefusals
    {
        /// <summary>A PUBLISH of <paramref name="size"/> bytes on <paramref name="topic"/> (valid during
        /// the call) was over the maximum packet size <paramref name="limit"/>: passed over unread.</summary>
        void TooLarge(Slice topic, int size, int limit);
    }
}

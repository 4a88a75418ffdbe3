namespace NanoMqtt.Link
{
    /// <summary>Monotonic milliseconds; injectable so tests control time.</summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary start; never goes back.</summary>
        long NowMs { get; }
    }

    /// <summary>Random numbers for backoff jitter; injectable so tests are deterministic.</summary>
    public interface IRandom
    {
        /// <summary>A number in [0, <paramref name="maxExclusive"/>).</summary>
        int Next(int maxExclusive);
    }
}

namespace NanoMqtt.Telemetry
{
    /// <summary>
    /// Proof that the device is alive: the longest gap between two turns of the main loop, and the
    /// latest a pulse ended past its time, each the worst since the last health report. A native
    /// call that holds the whole device (a DNS lookup, a TLS handshake) shows here as a long gap.
    /// </summary>
    public sealed class LoopLatency
    {
        private long _lastStep = -1;

        /// <summary>The longest gap between two main-loop turns since <see cref="Reset"/>, in ms.</summary>
        public long WorstLoopMs { get; private set; }
        /// <summary>The latest a pulse ended past its time since <see cref="Reset"/>, in ms.</summary>
        public long WorstPulseLateMs { get; private set; }

        /// <summary>A main-loop turn starts at <paramref name="nowMs"/>; returns the gap since the previous one.</summary>
        public long Step(long nowMs)
        {
            long gap = _lastStep < 0 ? 0 : nowMs - _lastStep;
            _lastStep = nowMs;
            if (gap > WorstLoopMs) WorstLoopMs = gap;
            return gap;
        }

        /// <summary>A pulse ended <paramref name="lateMs"/> past its time.</summary>
        public void PulseLate(long lateMs)
        {
            if (lateMs > WorstPulseLateMs) WorstPulseLateMs = lateMs;
        }

        /// <summary>Starts a new reporting interval.</summary>
        public void Reset()
        {
            WorstLoopMs = 0;
            WorstPulseLateMs = 0;
        }
    }
}

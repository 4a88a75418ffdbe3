namespace NanoMqtt.Link
{
    /// <summary>
    /// Exponential backoff with full jitter: the n-th retry waits a random time in
    /// [0, min(cap, base * 2^n)), so a fleet that lost the broker together does not return together.
    /// </summary>
    public sealed class Backoff
    {
        private readonly int _baseMs;
        private readonly int _capMs;
        private readonly IRandom _random;
        private int _attempt;

        /// <summary>A backoff from <paramref name="baseMs"/> up to <paramref name="capMs"/>.</summary>
        public Backoff(int baseMs, int capMs, IRandom random)
        {
            _baseMs = baseMs < 1 ? 1 : baseMs;
            _capMs = capMs < _baseMs ? _baseMs : capMs;
            _random = random;
        }

        /// <summary>Failed attempts since the last reset.</summary>
        public int Attempt
        {
            get { return _attempt; }
        }

        /// <summary>The upper bound of the next delay.</summary>
        public int Ceiling
        {
            get
            {
                int ceiling = _baseMs;
                for (int i = 0; i < _attempt && ceiling < _capMs; i++) ceiling *= 2;
                return ceiling < _capMs ? ceiling : _capMs;
            }
        }

        /// <summary>The delay before the next attempt, and counts the attempt.</summary>
        public int NextDelayMs()
        {
            int delay = _random.Next(Ceiling);
            _attempt++;
            return delay;
        }

        /// <summary>A wait in [0, base) that counts no attempt: for a reconnect the session asked for because
        /// the broker sent too much at once, so a fleet it flooded does not come back together.</summary>
        public int JitterMs()
        {
            return _random.Next(_baseMs);
        }

        /// <summary>The longest delay, for failures that retrying soon cannot fix (bad credentials).</summary>
        public int CapDelayMs()
        {
            _attempt++;
            return _capMs / 2 + _random.Next(_capMs / 2 + 1);
        }

        /// <summary>The link has been stable: start again from the base.</summary>
        public void Reset()
        {
            _attempt = 0;
        }
    }
}

namespace NanoMqtt.App
{
    /// <summary>
    /// Counts main-loop restarts after unexpected exceptions and says when the device should reboot
    /// instead: more than <c>limit</c> restarts within one window.
    /// </summary>
    public sealed class RestartGuard
    {
        private readonly int _limit;
        private readonly long _windowMs;
        private long _windowStart;
        private int _inWindow;

        /// <summary>A guard allowing <paramref name="limit"/> restarts per <paramref name="windowMs"/>.</summary>
        public RestartGuard(int limit, long windowMs)
        {
            _limit = limit;
            _windowMs = windowMs;
        }

        /// <summary>Restarts counted since boot.</summary>
        public int Restarts { get; private set; }

        /// <summary>Counts a restart at <paramref name="nowMs"/>; true when it is one too many (reboot).</summary>
        public bool Restarted(long nowMs)
        {
            Restarts++;
            if (nowMs - _windowStart > _windowMs)
            {
                _windowStart = nowMs;
                _inWindow = 0;
            }
            _inWindow++;
            return _inWindow > _limit;
        }
    }
}

using NanoMqtt.Link;

namespace NanoMqtt.App
{
    /// <summary>
    /// One log line per change of the link's state, and one per failed attempt: the state stays
    /// "backing off" from one failure to the next, so each is told with its reason and wait.
    /// </summary>
    internal sealed class LinkLog
    {
        private readonly IAppLog _log;
        private readonly IClock _clock;
        private LinkState _lastState;
        private int _lastAttempts;

        public LinkLog(IAppLog log, IClock clock)
        {
            _log = log;
            _clock = clock;
        }

        /// <summary>Starts from <paramref name="driver"/>'s state (a new driver: nothing to tell yet).</summary>
        public void Start(LinkDriver driver)
        {
            _lastState = driver.State;
            _lastAttempts = driver.Attempts;
        }

        /// <summary>Tells what changed since the last call.</summary>
        public void Observe(LinkDriver driver)
        {
            bool failed = driver.Attempts != _lastAttempts && driver.State == LinkState.BackingOff;
            _lastAttempts = driver.Attempts;
            if (failed && _lastState == LinkState.BackingOff)
            {
                long wait = driver.NextAttemptAt - _clock.NowMs;
                _log.Line("attempt " + driver.Attempts.ToString() + " failed: " + driver.LastError + "; next in " + (wait > 0 ? wait : 0).ToString() + " ms");
                return;
            }
            if (driver.State == _lastState) return;
            _lastState = driver.State;
            _log.Line("link " + EventText.Describe(_lastState) + (_lastState == LinkState.BackingOff && driver.LastError != null ? ": " + driver.LastError : ""));
        }
    }
}

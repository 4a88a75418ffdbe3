using NanoMqtt.Commands;
using NanoMqtt.Config;

namespace NanoMqtt.App
{
    /// <summary>
    /// The board's status LED: steady on while the session is online, blinking (1 Hz) otherwise.
    /// Does nothing on a board profile without <c>status-led</c>.
    /// </summary>
    public sealed class StatusLed
    {
        private const int BlinkHalfPeriodMs = 500;

        private readonly IPins _pins;
        private readonly OutputPin _led;
        private bool _lit;
        private bool _driven;
        private long _nextToggle;

        /// <summary>The LED <paramref name="led"/> (or null for none), driven through <paramref name="pins"/>; starts off.</summary>
        public StatusLed(IPins pins, OutputPin led)
        {
            _pins = pins;
            _led = led;
            Set(false);
        }

        /// <summary>Call from the main loop: on when <paramref name="online"/>, else blinking.</summary>
        public void Show(bool online, long nowMs)
        {
            if (online)
            {
                Set(true);
                return;
            }
            if (nowMs < _nextToggle) return;
            _nextToggle = nowMs + BlinkHalfPeriodMs;
            Set(!_lit);
        }

        private void Set(bool on)
        {
            if (_led == null || (_driven && on == _lit)) return;
            _pins.Write(_led.Pin, _led.LevelFor(on));
            _lit = on;
            _driven = true;
        }
    }
}

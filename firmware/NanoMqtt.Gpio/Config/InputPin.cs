namespace NanoMqtt.Config
{
    /// <summary>An input the board profile names: reported on <c>&lt;prefix&gt;/in/&lt;name&gt;</c>.</summary>
    public sealed class InputPin
    {
        /// <summary>An input as a board file declares it.</summary>
        public InputPin(string name, int pin, PinPull pull, int debounceMs, bool activeLow, int line)
        {
            Name = name;
            Pin = pin;
            Pull = pull;
            DebounceMs = debounceMs;
            ActiveLow = activeLow;
            Line = line;
        }

        /// <summary>The name used in topics (a-z, 0-9, '-', '_').</summary>
        public string Name { get; private set; }

        /// <summary>The GPIO number.</summary>
        public int Pin { get; private set; }

        /// <summary>The internal resistor to enable.</summary>
        public PinPull Pull { get; private set; }

        /// <summary>Debounce time in milliseconds (0 = none).</summary>
        public int DebounceMs { get; private set; }

        /// <summary>True when a low level reads as "on" (a button to ground with a pull-up).</summary>
        public bool ActiveLow { get; private set; }

        /// <summary>The line of the board file that declared it.</summary>
        public int Line { get; private set; }

        /// <summary>True when the pin level <paramref name="high"/> means "on".</summary>
        public bool IsOn(bool high)
        {
            return high != ActiveLow;
        }
    }
}

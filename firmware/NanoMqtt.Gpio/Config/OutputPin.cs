namespace NanoMqtt.Config
{
    /// <summary>An output the board profile names: commanded on <c>&lt;prefix&gt;/out/&lt;name&gt;/set</c>.</summary>
    public sealed class OutputPin
    {
        /// <summary>An output as a board file declares it.</summary>
        public OutputPin(string name, int pin, bool activeLow, bool initialOn, int line)
        {
            Name = name;
            Pin = pin;
            ActiveLow = activeLow;
            InitialOn = initialOn;
            Line = line;
        }

        /// <summary>The name used in topics (a-z, 0-9, '-', '_').</summary>
        public string Name { get; private set; }

        /// <summary>The GPIO number.</summary>
        public int Pin { get; private set; }

        /// <summary>True when "on" drives the pin low (relay modules, LEDs wired to 3V3).</summary>
        public bool ActiveLow { get; private set; }

        /// <summary>The state before any command was ever applied (the journal's last state wins after that).</summary>
        public bool InitialOn { get; private set; }

        /// <summary>The line of the board file that declared it.</summary>
        public int Line { get; private set; }

        /// <summary>The pin level that means "on" (true = high), or "off" when <paramref name="on"/> is false.</summary>
        public bool LevelFor(bool on)
        {
            return on != ActiveLow;
        }
    }
}

namespace NanoMqtt.Commands
{
    /// <summary>
    /// The pins, one write at a time: pulses end on the timer thread while the main loop drives
    /// commands and the status LED, and a pin driver is not promised to take two writers.
    /// </summary>
    public sealed class LockedPins : IPins
    {
        private readonly IPins _pins;
        private readonly object _lock = new object();

        /// <summary>Serialises the writes to <paramref name="pins"/>.</summary>
        public LockedPins(IPins pins)
        {
            _pins = pins;
        }

        /// <inheritdoc/>
        public void Write(int pin, bool high)
        {
            lock (_lock) _pins.Write(pin, high);
        }
    }
}

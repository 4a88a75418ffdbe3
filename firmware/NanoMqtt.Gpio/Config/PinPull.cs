namespace NanoMqtt.Config
{
    /// <summary>The internal resistor an input pin uses.</summary>
    public enum PinPull
    {
        /// <summary>None: the board has an external resistor (or the pin has no internal one).</summary>
        None = 0,
        /// <summary>Internal pull-up.</summary>
        Up = 1,
        /// <summary>Internal pull-down.</summary>
        Down = 2,
    }
}

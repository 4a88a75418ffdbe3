namespace NanoMqtt.Network
{
    /// <summary>What the link waits for before it may try the broker.</summary>
    public enum NetworkWait
    {
        /// <summary>Nothing: attempts may start.</summary>
        None,
        /// <summary>Wi-Fi with an address.</summary>
        Wifi,
        /// <summary>A valid clock: TLS checks the broker's certificate dates against it.</summary>
        Clock,
    }
}

namespace NanoMqtt.Network
{
    /// <summary>What the Wi-Fi thread does at one of its attempts.</summary>
    public enum WifiAction
    {
        /// <summary>Nothing but wait: the firmware reconnects on its own.</summary>
        Wait,
        /// <summary>Connect with the stored credentials, writing nothing.</summary>
        Join,
        /// <summary>Write the configured credentials to flash (they differ from the stored ones), then connect.</summary>
        StoreAndJoin,
    }
}

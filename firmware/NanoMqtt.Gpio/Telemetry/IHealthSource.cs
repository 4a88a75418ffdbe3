namespace NanoMqtt.Telemetry
{
    /// <summary>Figures only the device adapters know.</summary>
    public interface IHealthSource
    {
        /// <summary>Free managed memory in bytes (nanoFramework's GC.Run(false)).</summary>
        long FreeMemory { get; }

        /// <summary>Wi-Fi signal in dBm, or 0 when unknown.</summary>
        int Rssi { get; }
    }
}

using nanoFramework.Hardware.Esp32;

namespace NanoMqtt.Esp32
{
    /// <summary>
    /// Health figures the device reports: free managed heap (after a collection), free internal
    /// native heap and its largest block (mbedTLS and lwIP allocate there). Wi-Fi RSSI is not
    /// reported: System.Device.Wifi only gives RSSI in scan results, and a scan disturbs the link.
    /// </summary>
    public static class DeviceHealth
    {
        /// <summary>Free managed memory in bytes, from nanoFramework.Runtime.Native.GC.Run(false) (collects first, no compaction).</summary>
        public static uint FreeManagedBytes()
        {
            return nanoFramework.Runtime.Native.GC.Run(false);
        }

        /// <summary>Free internal native memory in bytes, and its largest free block.</summary>
        public static uint FreeNativeBytes(out uint largestBlock)
        {
            uint total;
            uint free;
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out total, out free, out largestBlock);
            return free;
        }
    }

    /// <summary>The health figures the shared app publishes: free managed memory, RSSI unknown (0).</summary>
    public sealed class DeviceHealthSource : NanoMqtt.Telemetry.IHealthSource
    {
        /// <summary>Free managed memory in bytes.</summary>
        public long FreeMemory
        {
            get { return DeviceHealth.FreeManagedBytes(); }
        }

        /// <summary>0: not known without a scan.</summary>
        public int Rssi
        {
            get { return 0; }
        }
    }
}

using System.Net.NetworkInformation;

namespace NanoMqtt.Esp32
{
    /// <summary>The MAC the default ClientId is derived from (<c>nanomqtt-&lt;12 hex digits&gt;</c>, see DeviceConfigParser).</summary>
    public static class DeviceIdentity
    {
        /// <summary>
        /// The 6-byte MAC of the Wi-Fi interface (the first interface when none is Wi-Fi), or null
        /// when the device reports none: the ClientId must never be random, so there is no fallback.
        /// </summary>
        public static byte[] Mac()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            if (interfaces == null || interfaces.Length == 0) return null;
            NetworkInterface chosen = interfaces[0];
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    chosen = interfaces[i];
                    break;
                }
            }
            byte[] mac = chosen.PhysicalAddress;
            return mac != null && mac.Length == 6 ? mac : null;
        }
    }
}

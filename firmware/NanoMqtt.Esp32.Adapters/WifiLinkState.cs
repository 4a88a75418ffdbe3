using System;
using System.Net.NetworkInformation;

namespace NanoMqtt.Esp32
{
    /// <summary>
    /// Whether Wi-Fi is usable (associated, with an IPv4 address), from the NetworkChange events
    /// and a poll the main loop runs every few seconds. The events arrive on another thread; the
    /// main loop reads <see cref="IsUp"/> and hands it to the app, which is not thread-safe.
    /// </summary>
    public sealed class WifiLinkState
    {
        private readonly object _lock = new object();
        private bool _up;

        /// <summary>Reads the current state and listens for changes.</summary>
        public WifiLinkState()
        {
            _up = HasAddress();
            NetworkChange.NetworkAvailabilityChanged += new NetworkAvailabilityChangedEventHandler(OnAvailabilityChanged);
            NetworkChange.NetworkAddressChanged += new NetworkAddressChangedEventHandler(OnAddressChanged);
        }

        /// <summary>True while Wi-Fi has an IPv4 address.</summary>
        public bool IsUp
        {
            get
            {
                lock (_lock) return _up;
            }
        }

        /// <summary>Polls the interface (a missed event must not leave the link waiting forever).</summary>
        public void Refresh()
        {
            Set(HasAddress());
        }

        /// <summary>The Wi-Fi interface's IPv4 address, or null when it has none.</summary>
        public static string Address()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].NetworkInterfaceType != NetworkInterfaceType.Wireless80211) continue;
                string address = interfaces[i].IPv4Address;
                return address != null && address.Length > 0 && address[0] != '0' ? address : null;
            }
            return null;
        }

        private static bool HasAddress()
        {
            return Address() != null;
        }

        private void OnAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            Set(e.IsAvailable && HasAddress());
        }

        private void OnAddressChanged(object sender, EventArgs e)
        {
            Set(HasAddress());
        }

        private void Set(bool up)
        {
            lock (_lock) _up = up;
        }
    }
}

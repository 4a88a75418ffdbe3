using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using NanoMqtt.Network;

namespace NanoMqtt.Esp32
{
    /// <summary>
    /// Joins Wi-Fi on a thread of its own, so the main loop (pulses, the status LED) never waits
    /// for it. <see cref="WifiPlan"/> decides each attempt: configured credentials (<c>wifi.ssid</c>)
    /// are written to flash only when they differ from the stored ones; otherwise the stored ones
    /// (from <c>nanoff --networkdeployment</c> or an earlier boot) are used and nothing is written.
    /// The firmware reconnects on its own (automatic reconnection); while the link stays down the
    /// thread looks again every minute and connects again every tenth time.
    /// </summary>
    public sealed class WifiJoin
    {
        private const int AttemptTimeoutMs = 60000;
        private const int RetryMs = 60000;
        private const int PollMs = 500;

        private readonly string _ssid;
        private readonly string _password;
        private readonly WifiLinkState _state;
        private int _attempts;

        /// <summary>Joins <paramref name="ssid"/> (null: stored credentials) with <paramref name="password"/> (null: open network).</summary>
        public WifiJoin(string ssid, string password, WifiLinkState state)
        {
            _ssid = ssid;
            _password = password;
            _state = state;
        }

        /// <summary>Starts the joining thread.</summary>
        public void Start()
        {
            new Thread(new ThreadStart(Run)).Start();
        }

        private void Run()
        {
            while (true)
            {
                try
                {
                    Attempt();
                }
                catch (Exception e)
                {
                    Log.Line("Wi-Fi: " + e.GetType().FullName + " " + e.Message);
                }
                _state.Refresh();
                Thread.Sleep(RetryMs);
            }
        }

        private void Attempt()
        {
            Wireless80211Configuration stored = Stored();
            WifiAction action = WifiPlan.Next(_ssid, _password, stored == null ? null : stored.Ssid, stored == null ? null : stored.Password, _state.IsUp, _attempts++);
            if (action == WifiAction.Wait)
            {
                if (!_state.IsUp) WaitForAddress("waiting for the network" + (_ssid == null ? " (credentials stored on the device)" : ""));
                return;
            }
            if (action == WifiAction.StoreAndJoin && stored != null)
            {
                Log.Line("Wi-Fi: storing the credentials of wifi.ssid '" + _ssid + "' (they differ from the stored ones)");
                stored.Ssid = _ssid;
                stored.Password = _password == null ? "" : _password;
                stored.Options = Wireless80211Configuration.ConfigurationOptions.AutoConnect;
                stored.SaveConfiguration();
            }
            WifiConnectionResult joined = WifiAdapter.FindAllAdapters()[0].Connect(_ssid, WifiReconnectionKind.Automatic, _password == null ? "" : _password);
            if (joined.ConnectionStatus != WifiConnectionStatus.Success)
            {
                Log.Line("Wi-Fi: joining '" + _ssid + "' failed (" + Describe(joined.ConnectionStatus) + ")");
                return;
            }
            WaitForAddress("joined '" + _ssid + "'");
        }

        private void WaitForAddress(string what)
        {
            Log.Line("Wi-Fi: " + what);
            for (int waited = 0; waited < AttemptTimeoutMs; waited += PollMs)
            {
                _state.Refresh();
                if (_state.IsUp)
                {
                    Log.Line("Wi-Fi: up, address " + WifiLinkState.Address());
                    return;
                }
                Thread.Sleep(PollMs);
            }
            Log.Line("Wi-Fi: no address within " + (AttemptTimeoutMs / 1000).ToString() + " s");
        }

        private static Wireless80211Configuration Stored()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].NetworkInterfaceType != NetworkInterfaceType.Wireless80211) continue;
                return Wireless80211Configuration.GetAllWireless80211Configurations()[interfaces[i].SpecificConfigId];
            }
            return null;
        }

        private static string Describe(WifiConnectionStatus status)
        {
            switch (status)
            {
                case WifiConnectionStatus.AccessRevoked: return "access revoked";
                case WifiConnectionStatus.InvalidCredential: return "wrong password";
                case WifiConnectionStatus.NetworkNotAvailable: return "network not found";
                case WifiConnectionStatus.Timeout: return "timed out";
                case WifiConnectionStatus.UnsupportedAuthenticationProtocol: return "unsupported authentication";
                default: return "status " + ((int)status).ToString();
            }
        }
    }
}

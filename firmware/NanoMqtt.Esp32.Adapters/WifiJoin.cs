using System;
using System.Device.Wifi;
using System.Threading;
using nanoFramework.Networking;

namespace NanoMqtt.Esp32
{
    /// <summary>
    /// Joins Wi-Fi with <see cref="WifiNetworkHelper"/> on a thread of its own, so the main loop
    /// (pulses, the status LED) never waits for it. With <c>wifi.ssid</c> in the configuration it
    /// connects with those credentials at start (and the helper stores them); without, it waits for
    /// the connection the firmware makes with the credentials stored by <c>nanoff --networkdeployment</c>.
    /// Reconnection is automatic (WifiReconnectionKind.Automatic); while the link stays down the
    /// thread waits again every minute and, with configured credentials, connects again every
    /// tenth time. With TLS it also waits for a valid date (certificates are checked against it).
    /// </summary>
    public sealed class WifiJoin
    {
        private const int AttemptTimeoutMs = 60000;
        private const int RetryMs = 60000;
        private const int ConnectEvery = 10;

        private readonly string _ssid;
        private readonly string _password;
        private readonly bool _needDate;
        private readonly WifiLinkState _state;
        private int _attempts;

        /// <summary>Joins <paramref name="ssid"/> (null: stored credentials) with <paramref name="password"/> (null: open network).</summary>
        public WifiJoin(string ssid, string password, bool needDate, WifiLinkState state)
        {
            _ssid = ssid;
            _password = password;
            _needDate = needDate;
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
                // With configured credentials the first attempt always runs: the firmware may have
                // joined another network with older stored credentials.
                if (!_state.IsUp || (_ssid != null && _attempts == 0))
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
                }
                Thread.Sleep(RetryMs);
            }
        }

        private void Attempt()
        {
            bool connect = _ssid != null && _attempts % ConnectEvery == 0;
            _attempts++;
            Log.Line(connect ? "Wi-Fi: joining '" + _ssid + "'" : "Wi-Fi: waiting for the network" + (_ssid == null ? " (credentials stored on the device)" : ""));
            CancellationTokenSource timeout = new CancellationTokenSource(AttemptTimeoutMs);
            bool ok = connect
                ? WifiNetworkHelper.ConnectDhcp(_ssid, _password == null ? "" : _password, WifiReconnectionKind.Automatic, _needDate, 0, timeout.Token)
                : WifiNetworkHelper.Reconnect(_needDate, 0, timeout.Token);
            if (ok)
            {
                Log.Line("Wi-Fi: up, address " + WifiLinkState.Address());
                return;
            }
            Exception error = WifiNetworkHelper.HelperException;
            Log.Line("Wi-Fi: not up within " + (AttemptTimeoutMs / 1000).ToString() + " s (" + Describe(WifiNetworkHelper.Status) + (error != null ? ": " + error.Message : "") + ")");
        }

        private static string Describe(NetworkHelperStatus status)
        {
            switch (status)
            {
                case NetworkHelperStatus.NetworkIsReady: return "ready";
                case NetworkHelperStatus.FailedNoNetworkInterface: return "no network interface";
                case NetworkHelperStatus.TokenExpiredWaitingIPAddress: return "no IP address";
                case NetworkHelperStatus.TokenExpiredWaitingDateTime: return "no valid date from SNTP";
                case NetworkHelperStatus.ErrorConnetingToWiFiWhileScanning: return "cannot connect";
                case NetworkHelperStatus.ExceptionOccurred: return "exception";
                default: return "status " + ((int)status).ToString();
            }
        }
    }
}

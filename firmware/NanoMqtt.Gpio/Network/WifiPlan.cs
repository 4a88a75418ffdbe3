namespace NanoMqtt.Network
{
    /// <summary>
    /// When Wi-Fi credentials are written to flash: only when <c>wifi.ssid</c>/<c>wifi.password</c>
    /// differ from the stored ones (nanoFramework's <c>WifiNetworkHelper.ConnectDhcp</c> rewrites
    /// them at every call that finds the device not yet connected: most boots, and every retry
    /// while the access point is away). Without configured credentials the ones stored by
    /// <c>nanoff --networkdeployment</c> are used and nothing is written.
    /// </summary>
    public static class WifiPlan
    {
        /// <summary>While Wi-Fi stays down, every this many attempts connects again (the firmware's own
        /// reconnection runs in between).</summary>
        public const int JoinEvery = 10;

        /// <summary>
        /// The action for attempt <paramref name="attempt"/> (0 first) with the configured
        /// <paramref name="ssid"/> and <paramref name="password"/> (null: none), the stored ones,
        /// and whether Wi-Fi is <paramref name="up"/>.
        /// </summary>
        public static WifiAction Next(string ssid, string password, string storedSsid, string storedPassword, bool up, int attempt)
        {
            if (ssid == null) return WifiAction.Wait;
            if (ssid != storedSsid || Text(password) != Text(storedPassword)) return WifiAction.StoreAndJoin;
            if (up) return WifiAction.Wait;
            return attempt % JoinEvery == 0 ? WifiAction.Join : WifiAction.Wait;
        }

        private static string Text(string value)
        {
            return value == null ? "" : value;
        }
    }
}

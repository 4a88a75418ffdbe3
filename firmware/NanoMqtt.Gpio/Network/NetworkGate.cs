using System;

namespace NanoMqtt.Network
{
    /// <summary>
    /// Whether the network counts as up: Wi-Fi with an address, and with TLS also a clock that
    /// SNTP has set. Before that a certificate's dates are checked against 1970, every handshake
    /// fails with an X.509 error and the backoff grows; waiting instead says what is missing.
    /// </summary>
    public sealed class NetworkGate
    {
        /// <summary>A clock before this year has not been set (the board starts at 1970).</summary>
        public const int FirstValidYear = 2024;

        private readonly bool _tls;

        /// <summary>A gate for a link that uses TLS (<paramref name="tls"/>) or not.</summary>
        public NetworkGate(bool tls)
        {
            _tls = tls;
        }

        /// <summary>What the link waits for now.</summary>
        public NetworkWait Wait { get; private set; }

        /// <summary>True when attempts may start.</summary>
        public bool IsUp
        {
            get { return Wait == NetworkWait.None; }
        }

        /// <summary>Takes Wi-Fi's state and the wall clock; true when <see cref="Wait"/> changed.</summary>
        public bool Update(bool wifiUp, DateTime utcNow)
        {
            NetworkWait wait = !wifiUp ? NetworkWait.Wifi : _tls && utcNow.Year < FirstValidYear ? NetworkWait.Clock : NetworkWait.None;
            if (wait == Wait) return false;
            Wait = wait;
            return true;
        }

        /// <summary>The date of <paramref name="utc"/> as yyyy-mm-dd.</summary>
        public static string Date(DateTime utc)
        {
            return utc.Year.ToString() + "-" + TwoDigits(utc.Month) + "-" + TwoDigits(utc.Day);
        }

        private static string TwoDigits(int n)
        {
            return (n < 10 ? "0" : "") + n.ToString();
        }
    }
}

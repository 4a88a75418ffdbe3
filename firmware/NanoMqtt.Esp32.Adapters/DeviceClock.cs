using System;
using NanoMqtt.Link;

namespace NanoMqtt.Esp32
{
    /// <summary>
    /// Monotonic milliseconds since boot from <c>Environment.TickCount64</c> (nanoFramework.Runtime.Native).
    /// Not <c>DateTime.UtcNow</c>: that jumps when SNTP sets the clock after Wi-Fi comes up.
    /// </summary>
    public sealed class DeviceClock : IClock
    {
        /// <inheritdoc/>
        public long NowMs
        {
            get { return Environment.TickCount64; }
        }
    }
}

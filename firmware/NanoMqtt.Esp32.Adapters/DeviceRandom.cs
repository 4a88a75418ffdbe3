using System;
using NanoMqtt.Link;

namespace NanoMqtt.Esp32
{
    /// <summary>
    /// Backoff jitter from <see cref="Random"/> (nano mscorlib), seeded from the MAC and the boot
    /// time so that a fleet that lost its broker at the same moment does not reconnect in step.
    /// </summary>
    public sealed class DeviceRandom : IRandom
    {
        private readonly Random _random;

        /// <summary>A source seeded from <paramref name="mac"/> (6 bytes) and the milliseconds since boot.</summary>
        public DeviceRandom(byte[] mac)
        {
            int seed = (int)Environment.TickCount64;
            for (int i = 0; i < mac.Length; i++) seed = (seed * 31) ^ mac[i];
            _random = new Random(seed & 0x7FFFFFFF);
        }

        /// <inheritdoc/>
        public int Next(int maxExclusive)
        {
            return maxExclusive <= 1 ? 0 : _random.Next(maxExclusive);
        }
    }
}

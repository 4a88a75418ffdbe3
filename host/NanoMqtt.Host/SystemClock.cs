using System;
using System.Diagnostics;
using NanoMqtt.Link;

namespace NanoMqtt.Host;

/// <summary>Monotonic milliseconds from the system's high-resolution timer.</summary>
public sealed class SystemClock : IClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    public long NowMs => _watch.ElapsedMilliseconds;
}

/// <summary>Backoff jitter from the shared system random source.</summary>
public sealed class SystemRandom : IRandom
{
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : Random.Shared.Next(maxExclusive);
}

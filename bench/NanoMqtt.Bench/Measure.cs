using System.Diagnostics;

namespace NanoMqtt.Bench;

/// <summary>Times an action over many iterations after a warm-up: nanoseconds and bytes allocated per call.</summary>
internal static class Measure
{
    public static (double Ns, double Bytes) Run(Action action, int iterations)
    {
        for (int i = 0; i < Math.Min(iterations, 2000); i++) action();
        double best = double.MaxValue, bytes = 0;
        for (int round = 0; round < 3; round++)
        {
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < iterations; i++) action();
            long ticks = Stopwatch.GetTimestamp() - start;
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            double ns = ticks * 1e9 / Stopwatch.Frequency / iterations;
            if (ns < best)
            {
                best = ns;
                bytes = (double)allocated / iterations;
            }
        }
        return (best, bytes);
    }
}

using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// A broker or peer the scenarios need is not installed: the test fails, so `dotnet test` never
    /// says Passed for scenarios it did not run. Set NANOMQTT_SKIP_BROKERS=1 to have them reported
    /// inconclusive instead (never under CI=true).
    /// </summary>
    internal static class Missing
    {
        public static void Report(string what, string install)
        {
            string message = $"{what} is not installed: {install}";
            bool ci = Environment.GetEnvironmentVariable("CI") == "true";
            if (!ci && Environment.GetEnvironmentVariable("NANOMQTT_SKIP_BROKERS") == "1") Assert.Inconclusive(message + " (skipped: NANOMQTT_SKIP_BROKERS=1)");
            Assert.Fail(message + (ci ? " (CI must install it)" : "; or set NANOMQTT_SKIP_BROKERS=1 to skip the broker scenarios"));
        }
    }
}

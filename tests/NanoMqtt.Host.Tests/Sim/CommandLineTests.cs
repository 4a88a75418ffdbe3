using System;
using System.Diagnostics;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoMqtt.Host.Tests.Sim
{
    /// <summary>The virtual device's command line: help, and one clear line with exit code 2 for every mistake.</summary>
    [TestClass]
    public class CommandLineTests
    {
        private static (int Code, string Out, string Err) Run(string arguments)
        {
            string sim = Path.Combine(AppContext.BaseDirectory, "nanomqtt-sim.dll");
            var start = new ProcessStartInfo("dotnet", $"\"{sim}\" {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                WorkingDirectory = Path.GetTempPath(),
            };
            using var p = Process.Start(start)!;
            string output = p.StandardOutput.ReadToEnd();
            string error = p.StandardError.ReadToEnd();
            Assert.IsTrue(p.WaitForExit(30000), "the sim exits");
            return (p.ExitCode, output, error);
        }

        [TestMethod]
        public void HelpListsTheOptionsAndTheModes()
        {
            var (code, output, _) = Run("--help");
            Assert.AreEqual(0, code);
            foreach (string word in new[] { "--broker", "--config", "--board", "--data", "--mqtt", "--plain", "--seconds", "--devices", "demo", "storm" })
                StringAssert.Contains(output, word);
        }

        [TestMethod]
        [DataRow("--bogus", "--bogus")]
        [DataRow("--broker notaurl", "expected mqtt://host:port")]
        [DataRow("--broker http://127.0.0.1:1883", "mqtt:// or mqtts://")]
        [DataRow("--broker mqtt://", "no host")]
        [DataRow("--mqtt 4x", "4x")]
        [DataRow("--devices abc", "abc")]
        [DataRow("--devices 0", "1-10000")]
        [DataRow("--data", "--data")]
        [DataRow("--seconds -1", "0 or more")]
        [DataRow("--board nope --plain --seconds 1", "no board profile 'nope'")]
        [DataRow("--config /nonexistent/nanomqtt.conf --plain --seconds 1", "nanomqtt.conf")]
        [DataRow("storm", "storm needs --broker")]
        public void AMistakeIsOneClearLineAndExitCode2(string arguments, string says)
        {
            var (code, _, error) = Run(arguments);
            Assert.AreEqual(2, code, error);
            StringAssert.StartsWith(error, "error: ");
            StringAssert.Contains(error, says);
            Assert.DoesNotContain("Unhandled exception", error);
            Assert.DoesNotContain("   at ", error, "no stack trace");
        }
    }
}

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
        /// <summary>Runs the sim process with <paramref name="arguments"/>; its exit code, output and errors.</summary>
        internal static (int Code, string Out, string Err) Run(string arguments)
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

        private static string ConfigFile(string text)
        {
            string path = Path.Combine(Path.GetTempPath(), "nanomqtt-cli-" + Guid.NewGuid().ToString("N") + ".conf");
            File.WriteAllText(path, text);
            return path;
        }

        [TestMethod]
        public void ConfigurationProblemsAreReportedWithTheirRealLines()
        {
            string file = ConfigFile("broker.host = 127.0.0.1\nbroker.port = 1\nbogus = 1\nmax-packet = 5\n\ninflight = x\n");
            try
            {
                var (code, _, error) = Run($"--config {file} --plain --seconds 1");
                Assert.AreEqual(2, code, error);
                StringAssert.Contains(error, "line 3: unknown key 'bogus'");
                StringAssert.Contains(error, "line 4: max-packet");
                StringAssert.Contains(error, "line 6: inflight");
            }
            finally
            {
                File.Delete(file);
            }
        }

        [TestMethod]
        public void TheConfigurationsBrokerIsUsedAndEveryFailedAttemptIsToldInPlainMode()
        {
            string file = ConfigFile("# a broker nobody listens on\nbroker.host = 127.0.0.1\nbroker.port = 1\n");
            string data = Path.Combine(Path.GetTempPath(), "nanomqtt-cli-data-" + Guid.NewGuid().ToString("N"));
            try
            {
                var (code, output, error) = Run($"--config {file} --data {data} --plain --seconds 3");
                Assert.AreEqual(0, code, error);
                StringAssert.Contains(output, "broker 127.0.0.1:1;", "broker.host and broker.port from the file, no embedded broker");
                StringAssert.Contains(output, "attempt 1 failed: cannot connect to 127.0.0.1:1");
                StringAssert.Contains(output, "attempt 2 failed:");
            }
            finally
            {
                File.Delete(file);
                try { Directory.Delete(data, true); } catch (IOException) { }
            }
        }

        [TestMethod]
        public void TheCommandLineBrokerOverridesTheFilesOnItsOwnLine()
        {
            string file = ConfigFile("broker.host = example.invalid\nbroker.port = 1\nbogus = 1\n");
            try
            {
                var (code, _, error) = Run($"--config {file} --broker mqtt://127.0.0.1:1 --plain --seconds 1");
                Assert.AreEqual(2, code);
                StringAssert.Contains(error, "line 3: unknown key 'bogus'", "the line numbers stay the file's");
            }
            finally
            {
                File.Delete(file);
            }
        }
    }
}

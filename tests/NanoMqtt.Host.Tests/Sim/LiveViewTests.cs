using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoMqtt.Host.Tests.Sim
{
    /// <summary>
    /// The live view in a real terminal (tmux): the header stays on screen, the printed
    /// mosquitto_pub line commands the device as printed, and each key does what the header says.
    /// </summary>
    [TestClass]
    public class LiveViewTests
    {
        private static string Tmux(string arguments)
        {
            var p = Process.Start(new ProcessStartInfo("tmux", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return output;
        }

        private static string WaitForScreen(string session, Func<string, bool> done, string what)
        {
            string screen = "";
            for (int i = 0; i < 150; i++)
            {
                screen = Tmux($"capture-pane -p -t {session}");
                if (done(screen)) return screen;
                Thread.Sleep(100);
            }
            Assert.Fail($"{what} never appeared on screen:\n{screen}");
            return screen;
        }

        private static void Require(string tool)
        {
            if (!File.Exists("/usr/bin/" + tool)) Brokers.Missing.Report(tool, "apt-get install " + tool);
        }

        [TestMethod]
        public void TheHeaderStaysThePrintedCommandWorksAndEachKeyActs()
        {
            Require("tmux");
            Require("mosquitto_pub");
            string session = "nanomqtt-view-" + Guid.NewGuid().ToString("N")[..8];
            string folder = Path.Combine(Path.GetTempPath(), session);
            Directory.CreateDirectory(folder);
            string sim = Path.Combine(AppContext.BaseDirectory, "nanomqtt-sim.dll");
            try
            {
                Tmux($"new-session -d -s {session} -x 200 -y 50 \"cd {folder} && dotnet {sim} --seconds 90\"");
                string screen = WaitForScreen(session, s => s.Contains("link: Online"), "link: Online");
                WaitForScreen(session, s => s.Contains("subscribed"), "subscribed");
                StringAssert.Contains(screen, "Keys: l link cut/restore  p power cut");
                var printed = Regex.Match(screen, @"Send a command: mosquitto_pub (.*)$", RegexOptions.Multiline);
                Assert.IsTrue(printed.Success, screen);

                var pub = Process.Start(new ProcessStartInfo("sh", $"-c \"mosquitto_pub {printed.Groups[1].Value.Trim().Replace("\"", "\\\"")}\"") { RedirectStandardError = true })!;
                Assert.IsTrue(pub.WaitForExit(10000));
                Assert.AreEqual(0, pub.ExitCode, pub.StandardError.ReadToEnd());
                screen = WaitForScreen(session, s => s.Contains("relay-1 (*)"), "relay-1 on");
                StringAssert.Contains(screen, "Send a command: mosquitto_pub", "the header is still there after redraws");

                Tmux($"send-keys -t {session} l");
                screen = WaitForScreen(session, s => s.Contains("link: WaitingForNetwork"), "the link cut");
                Tmux($"send-keys -t {session} l");
                WaitForScreen(session, s => s.Contains("link: Online") && s.Contains("\nonline"), "the link back, no stale error");

                Tmux($"send-keys -t {session} p");
                WaitForScreen(session, s => s.Contains("power cuts: 1") && s.Contains("relay-1 (*)"), "a power cut, relay-1 restored");

                Tmux($"send-keys -t {session} e");
                screen = WaitForScreen(session, s => s.Contains("link: session ended"), "the session ended");
                StringAssert.Contains(screen, "no more attempts");

                Tmux($"send-keys -t {session} q");
                WaitForScreen(session, s => !Tmux("list-sessions").Contains(session), "the sim quit");
            }
            finally
            {
                Tmux($"kill-session -t {session}");
                try { Directory.Delete(folder, true); } catch (IOException) { }
            }
        }
    }
}

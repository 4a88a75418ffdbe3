using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
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

        private static string RepositoryFile(string name)
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NanoMqtt.Host.slnx"))) return Path.Combine(dir.FullName, name);
            }
            throw new FileNotFoundException(name);
        }

        // The README's typed session: its sh block after "A session you can type".
        private static string[] ReadmeSession()
        {
            string readme = File.ReadAllText(RepositoryFile("README.md"));
            int start = readme.IndexOf("```sh\n", readme.IndexOf("A session you can type", StringComparison.Ordinal), StringComparison.Ordinal) + 6;
            return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        [TestMethod]
        public void TheReadmesTypedSessionWorksAsWritten()
        {
            Require("tmux");
            Require("mosquitto_pub");
            Require("mosquitto_sub");
            string session = "nanomqtt-readme-" + Guid.NewGuid().ToString("N")[..8];
            string folder = Path.Combine(Path.GetTempPath(), session);
            Directory.CreateDirectory(folder);
            string watched = Path.Combine(folder, "watched.txt");
            string sim = Path.Combine(AppContext.BaseDirectory, "nanomqtt-sim.dll");
            Process watcher = null!;
            try
            {
                Tmux($"new-session -d -s {session} -x 200 -y 50 \"cd {folder} && dotnet {sim} --seconds 90\"");
                string screen = WaitForScreen(session, s => s.Contains("link: Online") && s.Contains("subscribed"), "online and subscribed");
                string port = Regex.Match(screen, @"broker 127\.0\.0\.1:(\d+)").Groups[1].Value;
                string clientId = Regex.Match(screen, @"virtual device (\S+) on board").Groups[1].Value;
                bool online = true;
                foreach (string typed in ReadmeSession())
                {
                    if (typed.StartsWith("# press l", StringComparison.Ordinal))
                    {
                        Tmux($"send-keys -t {session} l");
                        online = !online;
                        WaitForScreen(session, s => s.Contains(online ? "link: Online" : "link: WaitingForNetwork"), online ? "the link back" : "the link cut");
                        continue;
                    }
                    // As printed: only the port and this PC's ClientId (both in the sim's first lines) differ.
                    string line = typed.Replace("PORT", port).Replace("nanomqtt-024e4d515454", clientId);
                    if (line.EndsWith(" &", StringComparison.Ordinal))
                    {
                        watcher = Process.Start(new ProcessStartInfo("sh", new[] { "-c", "exec " + line[..^2] + " > " + watched })!)!;
                        Thread.Sleep(500);
                        continue;
                    }
                    var typedProcess = Process.Start(new ProcessStartInfo("sh", new[] { "-c", line }) { RedirectStandardError = true })!;
                    Assert.IsTrue(typedProcess.WaitForExit(10000), line);
                    Assert.AreEqual(0, typedProcess.ExitCode, line + ": " + typedProcess.StandardError.ReadToEnd());
                }
                Assert.IsNotNull(watcher, "the session starts mosquitto_sub in the background");
                string prefix = "nanomqtt/" + clientId;
                string[] expected =
                {
                    $"{prefix}/out/relay-1/state on", $"{prefix}/out/led/state on", $"{prefix}/out/led/state off",
                    $"{prefix}/status error: bad payload (on, off, 1, 0, true, false, toggle, pulse:<ms>) on relay-2",
                };
                bool PulseEnded(string text) =>
                    text.Contains($"{prefix}/out/led/state on") && text.LastIndexOf($"{prefix}/out/led/state off", StringComparison.Ordinal) > text.IndexOf($"{prefix}/out/led/state on", StringComparison.Ordinal);
                string seen = "";
                for (int i = 0; i < 100 && !(expected.All(seen.Contains) && PulseEnded(seen)); i++)
                {
                    Thread.Sleep(100);
                    seen = File.Exists(watched) ? File.ReadAllText(watched) : "";
                }
                foreach (string e in expected) StringAssert.Contains(seen, e, "mosquitto_sub printed it");
                Assert.IsTrue(PulseEnded(seen), "the pulse, then its end: " + seen);
                WaitForScreen(session, s => s.Contains("relay-1 (*)"), "relay-1 on in the view");
            }
            finally
            {
                if (watcher != null && !watcher.HasExited) watcher.Kill();
                Tmux($"kill-session -t {session}");
                try { Directory.Delete(folder, true); } catch (IOException) { }
            }
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
                screen = WaitForScreen(session, s => s.Contains("link: Online") && Regex.IsMatch(s, @"│ online\s+│"), "the link back, no stale error");
                // The session panel: Session Present, the granted expiry, the journal and its commits.
                StringAssert.Contains(screen, "granted expiry 86400 s");
                StringAssert.Matches(screen, new Regex(@"journal \d+/65536 B  commits [1-9]\d*  compactions \d+"));
                StringAssert.Matches(screen, new Regex(@"in flight \d+  outbox \d+  incoming QoS 2 \d+"));

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

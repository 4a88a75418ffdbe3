using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Host.Tests.Brokers;
using NanoMqtt.Link;
using NanoMqtt.Sim;

namespace NanoMqtt.Host.Tests.Sim
{
    /// <summary>
    /// The virtual device's main loop held for seconds inside a connect attempt, as a DNS lookup or a
    /// TLS handshake holds the board's: a pulse still ends on time, on the pulse thread, and health
    /// says how long the loop was held.
    /// </summary>
    [TestClass]
    public class HeldLoopTests
    {
        private const int HoldMs = 3000;
        private const int PulseMs = 500;

        /// <summary>The device's transport, whose next Open blocks for a while and then fails, as a stalled handshake does.</summary>
        private sealed class StallingTransport(ITransport inner) : ITransport
        {
            public int HoldNextOpenMs;
            public string LastError { get; private set; } = "";

            public bool Open(string host, int port, bool tls)
            {
                int hold = Interlocked.Exchange(ref HoldNextOpenMs, 0);
                if (hold == 0) return Opened(inner.Open(host, port, tls));
                Thread.Sleep(hold);
                LastError = "the handshake stalled";
                return false;
            }

            private bool Opened(bool ok)
            {
                LastError = inner.LastError;
                return ok;
            }

            public int Read(byte[] buffer, int offset, int count, int timeoutMs) => inner.Read(buffer, offset, count, timeoutMs);
            public bool Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
            public void Close() => inner.Close();
        }

        [TestMethod]
        public async Task APulseEndsOnTimeWhileTheMainLoopIsHeldInAConnectAttempt()
        {
            await using var broker = await EmbeddedBroker.StartAsync();
            string data = Path.Combine(Path.GetTempPath(), "nanomqtt-held-" + Guid.NewGuid().ToString("N"));
            try
            {
                StallingTransport stalling = null!;
                var config = Setup.Config(null, "127.0.0.1", broker.Port, false, null, null, null, null, null);
                var device = new VirtualDevice(config, Setup.Board("esp32-devkitc"), data, wrapTransport: t => stalling = new StallingTransport(t));
                Assert.IsTrue(device.RunUntil(() => device.Engine.State.HasFingerprint, 5000), device.Driver.LastError);
                int relay = device.Board.FindOutput("relay-1")!.Pin;
                await using var backend = await Publisher.ConnectAsync(broker.Port);
                await backend.PublishAsync(device.Prefix + "/out/relay-1/set", "pulse:" + PulseMs, 2);
                Assert.IsTrue(device.RunUntil(() => device.Commands.Pulsing(0), 5000), "the pulse started");

                // The link drops and the next attempt holds the main loop for three seconds.
                stalling.HoldNextOpenMs = HoldMs;
                device.SetLink(false);
                device.SetLink(true);
                var held = Stopwatch.StartNew();
                device.Step();
                held.Stop();

                Assert.IsTrue(held.ElapsedMilliseconds >= HoldMs, $"the main loop was held {held.ElapsedMilliseconds} ms");
                var writes = device.Pins.History.Where(w => w.Pin == relay).ToArray();
                var on = writes.Last(w => w.High == false);   // active-low: pulled in
                var off = writes.Last();
                Assert.IsTrue(off.High && off.AtMs > on.AtMs, "released");
                long length = off.AtMs - on.AtMs;
                Console.WriteLine($"pulse of {PulseMs} ms with the main loop held {held.ElapsedMilliseconds} ms: the pin was on {length} ms");
                Assert.IsTrue(Math.Abs(length - PulseMs) <= 50, $"the pulse lasted {length} ms, not {PulseMs} ± 50");

                device.Step();
                string health = device.Health.Describe(device.Engine, 0, 0).ToString();
                StringAssert.Contains(health, "pulse-late-ms=");
                long loopMax = long.Parse(health.Split(' ').Single(f => f.StartsWith("loop-max-ms=")).Split('=')[1]);
                Assert.IsTrue(loopMax >= HoldMs, health);
                Assert.IsTrue(device.Log.Any(l => l.Contains("the main loop was held for")), "and the log says so");
            }
            finally
            {
                try { Directory.Delete(data, true); } catch (IOException) { }
            }
        }
    }
}

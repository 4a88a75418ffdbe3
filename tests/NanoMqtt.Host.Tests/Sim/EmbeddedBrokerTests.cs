using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Sim;

namespace NanoMqtt.Host.Tests.Sim
{
    /// <summary>The virtual device's embedded broker takes what the README's typed session sends.</summary>
    [TestClass]
    public class EmbeddedBrokerTests
    {
        [TestMethod]
        public async Task A311CleanSessionClientWithAnEmptyClientIdIsAccepted()
        {
            await using var broker = await EmbeddedBroker.StartAsync();
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", broker.Port);
            var s = tcp.GetStream();
            // CONNECT, MQTT 3.1.1, Clean Session 1, keep-alive 60, ClientId "" (MQTT-3.1.3-6).
            await s.WriteAsync(Convert.FromHexString("100C00044D5154540402003C0000"));
            var reply = new byte[4];
            int n = 0;
            using var timeout = new System.Threading.CancellationTokenSource(3000);
            while (n < 4) n += await s.ReadAsync(reply.AsMemory(n), timeout.Token);
            Assert.AreEqual("20020000", Convert.ToHexString(reply), "CONNACK accepted");
        }

        private static async Task<NetworkStream> RawClient(TcpClient tcp, int port, string connectHex, System.Threading.CancellationToken stop)
        {
            await tcp.ConnectAsync("127.0.0.1", port);
            var s = tcp.GetStream();
            await s.WriteAsync(Convert.FromHexString(connectHex));
            Assert.AreEqual("20020000", await Read(s, 4, stop), "CONNACK");
            return s;
        }

        private static async Task<string> Read(NetworkStream s, int count, System.Threading.CancellationToken stop)
        {
            var bytes = new byte[count];
            int n = 0;
            while (n < count) n += await s.ReadAsync(bytes.AsMemory(n), stop);
            return Convert.ToHexString(bytes);
        }

        [TestMethod]
        public async Task AResentQoS1PublishReachesAQoS0SubscriberAsAValidPacket()
        {
            await using var broker = await EmbeddedBroker.StartAsync();
            using var timeout = new System.Threading.CancellationTokenSource(3000);
            using var watcherTcp = new TcpClient();
            using var senderTcp = new TcpClient();
            // CONNECT 3.1.1, Clean Session 1, ClientId "w"; SUBSCRIBE id 1 "resent/#" at QoS 0, as mosquitto_sub does.
            var watcher = await RawClient(watcherTcp, broker.Port, "100D00044D5154540402003C000177", timeout.Token);
            await watcher.WriteAsync(Convert.FromHexString("820D00010008726573656E742F2300"));
            Assert.AreEqual("9003000100", await Read(watcher, 5, timeout.Token), "SUBACK");
            // ClientId "r": PUBLISH QoS 1, DUP=1 (a resend), id 6, "resent/a" = "b".
            var sender = await RawClient(senderTcp, broker.Port, "100D00044D5154540402003C000172", timeout.Token);
            await sender.WriteAsync(Convert.FromHexString("3A0D0008726573656E742F61000662"));
            Assert.AreEqual("40020006", await Read(sender, 4, timeout.Token), "PUBACK");
            // Forwarded at QoS 0 with DUP 0 (MQTT-3.3.1-2): 30 0B, topic, "b".
            Assert.AreEqual("300B0008726573656E742F6162", await Read(watcher, 13, timeout.Token));
        }

        [TestMethod]
        [DataRow("5")]
        [DataRow("3.1.1")]
        public async Task ASessionAndTheCommandsQueuedForItOutliveTheBroker(string version)
        {
            string folder = Path.Combine(Path.GetTempPath(), "nanomqtt-sessions-" + Guid.NewGuid().ToString("N"));
            string data = Path.Combine(folder, "device"), retained = Path.Combine(folder, "retained.json"), sessions = Path.Combine(folder, "sessions.json");
            try
            {
                string prefix;
                // The first run of the sim: online, subscribed; the link is cut and a command is queued.
                await using (var broker = await EmbeddedBroker.StartAsync(retained, sessions))
                {
                    var device = new VirtualDevice(Setup.Config(null, "127.0.0.1", broker.Port, false, null, null, null, "nanomqtt-kept", version), Setup.Board("esp32-devkitc"), data);
                    Assert.IsTrue(device.RunUntil(() => device.Engine.State.HasFingerprint, 5000), device.Driver.LastError);
                    prefix = device.Prefix;
                    device.SetLink(false);
                    device.Step();
                    await using var backend = await Brokers.Publisher.ConnectAsync(broker.Port);
                    await backend.PublishAsync(prefix + "/out/relay-1/set", "on", 1);
                    await backend.PublishAsync(prefix + "/out/relay-2/set", "toggle", 2);
                    await Task.Delay(200);
                    device.Dispose();
                }
                // The next run: a new broker on another port, the same device (its journal).
                await using (var broker = await EmbeddedBroker.StartAsync(retained, sessions))
                {
                    var device = new VirtualDevice(Setup.Config(null, "127.0.0.1", broker.Port, false, null, null, null, "nanomqtt-kept", version), Setup.Board("esp32-devkitc"), data);
                    Assert.IsTrue(device.RunUntil(() => device.Lamp("relay-1") && device.Lamp("relay-2"), 5000), "the queued commands arrived: " + device.Driver.LastError);
                    Assert.IsTrue(device.LastSessionPresent, "the broker resumed the session");
                    Assert.AreEqual(2, device.Commands.Applied, "each applied once");
                    device.Dispose();
                }
            }
            finally
            {
                try { Directory.Delete(folder, true); } catch (IOException) { }
            }
        }

        [TestMethod]
        public async Task TheReadmesMosquittoPubLineCommandsTheDevice()
        {
            if (!File.Exists("/usr/bin/mosquitto_pub")) Brokers.Missing.Report("mosquitto_pub", "apt-get install mosquitto-clients");
            await using var broker = await EmbeddedBroker.StartAsync();
            string data = Path.Combine(Path.GetTempPath(), "nanomqtt-readme-" + Guid.NewGuid().ToString("N"));
            try
            {
                var config = Setup.Config(null, "127.0.0.1", broker.Port, false, null, null, null, null, null);
                var device = new VirtualDevice(config, Setup.Board("esp32-devkitc"), data);
                device.SetLink(true);
                Assert.IsTrue(device.RunUntil(() => device.Engine.State.HasFingerprint, 5000), device.Driver.LastError);
                // Exactly the line the sim prints: no -i, so mosquitto_pub sends an empty ClientId.
                var pub = Process.Start(new ProcessStartInfo("mosquitto_pub", $"-p {broker.Port} -t {device.Prefix}/out/relay-1/set -m on -q 1")
                {
                    RedirectStandardError = true,
                })!;
                Assert.IsTrue(device.RunUntil(() => pub.HasExited, 5000), "mosquitto_pub finished");
                Assert.AreEqual(0, pub.ExitCode, pub.StandardError.ReadToEnd());
                Assert.IsTrue(device.RunUntil(() => device.Lamp("relay-1"), 5000), "relay-1 on");
            }
            finally
            {
                try { Directory.Delete(data, true); } catch (IOException) { }
            }
        }

        [TestMethod]
        public async Task AnInputHeldThroughAPowerCutIsReadAgainAtBoot()
        {
            await using var broker = await EmbeddedBroker.StartAsync();
            string data = Path.Combine(Path.GetTempPath(), "nanomqtt-held-" + Guid.NewGuid().ToString("N"));
            try
            {
                var config = Setup.Config(null, "127.0.0.1", broker.Port, false, null, null, null, null, null);
                var device = new VirtualDevice(config, Setup.Board("esp32-devkitc"), data);
                device.SetLink(true);
                Assert.IsTrue(device.RunUntil(() => device.Engine.State.HasFingerprint, 5000), device.Driver.LastError);
                device.ToggleInput(0);
                Assert.IsTrue(device.Inputs.IsOn(0), "pressed");
                device.PowerCut();
                Assert.IsTrue(device.Inputs.IsOn(0), "still held after the power came back");
            }
            finally
            {
                try { Directory.Delete(data, true); } catch (IOException) { }
            }
        }

        [TestMethod]
        public async Task RetainedMessagesSurviveARestartOfTheEmbeddedBroker()
        {
            string file = Path.Combine(Path.GetTempPath(), "nanomqtt-retained-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                await using (var first = await EmbeddedBroker.StartAsync(file))
                {
                    await using var publisher = await NanoMqtt.Host.Tests.Brokers.Publisher.ConnectAsync(first.Port);
                    await publisher.PublishAsync("nanomqtt/dev/out/relay-1/state", "on", 1, retain: true);
                    for (int i = 0; i < 50 && !File.Exists(file); i++) await Task.Delay(20);
                }
                await using var second = await EmbeddedBroker.StartAsync(file);
                await using var watcher = await NanoMqtt.Host.Tests.Brokers.Publisher.ConnectAsync(second.Port, "watcher");
                await watcher.SubscribeAsync("nanomqtt/dev/out/+/state");
                await watcher.WaitAsync(r => r.Count > 0, 3000);
                lock (watcher.Received)
                {
                    Assert.AreEqual(1, watcher.Received.Count);
                    Assert.AreEqual("on", watcher.Received[0].Payload);
                    Assert.IsTrue(watcher.Received[0].Retain);
                }
            }
            finally
            {
                File.Delete(file);
            }
        }

        [TestMethod]
        public async Task ATornRetainedFileStartsTheBrokerWithoutThem()
        {
            string file = Path.Combine(Path.GetTempPath(), "nanomqtt-retained-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(file, "[{\"Topic\":\"a\",\"Payl");
            try
            {
                await using var broker = await EmbeddedBroker.StartAsync(file);
                await using var watcher = await NanoMqtt.Host.Tests.Brokers.Publisher.ConnectAsync(broker.Port, "watcher");
                await watcher.SubscribeAsync("#");
                await Task.Delay(300);
                lock (watcher.Received) Assert.AreEqual(0, watcher.Received.Count);
            }
            finally
            {
                File.Delete(file);
            }
        }
    }
}

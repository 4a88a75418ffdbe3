using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Sim;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// The end-to-end story against real brokers: commands published while the device is offline
    /// drive its outputs when it returns, in order, with errors reported and retained states right.
    /// </summary>
    [TestClass]
    public class CommandScenarioTests
    {
        public static IEnumerable<object[]> BrokersAndVersions()
        {
            foreach (var broker in new[] { "mqttnet", "mosquitto" })
                foreach (var version in new[] { "3.1.1", "5" })
                    yield return new object[] { broker, version };
        }

        [TestMethod]
        [DynamicData(nameof(BrokersAndVersions))]
        public async Task OfflineCommandsDriveTheOutputsWhenTheDeviceReturns(string brokerName, string version)
        {
            if (brokerName == "mosquitto") MosquittoBroker.RequireInstalled();
            await using IBroker broker = brokerName == "mqttnet" ? new MqttNetBroker() : new MosquittoBroker(persistence: false);
            await broker.StartAsync();
            string data = Path.Combine(Path.GetTempPath(), "nanomqtt-cmd-" + Guid.NewGuid().ToString("N"));
            try
            {
                var config = Setup.Config(null, "127.0.0.1", broker.Port, false, null, null, null, "nanomqtt-cmd-" + version.Replace(".", ""), version);
                var device = new VirtualDevice(config, Setup.Board("esp32-devkitc"), data);
                device.SetLink(true);
                Assert.IsTrue(device.RunUntil(() => device.Driver.State == Link.LinkState.Online && device.Engine.State.HasFingerprint, 5000), device.Driver.LastError);
                device.SetLink(false);

                await using var backend = await Publisher.ConnectAsync(broker.Port);
                await backend.SubscribeAsync($"{device.Prefix}/#");
                await backend.PublishAsync($"{device.Prefix}/out/relay-1/set", "on", 1);
                await backend.PublishAsync($"{device.Prefix}/out/relay-2/set", "on", 2);
                await backend.PublishAsync($"{device.Prefix}/out/relay-2/set", "off", 2);
                await backend.PublishAsync($"{device.Prefix}/out/led/set", "pulse:200", 2);
                await backend.PublishAsync($"{device.Prefix}/out/relay-1/set", "bogus", 1);
                await backend.PublishAsync($"{device.Prefix}/out/fan/set", "on", 2);

                device.SetLink(true);
                Assert.IsTrue(device.RunUntil(() => device.Commands.Applied == 4 && device.Commands.Refused == 2 && !device.Commands.Pulsing(2), 5000),
                    $"applied {device.Commands.Applied}, refused {device.Commands.Refused}");
                bool Reported(Func<(string Topic, string Payload, bool Retain), bool> match)
                {
                    lock (backend.Received) return backend.Received.Any(match);
                }
                device.RunUntil(() => Reported(r => r.Payload == "error: unknown output") && Reported(r => r.Payload.StartsWith("error: bad payload"))
                    && Reported(r => r.Topic.EndsWith("/led/state") && r.Payload == "off"), 5000);

                Assert.IsTrue(device.Lamp("relay-1"), "relay-1 on");
                Assert.IsFalse(device.Lamp("relay-2"), "relay-2 on then off");
                Assert.IsFalse(device.Lamp("led"), "led back off after its pulse");
                int relay2 = device.Board.FindOutput("relay-2").Pin, led = device.Board.FindOutput("led").Pin;
                // relay-2 is active-low: on = low. After boot: on (low), then off (high); when both
                // commands come in one read they are driven together and the pin only goes to off.
                var relay2History = device.Pins.History.Where(h => h.Pin == relay2).Select(h => h.High).ToArray();
                Assert.IsTrue(relay2History.SequenceEqual(new[] { true, false, true }) || relay2History.SequenceEqual(new[] { true, true }),
                    "initial off, then on and off: " + string.Join(",", relay2History));
                CollectionAssert.AreEqual(new[] { false, true, false }, device.Pins.History.Where(h => h.Pin == led).Select(h => h.High).ToArray(), "initial off, pulse on, off");

                (string Topic, string Payload, bool Retain)[] seen;
                lock (backend.Received) seen = backend.Received.ToArray();
                Assert.IsTrue(seen.Any(r => r.Topic == $"{device.Prefix}/status" && r.Payload.StartsWith("error: bad payload") && r.Payload.EndsWith("relay-1")), "bad payload reported: " + string.Join(" | ", seen.Select(r => r.Topic + "=" + r.Payload)));
                Assert.IsTrue(seen.Any(r => r.Topic == $"{device.Prefix}/status" && r.Payload == "error: unknown output"), "unknown output reported");

                await using var late = await Publisher.ConnectAsync(broker.Port, "late-subscriber");
                await late.SubscribeAsync($"{device.Prefix}/out/+/state");
                await Task.Delay(300);
                Dictionary<string, string> retained;
                lock (late.Received) retained = late.Received.Where(r => r.Retain).GroupBy(r => r.Topic).ToDictionary(g => g.Key, g => g.Last().Payload);
                Assert.AreEqual("on", retained[$"{device.Prefix}/out/relay-1/state"]);
                Assert.AreEqual("off", retained[$"{device.Prefix}/out/relay-2/state"]);
                Assert.AreEqual("off", retained[$"{device.Prefix}/out/led/state"]);
            }
            finally
            {
                try { Directory.Delete(data, true); } catch (IOException) { }
            }
        }

        [TestMethod]
        [DynamicData(nameof(BrokersAndVersions))]
        public Task AnOversizeCommandNeverBlocksTheSession(string brokerName, string version) =>
            OversizeNeverBlocks(brokerName, version, "relay-1", new string('x', 10240));

        [TestMethod]
        [DynamicData(nameof(BrokersAndVersions))]
        public Task ACommandOnATopicOverMaxPacketNeverBlocksTheSession(string brokerName, string version) =>
            OversizeNeverBlocks(brokerName, version, new string('n', 2000), "on");

        // Queued while the device is away: a command over max-packet 1024 (its payload, or its topic
        // alone), then a command that fits.
        private static async Task OversizeNeverBlocks(string brokerName, string version, string output, string payload)
        {
            if (brokerName == "mosquitto") MosquittoBroker.RequireInstalled();
            await using IBroker broker = brokerName == "mqttnet" ? new MqttNetBroker() : new MosquittoBroker(persistence: false);
            await broker.StartAsync();
            string data = Path.Combine(Path.GetTempPath(), "nanomqtt-big-" + Guid.NewGuid().ToString("N"));
            try
            {
                var config = Setup.Config(null, "127.0.0.1", broker.Port, false, null, null, null, "nanomqtt-big-" + version.Replace(".", ""), version);
                var device = new VirtualDevice(config, Setup.Board("esp32-devkitc"), data);
                device.SetLink(true);
                Assert.IsTrue(device.RunUntil(() => device.Driver.State == Link.LinkState.Online && device.Engine.State.HasFingerprint, 5000), device.Driver.LastError);
                device.SetLink(false);
                await using var backend = await Publisher.ConnectAsync(broker.Port);
                await backend.SubscribeAsync($"{device.Prefix}/status");
                await backend.PublishAsync($"{device.Prefix}/out/{output}/set", payload, 1);
                await backend.PublishAsync($"{device.Prefix}/out/relay-2/set", "on", 1);
                device.SetLink(true);
                Assert.IsTrue(device.RunUntil(() => device.Lamp("relay-2"), 5000), "the command behind the oversize one applied: " + device.Driver.LastError);
                // 5.0 lets the broker drop what the device announced it cannot take; 3.1.1 cannot announce it.
                bool brokerDrops = version == "5" && brokerName == "mosquitto";
                bool Reported()
                {
                    lock (backend.Received) return backend.Received.Any(r => r.Payload.StartsWith("error: message of ") && r.Payload.EndsWith(" over max-packet 1024"));
                }
                if (!brokerDrops) Assert.IsTrue(device.RunUntil(Reported, 3000), "the oversize message reported on status");
                device.RunUntil(() => false, 500);
                Assert.AreEqual(2, device.Driver.Sessions, "no reconnect after the first connection and the return");
                Assert.AreEqual(Link.LinkState.Online, device.Driver.State);
                Assert.IsFalse(device.Lamp("relay-1"), "nothing applied from the message the device never read");
            }
            finally
            {
                try { Directory.Delete(data, true); } catch (IOException) { }
            }
        }

        [TestMethod]
        public async Task ASecondDeviceOnTheSameJournalIsRefusedAndTheFirstCarriesOn()
        {
            await using var broker = new MqttNetBroker();
            await broker.StartAsync();
            string data = Path.Combine(Path.GetTempPath(), "nanomqtt-two-" + Guid.NewGuid().ToString("N"));
            try
            {
                var config = Setup.Config(null, "127.0.0.1", broker.Port, false, null, null, null, "nanomqtt-two", null);
                var first = new VirtualDevice(config, Setup.Board("esp32-devkitc"), data);
                first.SetLink(true);
                Assert.IsTrue(first.RunUntil(() => first.Driver.State == Link.LinkState.Online && first.Engine.State.HasFingerprint, 5000), first.Driver.LastError);
                var refused = Assert.ThrowsExactly<JournalInUseException>(() => new VirtualDevice(config, Setup.Board("esp32-devkitc"), data));
                StringAssert.Contains(refused.Message, "in use by another device (process " + Environment.ProcessId + ")");
                await using var backend = await Publisher.ConnectAsync(broker.Port);
                await backend.PublishAsync($"{first.Prefix}/out/relay-1/set", "on", 2);
                Assert.IsTrue(first.RunUntil(() => first.Lamp("relay-1"), 5000), "the first device still takes commands");
                first.PowerCut();
                Assert.IsTrue(first.Lamp("relay-1"), "and its journal is intact: restored at the power-on");
            }
            finally
            {
                try { Directory.Delete(data, true); } catch (IOException) { }
            }
        }
    }
}

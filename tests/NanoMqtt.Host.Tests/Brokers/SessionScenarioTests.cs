using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>The persistent-session promises against real brokers over TCP, for MQTT 3.1.1 and 5.0.</summary>
    [TestClass]
    public class SessionScenarioTests
    {
        public static IEnumerable<object[]> BrokersAndVersions()
        {
            foreach (var broker in new[] { "mqttnet", "mosquitto" })
                foreach (var version in new[] { 4, 5 })
                    yield return new object[] { broker, version };
        }

        private static async Task<IBroker> Start(string broker, bool persistence = true)
        {
            if (broker == "mosquitto") MosquittoBroker.RequireInstalled();
            IBroker b = broker == "mqttnet" ? new MqttNetBroker() : new MosquittoBroker(persistence);
            await b.StartAsync();
            return b;
        }

        private static int Count(TestDevice d, SessionEvent e) => d.Events.Count(x => x == e);

        [TestMethod]
        [DynamicData(nameof(BrokersAndVersions))]
        public async Task OfflineCommandsArriveOnResumeWithoutResubscribing(string brokerName, int version)
        {
            await using var broker = await Start(brokerName);
            using var device = new TestDevice((MqttVersion)version, broker.Port);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsFalse(device.LastSessionPresent, "first connection: a new session");
            device.Offline();
            await using (var backend = await Publisher.ConnectAsync(broker.Port))
            {
                await backend.PublishAsync(device.CommandTopic("relay"), "on", 1);
                await backend.PublishAsync(device.CommandTopic("relay"), "off", 1);
            }
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsTrue(device.RunUntil(() => device.Deliveries.Count >= 2, 5000), "both offline commands arrive");
            CollectionAssert.AreEqual(new[] { "on", "off" }, device.Deliveries.Take(2).ToArray());
            Assert.IsTrue(device.LastSessionPresent, "Session Present 1");
            Assert.AreEqual(1, Count(device, SessionEvent.Subscribed), "no SUBSCRIBE on the resumed session");
            if (broker is MqttNetBroker m) Assert.AreEqual(1, m.Subscribes);
        }

        [TestMethod]
        [DynamicData(nameof(BrokersAndVersions))]
        public async Task FixedClientIdResumesTheSessionAfterAReboot(string brokerName, int version)
        {
            await using var broker = await Start(brokerName);
            using var device = new TestDevice((MqttVersion)version, broker.Port);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.PowerCut();
            await using (var backend = await Publisher.ConnectAsync(broker.Port))
            {
                await backend.PublishAsync(device.CommandTopic("led"), "toggle", 2);
            }
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsTrue(device.RunUntil(() => device.Applied.Contains("toggle"), 5000));
            Assert.IsTrue(device.LastSessionPresent, "the same ClientId found its session after the reboot");
            Assert.AreEqual(1, device.Deliveries.Count(x => x == "toggle"), "QoS 2 applied once");
            // What a random ClientId per boot would do: a new, empty session every time.
            using var stranger = new TestDevice((MqttVersion)version, broker.Port, "nanomqtt-random-" + Guid.NewGuid().ToString("N")[..6]);
            Assert.IsTrue(stranger.Online(), stranger.Driver.LastError);
            Assert.IsFalse(stranger.LastSessionPresent);
        }

        [TestMethod]
        [DataRow(4)]
        [DataRow(5)]
        public async Task PowerCutWithAQoS2MessageInFlightAndABrokerRestart(int version)
        {
            MosquittoBroker.RequireInstalled();
            await using var broker = new MosquittoBroker(persistence: true);
            await broker.StartAsync();
            await using var proxy = new FaultProxy(broker.Port);
            using var device = new TestDevice((MqttVersion)version, proxy.Port);
            await using var backend = await Publisher.ConnectAsync(broker.Port);
            await backend.SubscribeAsync($"nanomqtt/{device.Session.ClientId}/in/#");
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            // The broker has the PUBLISH and answers PUBREC; the device never sees it, then loses power.
            proxy.CutBefore(FaultProxy.Direction.ToDevice, 5, proxy.Packets.Count(p => p.Direction == FaultProxy.Direction.ToDevice && p.Type == 5) + 1);
            device.Engine.Publish($"nanomqtt/{device.Session.ClientId}/in/meter", System.Text.Encoding.UTF8.GetBytes("kWh=42"), 2, false);
            Assert.IsTrue(device.RunUntil(() => proxy.CutFired, 5000));
            device.PowerCut();
            await broker.StopAsync();
            await broker.StartAsync();
            await using var watcher = await Publisher.ConnectAsync(broker.Port, "watcher");
            await watcher.SubscribeAsync($"nanomqtt/{device.Session.ClientId}/in/#");
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsTrue(device.LastSessionPresent, "Mosquitto kept the session through its restart");
            int Arrived()
            {
                int before, after;
                lock (backend.Received) before = backend.Received.Count(r => r.Payload == "kWh=42");
                lock (watcher.Received) after = watcher.Received.Count(r => r.Payload == "kWh=42");
                return before + after;
            }
            Assert.IsTrue(device.RunUntil(() => Arrived() >= 1, 10000), "QoS 2 reached the backend across the cut, the power loss and the broker restart");
            // A marker after it, at the same QoS: once the marker is there, a duplicate would be too.
            device.Engine.Publish($"nanomqtt/{device.Session.ClientId}/in/meter", System.Text.Encoding.UTF8.GetBytes("marker"), 2, false);
            Assert.IsTrue(device.RunUntil(() => { lock (watcher.Received) return watcher.Received.Any(r => r.Payload == "marker"); }, 10000), "the marker arrived");
            Assert.AreEqual(1, Arrived(), "exactly once");
        }

        [TestMethod]
        [DataRow("mosquitto")]
        public async Task ShortSessionExpiryElapsesWhileOffline(string brokerName)
        {
            await using var broker = await Start(brokerName);
            using var device = new TestDevice(MqttVersion.V500, broker.Port);
            device.Session.SessionExpirySeconds = 2;
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.Offline();
            await Task.Delay(3500);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsFalse(device.LastSessionPresent, "expired while offline");
            Assert.AreEqual(2, Count(device, SessionEvent.Subscribed));
        }

        [TestMethod]
        [DataRow(4)]
        [DataRow(5)]
        public async Task BrokerRestartWithPersistenceKeepsTheSessionAcrossDevicePowerLoss(int version)
        {
            MosquittoBroker.RequireInstalled();
            await using var broker = new MosquittoBroker(persistence: true);
            await broker.StartAsync();
            using var device = new TestDevice((MqttVersion)version, broker.Port);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.PowerCut();
            await using (var backend = await Publisher.ConnectAsync(broker.Port))
            {
                for (int i = 0; i < 5; i++) await backend.PublishAsync(device.CommandTopic("valve"), "cmd" + i, 2);
            }
            await broker.StopAsync();
            await broker.StartAsync();
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsTrue(device.RunUntil(() => device.Applied.Count >= 5, 5000), $"applied [{string.Join(",", device.Applied)}], session present {device.LastSessionPresent}, events [{string.Join(",", device.Events)}], {device.Driver.LastError}");
            Assert.IsTrue(device.LastSessionPresent);
            for (int i = 0; i < 5; i++) Assert.AreEqual(1, device.Deliveries.Count(x => x == "cmd" + i), "cmd" + i);
        }

        [TestMethod]
        [DataRow(4)]
        [DataRow(5)]
        public async Task BrokerWithoutPersistenceForgetsAndTheDeviceResubscribes(int version)
        {
            MosquittoBroker.RequireInstalled();
            await using var broker = new MosquittoBroker(persistence: false);
            await broker.StartAsync();
            using var device = new TestDevice((MqttVersion)version, broker.Port);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.Offline();
            await broker.StopAsync();
            await broker.StartAsync();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsFalse(device.LastSessionPresent, "the broker forgot the session");
            Assert.AreEqual(2, Count(device, SessionEvent.Subscribed), "subscribed again");
            await using (var backend = await Publisher.ConnectAsync(broker.Port))
                await backend.PublishAsync(device.CommandTopic("relay"), "after", 1);
            Assert.IsTrue(device.RunUntil(() => device.Deliveries.Contains("after"), 5000));
        }
    }
}

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
        [DataRow("mqttnet")]
        [DataRow("mosquitto")]
        public async Task SessionThatNeverExpiresIsKept(string brokerName)
        {
            await using var broker = await Start(brokerName);
            using var device = new TestDevice(MqttVersion.V500, broker.Port);
            device.Session.SessionExpirySeconds = 0xFFFFFFFF;
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.Offline();
            await Task.Delay(1500);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsTrue(device.LastSessionPresent);
            Assert.AreEqual(1, Count(device, SessionEvent.Subscribed));
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
            device.RunUntil(() => false, 200);
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
            // Wait for it (the broker forwards QoS 2 at PUBREL), then a little longer for a duplicate.
            Assert.IsTrue(device.RunUntil(() => Arrived() >= 1, 10000), "QoS 2 reached the backend across the cut, the power loss and the broker restart");
            device.RunUntil(() => false, 500);
            Assert.AreEqual(1, Arrived(), "exactly once");
        }

        [TestMethod]
        [DynamicData(nameof(BrokersAndVersions))]
        public async Task MessagesPublishedOfflineReachTheBackend(string brokerName, int version)
        {
            await using var broker = await Start(brokerName);
            using var device = new TestDevice((MqttVersion)version, broker.Port);
            await using var backend = await Publisher.ConnectAsync(broker.Port);
            await backend.SubscribeAsync($"nanomqtt/{device.Session.ClientId}/in/#");
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.Offline();
            for (int i = 0; i < 5; i++)
                Assert.AreEqual(PublishResult.Accepted, device.Engine.Publish($"nanomqtt/{device.Session.ClientId}/in/button", System.Text.Encoding.UTF8.GetBytes("press" + i), (byte)(1 + i % 2), false));
            device.PowerCut();
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            await backend.WaitAsync(r => r.Count(x => x.Topic.EndsWith("/in/button")) >= 5, 5000);
            string[] got;
            lock (backend.Received) got = backend.Received.Where(r => r.Topic.EndsWith("/in/button")).Select(r => r.Payload).ToArray();
            // Brokers forward QoS 2 at PUBREL and QoS 1 at once, so only the set (each once) is comparable.
            CollectionAssert.AreEquivalent(new[] { "press0", "press1", "press2", "press3", "press4" }, got, string.Join(",", got));
        }

        [TestMethod]
        [DataRow("mqttnet")]
        [DataRow("mosquitto")]
        public async Task SessionExpiryZeroMeansANewSessionEachTime(string brokerName)
        {
            await using var broker = await Start(brokerName);
            using var device = new TestDevice(MqttVersion.V500, broker.Port);
            device.Session.SessionExpirySeconds = 0;
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.Offline();
            await using (var backend = await Publisher.ConnectAsync(broker.Port))
                await backend.PublishAsync(device.CommandTopic("relay"), "lost", 1);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsFalse(device.LastSessionPresent);
            Assert.AreEqual(2, Count(device, SessionEvent.Subscribed), "the device subscribed again");
            device.RunUntil(() => false, 300);
            Assert.IsFalse(device.Deliveries.Contains("lost"));
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
        [DataRow("mqttnet", 4)]
        [DataRow("mqttnet", 5)]
        [DataRow("mosquitto", 4)]
        [DataRow("mosquitto", 5)]
        public async Task RetainedStatusSurvivesTheEndOfTheSession(string brokerName, int version)
        {
            await using var broker = await Start(brokerName);
            using var device = new TestDevice((MqttVersion)version, broker.Port);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.Driver.EndSession();
            Assert.IsTrue(device.RunUntil(() => device.Events.Contains(SessionEvent.SessionEnded), 5000), device.Driver.LastError);
            await using var watcher = await Publisher.ConnectAsync(broker.Port, "watcher");
            await watcher.SubscribeAsync(device.StatusTopic);
            await watcher.WaitAsync(r => r.Count > 0, 3000);
            lock (watcher.Received)
            {
                Assert.AreEqual(1, watcher.Received.Count);
                Assert.AreEqual("online", watcher.Received[0].Payload);
                Assert.IsTrue(watcher.Received[0].Retain);
            }
            // A new session starts from nothing: Session Present 0.
            using var again = new TestDevice((MqttVersion)version, broker.Port);
            Assert.IsTrue(again.Online(), again.Driver.LastError);
            Assert.IsFalse(again.LastSessionPresent);
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

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// The persistent-session scenarios against ejabberd, RabbitMQ and Aedes, with paho-mqtt and
    /// MQTT.js taking turns as the backend that commands the device and as an independent observer.
    /// </summary>
    [TestClass]
    public class InteropScenarioTests
    {
        /// <summary>Every broker × version, once with paho-mqtt as the backend (MQTT.js observing), once the other way round.</summary>
        public static IEnumerable<object[]> Matrix()
        {
            foreach (var (broker, version) in InteropBrokers.Matrix)
                foreach (var backend in Peers.Kinds)
                    yield return new object[] { broker, version, backend };
        }

        public static IEnumerable<object[]> MatrixV5() => Matrix().Where(row => (int)row[1] == 5);

        private static string Other(string peer) => peer == "paho" ? "mqttjs" : "paho";

        private static int Count(TestDevice d, SessionEvent e) => d.Events.Count(x => x == e);

        [TestMethod]
        [DynamicData(nameof(Matrix))]
        public async Task Walkthrough_OfflineCommandsArriveOnResumeWithoutResubscribing(string brokerName, int version, string backendKind)
        {
            var broker = await InteropBrokers.Get(brokerName);
            using var device = InteropBrokers.Device(broker, version);
            await using var observer = await Peers.ConnectAsync(Other(backendKind), broker, version, device.Session.ClientId + "-obs");
            await observer.SubscribeAsync($"nanomqtt/{device.Session.ClientId}/#");
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsFalse(device.LastSessionPresent, "first connection: a new session");
            device.Offline();
            await using (var backend = await Peers.ConnectAsync(backendKind, broker, version, device.Session.ClientId + "-backend"))
            {
                await backend.PublishAsync(device.CommandTopic("relay"), "on", 1);
                await backend.PublishAsync(device.CommandTopic("relay"), "off", 1);
            }
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsTrue(device.RunUntil(() => device.Deliveries.Count >= 2, 10000), $"both offline commands arrive: [{string.Join(",", device.Deliveries)}]");
            CollectionAssert.AreEqual(new[] { "on", "off" }, device.Deliveries.Take(2).ToArray());
            Assert.IsTrue(device.LastSessionPresent, "Session Present 1");
            Assert.AreEqual(1, Count(device, SessionEvent.Subscribed), "no SUBSCRIBE on the resumed session");
            Assert.IsTrue(device.RunUntil(() => Peers.CountOf(observer, "online") >= 2 && Peers.CountOf(observer, "off") >= 1, 10000),
                $"the observer saw both commands and the device's status at each connection: {string.Join(",", observer.Received.Select(x => x.Payload))}");
        }

        [TestMethod]
        [DynamicData(nameof(Matrix))]
        public async Task MessagesPublishedOfflineReachTheObserverAfterAPowerCut(string brokerName, int version, string observerKind)
        {
            var broker = await InteropBrokers.Get(brokerName);
            using var device = InteropBrokers.Device(broker, version);
            await using var observer = await Peers.ConnectAsync(observerKind, broker, version, device.Session.ClientId + "-obs");
            await observer.SubscribeAsync($"nanomqtt/{device.Session.ClientId}/in/#");
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.Offline();
            for (int i = 0; i < 6; i++)
                Assert.AreEqual(PublishResult.Accepted, device.Engine.Publish($"nanomqtt/{device.Session.ClientId}/in/button",
                    Encoding.UTF8.GetBytes("press" + i), (byte)(1 + i % 2), false));
            device.PowerCut();
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            var expected = Enumerable.Range(0, 6).Select(i => "press" + i).ToArray();
            Assert.IsTrue(device.RunUntil(() => expected.All(p => Peers.CountOf(observer, p) > 0), 10000),
                "every message arrived: " + string.Join(",", observer.Received.Select(x => x.Payload)));
            // Each once: the device sent each once (no reconnect happened), whatever QoS the broker kept.
            foreach (var p in expected) Assert.AreEqual(1, Peers.CountOf(observer, p), p);
        }

        [TestMethod]
        [DynamicData(nameof(Matrix))]
        public async Task RetainedStatusSurvivesTheEndOfTheSession(string brokerName, int version, string observerKind)
        {
            var broker = await InteropBrokers.Get(brokerName);
            using var device = InteropBrokers.Device(broker, version);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.Driver.EndSession();
            Assert.IsTrue(device.RunUntil(() => device.Events.Contains(SessionEvent.SessionEnded), 10000), device.Driver.LastError);
            await using var observer = await Peers.ConnectAsync(observerKind, broker, version, device.Session.ClientId + "-obs");
            await observer.SubscribeAsync(device.StatusTopic);
            Assert.IsTrue(await observer.WaitAsync(r => r.Count > 0, 10000), "the retained status arrives");
            lock (observer.Received)
            {
                Assert.AreEqual("online", observer.Received[0].Payload);
                Assert.IsTrue(observer.Received[0].Retain, "as a retained message");
            }
        }

        [TestMethod]
        [DynamicData(nameof(Matrix))]
        public async Task AnEndedSessionIsGoneAndWhatWasSentMeanwhileIsNotDelivered(string brokerName, int version, string backendKind)
        {
            var broker = await InteropBrokers.Get(brokerName);
            using var device = InteropBrokers.Device(broker, version);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.Driver.EndSession();
            Assert.IsTrue(device.RunUntil(() => device.Events.Contains(SessionEvent.SessionEnded), 10000), device.Driver.LastError);
            await using (var backend = await Peers.ConnectAsync(backendKind, broker, version, device.Session.ClientId + "-backend"))
                await backend.PublishAsync(device.CommandTopic("relay"), "while-ended", 1);
            using var again = InteropBrokers.Device(broker, version, clientId: device.Session.ClientId);
            Assert.IsTrue(again.Online(), again.Driver.LastError);
            Assert.IsFalse(again.LastSessionPresent, "a new session: Session Present 0");
            Assert.AreEqual(1, Count(again, SessionEvent.Subscribed), "it subscribed afresh");
            // The command was published with no session to queue it: proof that it never comes is
            // a later command arriving alone (both are QoS 1 on one subscription, so order holds).
            await using (var backend = await Peers.ConnectAsync(backendKind, broker, version, device.Session.ClientId + "-backend2"))
                await backend.PublishAsync(again.CommandTopic("relay"), "after", 1);
            Assert.IsTrue(again.RunUntil(() => again.Deliveries.Contains("after"), 10000), "the new session receives");
            CollectionAssert.AreEqual(new[] { "after" }, again.Deliveries.ToArray());
        }

        [TestMethod]
        [DynamicData(nameof(MatrixV5))]
        public async Task SessionExpiryZeroMeansANewSessionEachTime(string brokerName, int version, string backendKind)
        {
            var broker = await InteropBrokers.Get(brokerName);
            using var device = InteropBrokers.Device(broker, version);
            device.Session.SessionExpirySeconds = 0;
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.Offline();
            await using (var backend = await Peers.ConnectAsync(backendKind, broker, version, device.Session.ClientId + "-backend"))
                await backend.PublishAsync(device.CommandTopic("relay"), "lost", 1);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsFalse(device.LastSessionPresent);
            Assert.AreEqual(2, Count(device, SessionEvent.Subscribed), "the device subscribed again");
            await using (var backend = await Peers.ConnectAsync(backendKind, broker, version, device.Session.ClientId + "-backend2"))
                await backend.PublishAsync(device.CommandTopic("relay"), "after", 1);
            Assert.IsTrue(device.RunUntil(() => device.Deliveries.Contains("after"), 10000));
            Assert.IsFalse(device.Deliveries.Contains("lost"), "published while no session existed");
        }

        [TestMethod]
        [DynamicData(nameof(MatrixV5))]
        public async Task SessionThatNeverExpiresIsKeptUpToTheBrokersLimit(string brokerName, int version, string backendKind)
        {
            var broker = await InteropBrokers.Get(brokerName);
            using var device = InteropBrokers.Device(broker, version);
            device.Session.SessionExpirySeconds = 0xFFFFFFFF;
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.Offline();
            await using (var backend = await Peers.ConnectAsync(backendKind, broker, version, device.Session.ClientId + "-backend"))
                await backend.PublishAsync(device.CommandTopic("relay"), "kept", 1);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsTrue(device.LastSessionPresent);
            Assert.IsTrue(device.RunUntil(() => device.Deliveries.Contains("kept"), 10000));
            Assert.AreEqual(1, Count(device, SessionEvent.Subscribed));
        }
    }
}

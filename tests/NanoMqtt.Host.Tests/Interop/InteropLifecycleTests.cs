using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Session;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// What each broker keeps over time and over its own restart: short and clamped session
    /// expiry, and sessions across a broker restart (kept where the broker persists them).
    /// </summary>
    [TestClass]
    public class InteropLifecycleTests
    {
        [AssemblyCleanup]
        public static async Task StopSharedBrokers() => await InteropBrokers.StopShared();

        private static int Count(TestDevice d, SessionEvent e) => d.Events.Count(x => x == e);

        [TestMethod]
        [DataRow("ejabberd", "paho")]
        [DataRow("ejabberd", "mqttjs")]
        public async Task ShortSessionExpiryElapsesWhileOffline(string brokerName, string backendKind)
        {
            var broker = await InteropBrokers.Get(brokerName);
            using var device = InteropBrokers.Device(broker, 5);
            device.Session.SessionExpirySeconds = 2;
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.Offline();
            await using (var backend = await Peers.ConnectAsync(backendKind, broker, 5, device.Session.ClientId + "-backend"))
                await backend.PublishAsync(device.CommandTopic("relay"), "expired", 1);
            // Two seconds of expiry, then one more: the wait is what is being tested.
            await Task.Delay(3000);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsFalse(device.LastSessionPresent, "expired while offline");
            Assert.AreEqual(2, Count(device, SessionEvent.Subscribed), "subscribed again");
            Assert.IsFalse(device.RunUntil(() => device.Deliveries.Count > 0, 1000), "the queued command went with the session");
        }

        /// <summary>
        /// ejabberd's mod_mqtt session_expiry caps what a client asks for. It says so in CONNACK (a
        /// Session Expiry Interval property), so the device knows how long it may stay away.
        /// </summary>
        [TestMethod]
        public async Task TheBrokersSessionExpiryLimitIsTheOneTheDeviceReports()
        {
            await using var broker = new EjabberdBroker(sessionExpirySeconds: 2);
            broker.RequireInstalled();
            await broker.StartAsync();
            using var device = InteropBrokers.Device(broker, 5);
            Assert.AreEqual(86400u, device.Session.SessionExpirySeconds, "the device asks for a day");
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.AreEqual(2u, device.Engine.GrantedSessionExpiry, "the broker granted 2 s and the engine took it");
            device.Offline();
            await Task.Delay(3000);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsFalse(device.LastSessionPresent, "the broker's limit, not the device's wish, decided");
            Assert.AreEqual(2, Count(device, SessionEvent.Subscribed));
        }

        /// <summary>What each broker does with a Clean Session 0 session when it restarts.</summary>
        public static IEnumerable<object[]> Restarts()
        {
            // RabbitMQ: a durable queue in its database; Aedes + Redis: in Redis, which outlives Aedes.
            yield return new object[] { "rabbitmq", 4, "paho", true };
            yield return new object[] { "aedes-redis", 4, "mqttjs", true };
            // ejabberd 23.01 keeps mod_mqtt sessions in RAM tables; Aedes alone keeps them in its memory.
            yield return new object[] { "ejabberd", 5, "mqttjs", false };
            yield return new object[] { "ejabberd", 4, "paho", false };
            yield return new object[] { "aedes", 4, "paho", false };
        }

        [TestMethod]
        [DynamicData(nameof(Restarts))]
        public async Task BrokerRestartWhileTheDeviceIsOff(string brokerName, int version, string backendKind, bool keeps)
        {
            await using var broker = await InteropBrokers.StartOwn(brokerName);
            using var device = InteropBrokers.Device(broker, version);
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            // What the link driver does LazyCommitMs after going online: the SUBACK's fingerprint is on flash.
            Assert.IsTrue(device.Engine.CommitPending());
            device.PowerCut();
            await using (var backend = await Peers.ConnectAsync(backendKind, broker, version, device.Session.ClientId + "-backend"))
            {
                for (int i = 0; i < 3; i++) await backend.PublishAsync(device.CommandTopic("valve"), "cmd" + i, 1);
            }
            await broker.StopAsync();
            await broker.StartAsync();
            device.PowerOn();
            Assert.IsTrue(device.Online(30000), device.Driver.LastError);
            Assert.AreEqual(keeps, device.LastSessionPresent, "Session Present after the broker's restart");
            if (keeps)
            {
                Assert.IsTrue(device.RunUntil(() => device.Deliveries.Count >= 3, 10000), "queued commands survived: " + string.Join(",", device.Deliveries));
                CollectionAssert.AreEqual(new[] { "cmd0", "cmd1", "cmd2" }, device.Deliveries.Take(3).ToArray());
                Assert.AreEqual(1, Count(device, SessionEvent.Subscribed), "no SUBSCRIBE: the broker kept it");
                return;
            }
            Assert.AreEqual(2, Count(device, SessionEvent.Subscribed), "the device subscribed again");
            await using (var backend = await Peers.ConnectAsync(backendKind, broker, version, device.Session.ClientId + "-backend2"))
                await backend.PublishAsync(device.CommandTopic("valve"), "after", 1);
            Assert.IsTrue(device.RunUntil(() => device.Deliveries.Contains("after"), 10000), "the renewed subscription works");
            Assert.IsFalse(device.Deliveries.Any(d => d.StartsWith("cmd")), "the broker lost them with the session");
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Client;
using NanoMqtt.Host.Tests.Brokers;
using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Host.Tests.Client
{
    /// <summary>The app-facing client against real brokers: what the README's sample relies on.</summary>
    [TestClass]
    public class ClientScenarioTests
    {
        public static IEnumerable<object[]> BrokersAndVersions()
        {
            foreach (var broker in new[] { "mqttnet", "mosquitto" })
                foreach (var version in new[] { 4, 5 })
                    yield return new object[] { broker, version };
        }

        private static async Task<IBroker> Start(string broker)
        {
            if (broker == "mosquitto") MosquittoBroker.RequireInstalled();
            IBroker b = broker == "mqttnet" ? new MqttNetBroker() : new MosquittoBroker(true);
            await b.StartAsync();
            return b;
        }

        private static MqttSessionClient NewClient(int version, int port, MemoryFileStore flash, string clientId)
        {
            var session = new SessionConfig
            {
                Version = (MqttVersion)version,
                ClientId = clientId,
                Subscriptions = new[] { clientId + "/cmd/#" },
                SubscriptionOptions = new byte[] { 1 },
            };
            var link = new LinkConfig { Host = "127.0.0.1", Port = port, BackoffBaseMs = 50, BackoffCapMs = 400, ReadTimeoutMs = 5 };
            return new MqttSessionClient(session, link, flash, new TcpTransport(2000), new SystemClock(), new SystemRandom());
        }

        private static bool PollUntil(MqttSessionClient c, Func<bool> done, int timeoutMs)
        {
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < timeoutMs)
            {
                c.Poll();
                if (done()) return true;
            }
            return false;
        }

        [TestMethod]
        [DynamicData(nameof(BrokersAndVersions))]
        public async Task PublishReceiveDisconnectAndResume(string brokerName, int version)
        {
            await using var broker = await Start(brokerName);
            string id = "client-" + Guid.NewGuid().ToString("N")[..8];
            var flash = new MemoryFileStore();
            var received = new List<string>();
            var client = NewClient(version, broker.Port, flash, id);
            client.MessageReceived += (sender, m) => received.Add(m.Payload.ToString());
            await using var backend = await Publisher.ConnectAsync(broker.Port);
            await backend.SubscribeAsync(id + "/data");

            client.Connect();
            Assert.IsTrue(PollUntil(client, () => client.IsConnected && client.Engine.State.HasFingerprint, 5000), client.Link.LastError);
            Assert.IsFalse(client.SessionPresent);
            Assert.AreEqual(PublishResult.Sent, client.Publish(id + "/data", new byte[] { 0x30 }, 0, false));
            Assert.AreEqual(PublishResult.Accepted, client.Publish(id + "/data", new byte[] { 0x31 }, 1, false));
            Assert.AreEqual(PublishResult.Accepted, client.Publish(id + "/data", new byte[] { 0x32 }, 2, false));
            Assert.IsTrue(PollUntil(client, () => backend.Received.Count >= 3 && client.Engine.State.Inflight.Count == 0, 5000), "all three reach the backend");

            client.Disconnect();
            Assert.IsTrue(PollUntil(client, () => !client.IsConnected, 2000));
            await backend.PublishAsync(id + "/cmd/x", "while-away", 1);
            Assert.AreEqual(PublishResult.NotConnected, client.Publish(id + "/data", new byte[] { 0x33 }, 0, false));
            Assert.AreEqual(PublishResult.Accepted, client.Publish(id + "/data", new byte[] { 0x34 }, 1, false));

            client.Connect();
            Assert.IsTrue(PollUntil(client, () => received.Contains("while-away") && backend.Received.Any(r => r.Payload == "4"), 5000),
                "the command sent while away arrives, the message accepted while away goes out");
            Assert.IsTrue(client.SessionPresent, "the clean DISCONNECT kept the session");
            CollectionAssert.AreEqual(new[] { "0", "1", "2", "4" }, backend.Received.Select(r => r.Payload).ToArray());
        }

        [TestMethod]
        [DynamicData(nameof(BrokersAndVersions))]
        public async Task SubscribeAndUnsubscribeAtRunTime(string brokerName, int version)
        {
            await using var broker = await Start(brokerName);
            string id = "client-" + Guid.NewGuid().ToString("N")[..8];
            var received = new List<string>();
            var client = NewClient(version, broker.Port, new MemoryFileStore(), id);
            client.MessageReceived += (sender, m) => received.Add(m.Topic.ToString() + "=" + m.Payload.ToString());
            client.Connect();
            Assert.IsTrue(PollUntil(client, () => client.IsConnected && client.Engine.State.HasFingerprint, 5000), client.Link.LastError);
            uint before = client.Engine.State.Fingerprint;
            Assert.AreEqual(SubscriptionResult.Accepted, client.Subscribe(id + "/news", 1));
            Assert.IsTrue(PollUntil(client, () => client.Engine.State.Fingerprint != before, 5000), "SUBACK recorded");
            await using var backend = await Publisher.ConnectAsync(broker.Port);
            await backend.PublishAsync(id + "/news", "first", 1);
            Assert.IsTrue(PollUntil(client, () => received.Contains(id + "/news=first"), 5000), "the new subscription delivers");
            int events = 0;
            client.EventRaised += (sender, e, arg) => { if (e == SessionEvent.Unsubscribed) events++; };
            Assert.AreEqual(SubscriptionResult.Accepted, client.Unsubscribe(id + "/news"));
            Assert.IsTrue(PollUntil(client, () => events == 1, 5000), "UNSUBACK");
            await backend.PublishAsync(id + "/news", "second", 1);
            await backend.PublishAsync(id + "/cmd/x", "marker", 1);
            Assert.IsTrue(PollUntil(client, () => received.Contains(id + "/cmd/x=marker"), 5000));
            Assert.IsFalse(received.Contains(id + "/news=second"), "nothing after UNSUBSCRIBE");
        }
    }
}

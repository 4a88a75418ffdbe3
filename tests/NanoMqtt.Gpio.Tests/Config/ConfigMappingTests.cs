using nanoFramework.TestFramework;
using NanoMqtt.Config;
using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Tests.Config
{
    /// <summary>A parsed configuration fills the session engine's and the link driver's configuration.</summary>
    [TestClass]
    public class ConfigMappingTests
    {
        [TestMethod]
        public void FillsSessionAndLinkConfig()
        {
            DeviceConfig c = ConfigSamples.Valid(
                "broker.host = broker.local\nbroker.tls = true\nbroker.user = u\nbroker.password = " + ConfigSamples.Secret
                + "\nmqtt.keep-alive = 45\nmqtt.session-expiry = never\ntopic.prefix = site/dev1\nmax-packet = 2048"
                + "\ninflight = 4\nincoming-qos2 = 8\noutbox.messages = 10\noutbox.bytes = 4096\noutbox.policy = drop-newest\njournal.bytes = 32768\n");
            SessionConfig session = new SessionConfig();
            LinkConfig link = new LinkConfig();
            c.ApplyTo(session, link);
            Assert.AreEqual((int)MqttVersion.V500, (int)session.Version);
            Assert.AreEqual(ConfigSamples.MacClientId, session.ClientId);
            Assert.AreEqual((ushort)45, session.KeepAliveSeconds);
            Assert.AreEqual(0xFFFFFFFFu, session.SessionExpirySeconds);
            Assert.AreEqual("u", session.UserName);
            Assert.AreEqual(ConfigSamples.Secret, session.Password);
            Assert.AreEqual("site/dev1/status", session.WillTopic);
            Assert.AreEqual(2048, session.MaxPacketSize);
            Assert.AreEqual(4, session.InflightCapacity);
            Assert.AreEqual(8, session.IncomingQoS2Capacity);
            Assert.AreEqual(10, session.OutboxMessages);
            Assert.AreEqual(4096, session.OutboxBytes);
            Assert.AreEqual((int)OutboxPolicy.DropNewest, (int)session.OutboxPolicy);
            Assert.AreEqual(32768, session.JournalBytes);
            Assert.AreEqual("broker.local", link.Host);
            Assert.AreEqual(8883, link.Port);
            Assert.IsTrue(link.Tls);
            Assert.AreEqual("site/dev1/status", session.WillTopic);
        }

        [TestMethod]
        public void SubscribesToCommandsAtQoS2()
        {
            SessionConfig session = new SessionConfig();
            ConfigSamples.Valid("broker.host = h\n").ApplyTo(session, new LinkConfig());
            Assert.AreEqual(1, session.Subscriptions.Length);
            Assert.AreEqual("nanomqtt/" + ConfigSamples.MacClientId + "/out/+/set", session.Subscriptions[0]);
            Assert.AreEqual(1, session.SubscriptionOptions.Length);
            Assert.AreEqual((byte)2, session.SubscriptionOptions[0]);
            Assert.IsNull(session.UserName);
            Assert.IsNull(session.Password);
        }

        [TestMethod]
        public void ABrokerWithoutQoS2GetsACommandSubscriptionAtQoS1()
        {
            SessionConfig session = new SessionConfig();
            DeviceConfig c = ConfigSamples.Valid("broker.host = h\ncommands.qos = 1\n");
            c.ApplyTo(session, new LinkConfig());
            Assert.AreEqual((byte)1, session.SubscriptionOptions[0]);
            Assert.Contains("commands.qos = 1", c.ToString());
        }

        [TestMethod]
        [DataRow("0")]
        [DataRow("3")]
        [DataRow("one")]
        public void CommandsQoSIsOneOrTwo(string value)
        {
            ConfigErrors e = ConfigSamples.Refused("broker.host = h\ncommands.qos = " + value + "\n", 1);
            Assert.AreEqual("line 2: commands.qos: expected 1 or 2, not '" + value + "' (QoS 0 would lose the commands sent while the device is offline)", e[0]);
        }

        [TestMethod]
        public void Version311IsCarriedOver()
        {
            SessionConfig session = new SessionConfig();
            LinkConfig link = new LinkConfig();
            ConfigSamples.Valid("broker.host = h\nmqtt.version = 3.1.1\nbroker.port = 1884\n").ApplyTo(session, link);
            Assert.AreEqual((int)MqttVersion.V311, (int)session.Version);
            Assert.AreEqual(1884, link.Port);
            Assert.IsFalse(link.Tls);
        }

        [TestMethod]
        public void SettingsTheFileDoesNotHaveAreLeftAlone()
        {
            SessionConfig session = new SessionConfig();
            session.JournalName = "custom.journal";
            LinkConfig link = new LinkConfig();
            link.ConnAckTimeoutMs = 1234;
            ConfigSamples.Valid("broker.host = h\n").ApplyTo(session, link);
            Assert.AreEqual("custom.journal", session.JournalName);
            Assert.AreEqual("offline", session.WillPayload);
            Assert.AreEqual(1234, link.ConnAckTimeoutMs);
        }
    }
}

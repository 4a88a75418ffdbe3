using nanoFramework.TestFramework;
using NanoMqtt.Config;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Tests.Config
{
    /// <summary>The device configuration: defaults, every key, the MAC-derived client id, 'never' expiry.</summary>
    [TestClass]
    public class DeviceConfigTests
    {
        [TestMethod]
        public void OnlyTheBrokerHostIsNeeded()
        {
            DeviceConfig c = ConfigSamples.Valid("broker.host = broker.example.com\n");
            Assert.AreEqual("broker.example.com", c.BrokerHost);
            Assert.AreEqual(1883, c.BrokerPort);
            Assert.IsFalse(c.BrokerTls);
            Assert.IsNull(c.BrokerCaFile);
            Assert.IsNull(c.BrokerUser);
            Assert.IsNull(c.BrokerPassword);
            Assert.AreEqual(ConfigSamples.MacClientId, c.ClientId);
            Assert.AreEqual((int)MqttVersion.V500, (int)c.Version);
            Assert.AreEqual((ushort)60, c.KeepAliveSeconds);
            Assert.AreEqual(86400u, c.SessionExpirySeconds);
            Assert.AreEqual("nanomqtt/" + ConfigSamples.MacClientId, c.TopicPrefix);
            Assert.AreEqual("esp32-devkitc", c.Board);
            Assert.AreEqual(1024, c.MaxPacketSize);
            Assert.AreEqual(16, c.Inflight);
            Assert.AreEqual(32, c.IncomingQoS2);
            Assert.AreEqual(64, c.OutboxMessages);
            Assert.AreEqual(16384, c.OutboxBytes);
            Assert.AreEqual((int)OutboxPolicy.DropOldest, (int)c.OutboxPolicy);
            Assert.AreEqual(65536, c.JournalBytes);
            Assert.IsNull(c.WifiSsid, "the credentials nanoff stored are used");
            Assert.IsNull(c.WifiPassword);
        }

        [TestMethod]
        public void EveryKeyIsRead()
        {
            DeviceConfig c = ConfigSamples.Valid(
                "# NanoMqtt\n"
                + "broker.host = mqtt.example.org\n"
                + "broker.port = 18883\n"
                + "broker.tls = true\n"
                + "broker.ca-file = I:\\ca.pem\n"
                + "broker.user = device-7\n"
                + "broker.password = " + ConfigSamples.Secret + "\n"
                + "client-id = pump-station.7\n"
                + "mqtt.version = 3.1.1\n"
                + "mqtt.keep-alive = 0\n"
                + "mqtt.session-expiry = 3600\n"
                + "topic.prefix = plant/pumps/7\n"
                + "board = m5stack-atom-lite\n"
                + "max-packet = 4096\n"
                + "inflight = 8\n"
                + "incoming-qos2 = 10\n"
                + "outbox.messages = 100\n"
                + "outbox.bytes = 32768\n"
                + "outbox.policy = replace-same-topic\n"
                + "journal.bytes = 131072\n"
                + "wifi.ssid = Plant WLAN\n"
                + "wifi.password = correct horse battery\n");
            Assert.AreEqual("mqtt.example.org", c.BrokerHost);
            Assert.AreEqual(18883, c.BrokerPort);
            Assert.IsTrue(c.BrokerTls);
            Assert.AreEqual("I:\\ca.pem", c.BrokerCaFile);
            Assert.AreEqual("device-7", c.BrokerUser);
            Assert.AreEqual(ConfigSamples.Secret, c.BrokerPassword);
            Assert.AreEqual("pump-station.7", c.ClientId);
            Assert.AreEqual((int)MqttVersion.V311, (int)c.Version);
            Assert.AreEqual((ushort)0, c.KeepAliveSeconds);
            Assert.AreEqual(3600u, c.SessionExpirySeconds);
            Assert.AreEqual("plant/pumps/7", c.TopicPrefix);
            Assert.AreEqual("m5stack-atom-lite", c.Board);
            Assert.AreEqual(4096, c.MaxPacketSize);
            Assert.AreEqual(8, c.Inflight);
            Assert.AreEqual(10, c.IncomingQoS2);
            Assert.AreEqual(100, c.OutboxMessages);
            Assert.AreEqual(32768, c.OutboxBytes);
            Assert.AreEqual((int)OutboxPolicy.ReplaceSameTopic, (int)c.OutboxPolicy);
            Assert.AreEqual(131072, c.JournalBytes);
            Assert.AreEqual("Plant WLAN", c.WifiSsid);
            Assert.AreEqual("correct horse battery", c.WifiPassword);
        }

        [TestMethod]
        public void ClientIdComesFromTheMacAndNeverChanges()
        {
            Assert.AreEqual(ConfigSamples.MacClientId, DeviceConfigParser.DefaultClientId(ConfigSamples.Mac));
            DeviceConfig first = ConfigSamples.Valid("broker.host = h\n");
            DeviceConfig second = ConfigSamples.Valid("broker.host = h\n");
            Assert.AreEqual(first.ClientId, second.ClientId);
            byte[] other = new byte[] { 0, 1, 2, 3, 4, 5 };
            Assert.AreEqual("nanomqtt-000102030405", DeviceConfigParser.Parse("broker.host = h", other).Config.ClientId);
        }

        [TestMethod]
        public void MacMustBeSixBytes()
        {
            Assert.ThrowsException(typeof(System.ArgumentException), () => DeviceConfigParser.Parse("broker.host = h", new byte[4]));
            Assert.ThrowsException(typeof(System.ArgumentException), () => DeviceConfigParser.Parse("broker.host = h", null));
        }

        [TestMethod]
        public void TopicPrefixDefaultFollowsAGivenClientId()
        {
            DeviceConfig c = ConfigSamples.Valid("client-id = boiler\nbroker.host = h\n");
            Assert.AreEqual("nanomqtt/boiler", c.TopicPrefix);
            Assert.AreEqual("nanomqtt/boiler/status", c.StatusTopic);
            Assert.AreEqual("nanomqtt/boiler/out/+/set", c.CommandFilter);
        }

        [TestMethod]
        public void TopicPrefixWithAnEmojiReachesTheTopicsAsUtf8()
        {
            DeviceConfig c = ConfigSamples.Valid("broker.host = h\ntopic.prefix = home/\U0001F321\n");
            Assert.AreEqual("home/\U0001F321", c.TopicPrefix);
            Assert.AreEqual("home/\U0001F321/status", c.StatusTopic);
            NanoMqtt.Commands.CommandError error;
            NanoMqtt.Commands.CommandTopic topics = new NanoMqtt.Commands.CommandTopic(c.TopicPrefix, new string[] { "relay" });
            Assert.AreEqual(0, topics.Match(Slice.Of(NanoMqtt.Tests.Support.Hex.Parse("68 6F 6D 65 2F F0 9F 8C A1 2F 6F 75 74 2F 72 65 6C 61 79 2F 73 65 74")), out error));
        }

        [TestMethod]
        [DataRow("broker.tls = true", 8883)]
        [DataRow("broker.tls = TRUE\nbroker.port = 443", 443)]
        [DataRow("broker.tls = false", 1883)]
        public void TlsChangesTheDefaultPort(string lines, int port)
        {
            Assert.AreEqual(port, ConfigSamples.Valid("broker.host = h\n" + lines).BrokerPort);
        }

        [TestMethod]
        [DataRow("3.1.1", 4)]
        [DataRow("5", 5)]
        [DataRow("5.0", 5)]
        public void VersionSpellings(string value, int version)
        {
            Assert.AreEqual(version, (int)ConfigSamples.Valid("broker.host = h\nmqtt.version = " + value).Version);
        }

        [TestMethod]
        [DataRow("never")]
        [DataRow("Never")]
        [DataRow("4294967295")]
        public void SessionExpiryNeverIsAllOnes(string value)
        {
            DeviceConfig c = ConfigSamples.Valid("broker.host = h\nmqtt.session-expiry = " + value);
            Assert.AreEqual(0xFFFFFFFFu, c.SessionExpirySeconds);
            Assert.Contains("mqtt.session-expiry = never", c.ToString());
        }

        [TestMethod]
        [DataRow("drop-oldest", 0)]
        [DataRow("drop-newest", 1)]
        [DataRow("replace-same-topic", 2)]
        public void OutboxPolicies(string value, int policy)
        {
            Assert.AreEqual(policy, (int)ConfigSamples.Valid("broker.host = h\noutbox.policy = " + value).OutboxPolicy);
        }

        [TestMethod]
        public void KeysIgnoreCaseAndLinesMayBeCrlfCommentedOrBlank()
        {
            DeviceConfig c = ConfigSamples.Valid("\r\n  # comment = ignored\r\nBroker.Host=h\r\n\r\n   MQTT.Keep-Alive   =   30   \r\n");
            Assert.AreEqual("h", c.BrokerHost);
            Assert.AreEqual((ushort)30, c.KeepAliveSeconds);
        }

        [TestMethod]
        public void ValueKeepsHashAndEqualsSigns()
        {
            DeviceConfig c = ConfigSamples.Valid("broker.host = h\nbroker.user = u\nbroker.password = a#b=c\n");
            Assert.AreEqual("a#b=c", c.BrokerPassword);
        }

        [TestMethod]
        public void ClientIdMayHaveSixtyFourCharacters()
        {
            string id = "";
            for (int i = 0; i < 64; i++) id += "abcdefgh"[i % 8];
            Assert.AreEqual(id, ConfigSamples.Valid("broker.host = h\nclient-id = " + id).ClientId);
            ConfigErrors e = ConfigSamples.Refused("broker.host = h\nclient-id = " + id + "x", 1);
            Assert.StartsWith("line 2: client-id: 'abcdefghabcdefghabcdefghabcde...': use 1-64 characters", e[0]);
        }

        [TestMethod]
        public void ToStringListsEverySettingWithoutPasswords()
        {
            DeviceConfig c = ConfigSamples.Valid("broker.host = h\nbroker.user = u\nbroker.password = " + ConfigSamples.Secret + "\nwifi.ssid = net\nwifi.password = " + ConfigSamples.Secret + "x\n");
            string text = c.ToString();
            Assert.DoesNotContains(ConfigSamples.Secret, text);
            Assert.Contains("broker.password = (set)", text);
            Assert.Contains("wifi.password = (set)", text);
            Assert.Contains("client-id = " + ConfigSamples.MacClientId, text);
            Assert.Contains("mqtt.version = 5.0", text);
            Assert.Contains("outbox.policy = drop-oldest", text);
            Assert.Contains("broker.ca-file = (none)", text);
        }
    }
}

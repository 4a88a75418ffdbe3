using nanoFramework.TestFramework;
using NanoMqtt.Config;

namespace NanoMqtt.Tests.Config
{
    /// <summary>
    /// Bad configuration: one message per problem with its line, all problems collected, and no
    /// password in any message, whatever shape the password line has.
    /// </summary>
    [TestClass]
    public class DeviceConfigErrorTests
    {
        [TestMethod]
        public void MissingBrokerHostIsOneMessageWithoutALine()
        {
            ConfigErrors e = ConfigSamples.Refused("# empty\n", 1);
            Assert.AreEqual("broker.host is required (for example: broker.host = broker.example.com)", e[0]);
            Assert.AreEqual(0, e.LineOf(0));
            Assert.AreEqual(1, ConfigSamples.Refused(null, 1).Count);
        }

        [TestMethod]
        public void UnknownKeyNamesItsLine()
        {
            ConfigErrors e = ConfigSamples.Refused("broker.host = h\n\nbroker.hots = h2\n", 1);
            Assert.AreEqual("line 3: unknown key 'broker.hots'", e[0]);
        }

        [TestMethod]
        [DataRow("just some words")]
        [DataRow("= value")]
        [DataRow("two words = value")]
        public void MalformedLineNamesItsLine(string line)
        {
            ConfigErrors e = ConfigSamples.Refused("broker.host = h\n" + line + "\n", 1);
            Assert.StartsWith("line 2: expected 'key = value'", e[0]);
        }

        [TestMethod]
        [DataRow("broker.host = mqtt://example.com", "broker.host: give the host name only, without a scheme like mqtt://")]
        [DataRow("broker.host = example.com:1883", "broker.host: give the port in broker.port, not after ':'")]
        [DataRow("broker.port = 0", "broker.port: '0' is not a port (1-65535)")]
        [DataRow("broker.port = 65536", "broker.port: '65536' is not a port (1-65535)")]
        [DataRow("broker.tls = yes", "broker.tls: expected true or false, not 'yes'")]
        [DataRow("client-id = my device", "client-id: 'my device': use 1-64 characters of A-Z, a-z, 0-9, '-', '_', '.'")]
        [DataRow("mqtt.version = 4", "mqtt.version: expected 3.1.1 or 5.0, not '4'")]
        [DataRow("mqtt.keep-alive = 65536", "mqtt.keep-alive: '65536' is not a number of seconds (0-65535; 0 turns keep-alive off)")]
        [DataRow("mqtt.session-expiry = 0", "mqtt.session-expiry: 0 would end the session at every disconnect; give 1-4294967295 seconds or never")]
        [DataRow("mqtt.session-expiry = -1", "mqtt.session-expiry: '-1' is not a number of seconds (1-4294967295) or never")]
        [DataRow("topic.prefix = home/+/x", "topic.prefix: 'home/+/x' contains a wildcard ('+' or '#')")]
        [DataRow("topic.prefix = home/#", "topic.prefix: 'home/#' contains a wildcard ('+' or '#')")]
        [DataRow("topic.prefix = home/", "topic.prefix: 'home/' ends with '/'")]
        [DataRow("topic.prefix = $SYS/x", "topic.prefix: '$SYS/x' starts with '$', which brokers reserve")]
        [DataRow("board = ESP32 DevKitC", "board: 'ESP32 DevKitC' is not a board name (a-z, 0-9, '-', '_')")]
        [DataRow("max-packet = 127", "max-packet: '127' is not a number in 128-65535")]
        [DataRow("inflight = 65", "inflight: '65' is not a number in 1-64")]
        [DataRow("incoming-qos2 = 0", "incoming-qos2: '0' is not a number in 1-128")]
        [DataRow("outbox.messages = lots", "outbox.messages: 'lots' is not a number in 1-1024")]
        [DataRow("outbox.policy = keep-all", "outbox.policy: expected drop-oldest, drop-newest or replace-same-topic, not 'keep-all'")]
        [DataRow("broker.user =", "broker.user: no value after '='")]
        public void BadValueIsOneMessageOnItsLine(string line, string message)
        {
            bool host = line.StartsWith("broker.host");
            ConfigErrors e = ConfigSamples.Refused((host ? "" : "broker.host = h\n") + line + "\n", 1);
            Assert.AreEqual((host ? "line 1: " : "line 2: ") + message, e[0]);
        }

        [TestMethod]
        public void KeyGivenTwiceIsRefused()
        {
            ConfigErrors e = ConfigSamples.Refused("broker.host = a\nbroker.port = 1\nBROKER.HOST = b\n", 1);
            Assert.AreEqual("line 3: broker.host is given twice (first on line 1)", e[0]);
        }

        [TestMethod]
        public void EveryProblemIsReportedInLineOrder()
        {
            ConfigErrors e = ConfigSamples.Refused("broker.port = x\nmystery = 1\nmqtt.version = 6\nnonsense\n", 5);
            Assert.AreEqual(1, e.LineOf(0));
            Assert.AreEqual(2, e.LineOf(1));
            Assert.AreEqual(3, e.LineOf(2));
            Assert.AreEqual(4, e.LineOf(3));
            Assert.StartsWith("broker.host is required", e[4]);
            Assert.Contains("line 3: mqtt.version", e.ToString());
        }

        [TestMethod]
        [DataRow("max-packet = 32768", 1, "line 2: journal.bytes (65536) must be at least 4 x max-packet (131072)")]
        [DataRow("journal.bytes = 4000", 2, "line 2: journal.bytes (4000) must be at least 4 x max-packet (4096)")]
        [DataRow("outbox.bytes = 65536", 1, "line 2: outbox.bytes (65536) must be smaller than journal.bytes (65536): the outbox lives in the journal")]
        public void BudgetsMustFitTheJournal(string line, int count, string message)
        {
            ConfigErrors e = ConfigSamples.Refused("broker.host = h\n" + line + "\n", count);
            Assert.AreEqual(message, e[0]);
        }

        [TestMethod]
        public void CaFileNeedsTls()
        {
            ConfigErrors e = ConfigSamples.Refused("broker.host = h\nbroker.ca-file = I:\\ca.pem\n", 1);
            Assert.AreEqual("line 2: broker.ca-file is set but broker.tls is not true", e[0]);
        }

        [TestMethod]
        public void PasswordWithoutUserIsRefusedOnlyFor311()
        {
            ConfigErrors e = ConfigSamples.Refused("broker.host = h\nmqtt.version = 3.1.1\nbroker.password = " + ConfigSamples.Secret + "\n", 1);
            Assert.AreEqual("line 3: broker.password: MQTT 3.1.1 sends a password only with a user name; set broker.user too", e[0]);
            Assert.AreEqual(ConfigSamples.Secret, ConfigSamples.Valid("broker.host = h\nbroker.password = " + ConfigSamples.Secret).BrokerPassword);
        }

        [TestMethod]
        public void WifiPasswordNeedsAnSsid()
        {
            ConfigErrors e = ConfigSamples.Refused("broker.host = h\nwifi.password = " + ConfigSamples.Secret + "\n", 1);
            Assert.AreEqual("line 2: wifi.password is set without wifi.ssid", e[0]);
        }

        [TestMethod]
        public void PasswordPastedAsAKeyIsReportedWithoutQuotingIt()
        {
            ConfigErrors e = ConfigSamples.Refused(ConfigSamples.Secret + " = x\nbroker.host = h\nbroker.password = " + ConfigSamples.Secret + "\n", 1);
            Assert.AreEqual("line 1: unknown key (not shown: it contains a password)", e[0]);
        }

        [TestMethod]
        [DataRow("broker.password " + ConfigSamples.Secret)]
        [DataRow(ConfigSamples.Secret)]
        [DataRow("broker.password: " + ConfigSamples.Secret)]
        [DataRow("broker.password " + ConfigSamples.Secret + "=x")]
        [DataRow("broker.passwrd = " + ConfigSamples.Secret)]
        [DataRow("broker.password = " + ConfigSamples.Secret + "\nbroker.password = " + ConfigSamples.Secret)]
        [DataRow("wifi.password = " + ConfigSamples.Secret)]
        [DataRow("wifi.ssid = n\nwifi.password = Hunter2")]
        [DataRow("mqtt.version = 3.1.1\nbroker.password = " + ConfigSamples.Secret)]
        [DataRow(ConfigSamples.Secret + " = 1\nbroker.user = u\nbroker.password = " + ConfigSamples.Secret)]
        [DataRow("broker.user = u\nbroker.password = " + ConfigSamples.Secret + "\nclient-id = " + ConfigSamples.Secret + "!")]
        public void PasswordNeverAppearsInAMessage(string lines)
        {
            DeviceConfigResult result = DeviceConfigParser.Parse("broker.port = none\n" + lines + "\n", ConfigSamples.Mac);
            Assert.IsFalse(result.IsValid);
            Assert.IsTrue(result.Errors.Count >= 2, result.Errors.ToString());
            Assert.DoesNotContains("Hunter2", result.Errors.ToString());
            Assert.IsFalse(result.Errors.Mentions("Hunter2"));
            Assert.IsFalse(result.Errors.Mentions("s3cr3t"));
            Assert.IsFalse(result.Errors.Mentions("unter2"), "not even lower-cased");
        }
    }
}

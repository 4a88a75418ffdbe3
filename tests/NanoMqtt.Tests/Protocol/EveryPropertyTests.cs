using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Protocol
{
    /// <summary>
    /// Every MQTT 5.0 property a CONNECT, its Will and a CONNACK may carry goes through the encoder
    /// and back unchanged; and every truncation of those packets is refused with a status, never
    /// taken and never thrown.
    /// </summary>
    [TestClass]
    public class EveryPropertyTests
    {
        private static ConnectPacket FullConnect(MqttVersion version)
        {
            ConnectPacket c = new ConnectPacket();
            c.Version = version;
            c.CleanStart = false;
            c.KeepAlive = 45;
            c.ClientId = Slice.FromString("dev-1");
            c.UserName = Slice.FromString("user");
            c.Password = Slice.FromString("pass");
            c.HasWill = true;
            c.WillQoS = 1;
            c.WillRetain = true;
            c.WillTopic = Slice.FromString("dev-1/status");
            c.WillPayload = Slice.FromString("offline");
            if (version != MqttVersion.V500) return c;
            Properties p = c.Properties;
            p.SessionExpiryInterval = 86400;
            p.ReceiveMaximum = 16;
            p.MaximumPacketSize = 1024;
            p.TopicAliasMaximum = 3;
            p.RequestResponseInformation = 1;
            p.RequestProblemInformation = 0;
            p.AddUserProperty(Slice.FromString("fw"), Slice.FromString("1.2"));
            Properties w = c.WillProperties;
            w.WillDelayInterval = 30;
            w.PayloadFormatIndicator = 1;
            w.MessageExpiryInterval = 600;
            w.ContentType = Slice.FromString("text/plain");
            w.ResponseTopic = Slice.FromString("dev-1/reply");
            w.CorrelationData = Slice.FromString("c0");
            w.AddUserProperty(Slice.FromString("why"), Slice.FromString("power"));
            return c;
        }

        private static ConnAckPacket FullConnAck()
        {
            ConnAckPacket a = new ConnAckPacket();
            a.SessionPresent = true;
            Properties p = a.Properties;
            p.SessionExpiryInterval = 7200;
            p.ReceiveMaximum = 20;
            p.MaximumQoS = 1;
            p.RetainAvailable = 0;
            p.MaximumPacketSize = 65536;
            p.AssignedClientIdentifier = Slice.FromString("auto-7");
            p.TopicAliasMaximum = 10;
            p.ReasonString = Slice.FromString("welcome");
            p.WildcardSubscriptionAvailable = 1;
            p.SubscriptionIdentifierAvailable = 0;
            p.SharedSubscriptionAvailable = 1;
            p.ServerKeepAlive = 120;
            p.ResponseInformation = Slice.FromString("resp/");
            p.ServerReference = Slice.FromString("other:1883");
            p.AuthenticationMethod = Slice.FromString("SCRAM");
            p.AuthenticationData = Slice.FromString("xyz");
            p.AddUserProperty(Slice.FromString("region"), Slice.FromString("eu"));
            return a;
        }

        private static byte[] Bytes(Packet packet, MqttVersion version)
        {
            return Hex.Parse(Codec.Encode(packet, version));
        }

        [TestMethod]
        public void EveryConnectAndWillPropertyRoundTrips()
        {
            PacketDecoder d = PacketDecoder.ForServer(0, 8);
            byte[] bytes = Bytes(FullConnect(MqttVersion.V500), MqttVersion.V500);
            Codec.AreEqual(DecodeStatus.Ok, d.Decode(bytes, 0, bytes.Length));
            ConnectPacket c = d.Connect;
            Assert.AreEqual("dev-1", c.ClientId.ToString());
            Assert.AreEqual("user", c.UserName.ToString());
            Assert.AreEqual("pass", c.Password.ToString());
            Assert.IsTrue(c.HasWill);
            Assert.AreEqual((byte)1, c.WillQoS);
            Assert.IsTrue(c.WillRetain);
            Assert.AreEqual("offline", c.WillPayload.ToString());
            Properties p = c.Properties;
            Assert.AreEqual(86400u, p.SessionExpiryInterval);
            Assert.AreEqual((ushort)16, p.ReceiveMaximum);
            Assert.AreEqual(1024u, p.MaximumPacketSize);
            Assert.AreEqual((ushort)3, p.TopicAliasMaximum);
            Assert.AreEqual((byte)1, p.RequestResponseInformation);
            Assert.IsTrue(p.Has(PropertyId.RequestProblemInformation));
            Assert.AreEqual((byte)0, p.RequestProblemInformation);
            Assert.AreEqual(1, p.UserPropertyCount);
            Assert.AreEqual("1.2", p.GetUserPropertyValue(0).ToString());
            Properties w = c.WillProperties;
            Assert.AreEqual(30u, w.WillDelayInterval);
            Assert.AreEqual((byte)1, w.PayloadFormatIndicator);
            Assert.AreEqual(600u, w.MessageExpiryInterval);
            Assert.AreEqual("text/plain", w.ContentType.ToString());
            Assert.AreEqual("dev-1/reply", w.ResponseTopic.ToString());
            Assert.AreEqual("c0", w.CorrelationData.ToString());
            Assert.AreEqual("why", w.GetUserPropertyName(0).ToString());
        }

        [TestMethod]
        public void EveryConnAckPropertyRoundTrips()
        {
            PacketDecoder d = PacketDecoder.ForClient(MqttVersion.V500, 0);
            byte[] bytes = Bytes(FullConnAck(), MqttVersion.V500);
            Codec.AreEqual(DecodeStatus.Ok, d.Decode(bytes, 0, bytes.Length));
            Assert.IsTrue(d.ConnAck.SessionPresent);
            Properties p = d.ConnAck.Properties;
            Assert.AreEqual(7200u, p.SessionExpiryInterval);
            Assert.AreEqual((ushort)20, p.ReceiveMaximum);
            Assert.AreEqual((byte)1, p.MaximumQoS);
            Assert.IsTrue(p.Has(PropertyId.RetainAvailable));
            Assert.AreEqual((byte)0, p.RetainAvailable);
            Assert.AreEqual(65536u, p.MaximumPacketSize);
            Assert.AreEqual("auto-7", p.AssignedClientIdentifier.ToString());
            Assert.AreEqual((ushort)10, p.TopicAliasMaximum);
            Assert.AreEqual("welcome", p.ReasonString.ToString());
            Assert.AreEqual((byte)1, p.WildcardSubscriptionAvailable);
            Assert.AreEqual((byte)0, p.SubscriptionIdentifierAvailable);
            Assert.AreEqual((byte)1, p.SharedSubscriptionAvailable);
            Assert.AreEqual((ushort)120, p.ServerKeepAlive);
            Assert.AreEqual("resp/", p.ResponseInformation.ToString());
            Assert.AreEqual("other:1883", p.ServerReference.ToString());
            Assert.AreEqual("SCRAM", p.AuthenticationMethod.ToString());
            Assert.AreEqual("xyz", p.AuthenticationData.ToString());
            Assert.AreEqual("region", p.GetUserPropertyName(0).ToString());
            Assert.AreEqual("eu", p.GetUserPropertyValue(0).ToString());
        }

        [TestMethod]
        public void RemovingAPropertyLeavesTheOthers()
        {
            Properties p = FullConnAck().Properties;
            p.Remove(PropertyId.ReasonString);
            p.Remove(PropertyId.UserProperty);
            p.Remove(0);
            p.Remove(200);
            Assert.IsFalse(p.Has(PropertyId.ReasonString));
            Assert.AreEqual(0, p.UserPropertyCount);
            Assert.IsFalse(p.Has(PropertyId.UserProperty));
            Assert.AreEqual((ushort)20, p.ReceiveMaximum);
            Assert.IsFalse(p.Has(0));
            Assert.IsFalse(p.Has(200));
            p.AddSubscriptionIdentifier(5);
            p.Remove(PropertyId.SubscriptionIdentifier);
            Assert.AreEqual(0, p.SubscriptionIdentifierCount);
        }

        [TestMethod]
        public void SubscriptionIdentifiersPastTheCapacityAreCountedAsDropped()
        {
            Properties p = new Properties(1, 2);
            Assert.IsTrue(p.AddSubscriptionIdentifier(1));
            Assert.IsTrue(p.AddSubscriptionIdentifier(2));
            Assert.IsFalse(p.AddSubscriptionIdentifier(3));
            Assert.AreEqual(2, p.SubscriptionIdentifierCount);
            Assert.AreEqual(1, p.SubscriptionIdentifiersDropped);
        }

        [TestMethod]
        [DataRow(5, 0)]
        [DataRow(4, 0)]
        [DataRow(5, 1)]
        public void EveryTruncationIsRefused(int version, int which)
        {
            MqttVersion v = (MqttVersion)version;
            byte[] full = which == 0 ? Bytes(FullConnect(v), v) : Bytes(FullConnAck(), v);
            int headerLength = full[1] < 0x80 ? 2 : 3;
            int body = full.Length - headerLength;
            for (int cut = 0; cut < body; cut++)
            {
                // The same packet claiming only the first `cut` bytes of its body.
                byte[] shorter = new byte[3 + cut];
                shorter[0] = full[0];
                int n = 1;
                int rest = cut;
                do
                {
                    byte digit = (byte)(rest % 128);
                    rest /= 128;
                    shorter[n++] = rest > 0 ? (byte)(digit | 0x80) : digit;
                } while (rest > 0);
                System.Array.Copy(full, headerLength, shorter, n, cut);
                PacketDecoder d = which == 0 ? PacketDecoder.ForServer(0, 8) : PacketDecoder.ForClient(v, 0);
                DecodeStatus st = d.Decode(shorter, 0, n + cut);
                Assert.AreNotEqual((int)DecodeStatus.Ok, (int)st, "a body cut to " + cut + " of " + body + " bytes was taken");
                Assert.AreNotEqual((int)DecodeStatus.NeedMoreData, (int)st, "the whole packet was there: " + cut);
            }
        }
    }
}

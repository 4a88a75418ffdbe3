using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>What the CONNECT and DISCONNECT carry: the configured Will, and nothing left over
    /// from the broker's packets that share their buffers.</summary>
    [TestClass]
    public class ConnectPlanTests
    {
        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void TheConfiguredWillGoesInEveryConnect(int version)
        {
            SessionConfig c = EngineHarness.DefaultConfig((MqttVersion)version);
            c.WillTopic = "dev/status";
            c.WillQoS = 2;
            EngineWire w = new EngineWire(c);
            w.Boot();
            Assert.AreEqual("CONNECT", w.Connect(), "");
            ConnectPacket p = w.Decoded.Connect;
            Assert.IsTrue(p.HasWill, "");
            Assert.AreEqual("dev/status", p.WillTopic.ToString(), "");
            Assert.AreEqual("offline", p.WillPayload.ToString(), "");
            Assert.AreEqual(2, (int)p.WillQoS, "");
            Assert.IsTrue(p.WillRetain, "");
            Assert.AreEqual(c.KeepAliveSeconds, p.KeepAlive, "");
            Assert.AreEqual(c.ClientId, p.ClientId.ToString(), "");
        }

        [TestMethod]
        public void ABrokerThatGrantsNoExpiryKeepsTheOneAskedFor()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.Connect();
            ConnAckPacket a = new ConnAckPacket();
            a.Properties.SessionExpiryInterval = 600;
            a.Properties.ServerKeepAlive = 30;
            w.Feed(a);
            Assert.AreEqual(600u, w.Engine.GrantedSessionExpiry, "");
            w.Lose();
            w.Connect();
            w.ConnAck(true);
            Assert.AreEqual(w.Config.SessionExpirySeconds, w.Engine.GrantedSessionExpiry, "");
            Assert.AreEqual(0, w.Engine.ServerKeepAlive, "");
        }

        [TestMethod]
        public void NoWillWithoutAWillTopic()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.Connect();
            Assert.IsFalse(w.Decoded.Connect.HasWill, "");
        }

        [TestMethod]
        public void TheDevicesDisconnectCarriesNothingOfTheBrokers()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.FirstOnline();
            // The decoder's packets share one property list; the last one read had these.
            PublishPacket m = new PublishPacket();
            m.Topic = Slice.FromString(EngineWire.InTopic);
            m.Payload = Slice.FromString("on");
            m.Properties.AddUserProperty(Slice.FromString("k"), Slice.FromString("v"));
            m.Properties.ContentType = Slice.FromString("text/plain");
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.Feed(m), "");
            w.EndSession();
            Assert.AreEqual("DISCONNECT expiry=0", w.Drain(), "");
            Properties p = w.Decoded.Reason.Properties;
            Assert.IsFalse(p.Has(PropertyId.ContentType), "");
            Assert.AreEqual(0, p.UserPropertyCount, "");
        }

        [TestMethod]
        public void TheConnectCarriesNothingOfTheBrokersConnAck()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.Connect();
            ConnAckPacket a = new ConnAckPacket();
            a.Properties.ReasonString = Slice.FromString("welcome");
            a.Properties.AssignedClientIdentifier = Slice.FromString("other");
            w.Feed(a);
            w.Lose();
            w.Connect();
            Properties p = w.Decoded.Connect.Properties;
            Assert.IsFalse(p.Has(PropertyId.ReasonString), "");
            Assert.IsFalse(p.Has(PropertyId.AssignedClientIdentifier), "");
            Assert.IsTrue(p.Has(PropertyId.SessionExpiryInterval), "");
        }
    }
}

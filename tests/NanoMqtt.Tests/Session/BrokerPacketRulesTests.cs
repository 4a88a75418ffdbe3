using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>What the broker may send once connected: a second CONNACK, a DISCONNECT where the
    /// version has none or with a Session Expiry, a Topic Alias the device never allowed are violations;
    /// a 5.0 DISCONNECT ends the connection and keeps the session.</summary>
    [TestClass]
    public class BrokerPacketRulesTests
    {
        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void ASecondConnAckIsAViolation(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            Assert.AreEqual((int)SessionStatus.ProtocolViolation, (int)w.ConnAck(true));
        }

        [TestMethod]
        public void ADisconnectFromTheBrokerEndsTheConnectionAndKeepsWhatIsInFlight()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.FirstOnline();
            w.Publish("x", 1);
            Assert.AreEqual("PUBLISH x 2 q1", w.Drain());
            w.ClearEvents();
            ReasonPacket d = new ReasonPacket(PacketType.Disconnect);
            d.ReasonCode = ReasonCode.ServerBusy;
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.Feed(d));
            Assert.IsFalse(w.Engine.IsConnected, "the connection is over");
            Assert.IsTrue(w.Saw(SessionEvent.Disconnected));
            Assert.AreEqual("" + ReasonCode.ServerBusy, w.ArgumentsOf(SessionEvent.Disconnected));
            Assert.AreEqual(1, w.Engine.State.Inflight.Count, "the message waits for the next connection");
            Assert.AreEqual("PUBLISH x 2 q1 dup", w.Online(true), "and goes again, as a resend");
        }

        [TestMethod]
        public void ADisconnectCarryingASessionExpiryIsAViolation()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.FirstOnline();
            ReasonPacket d = new ReasonPacket(PacketType.Disconnect);
            d.Properties.SessionExpiryInterval = 0;
            Assert.AreEqual((int)SessionStatus.ProtocolViolation, (int)w.Feed(d));
        }

        [TestMethod]
        public void ATopicAliasTheDeviceNeverAllowedIsAViolation()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.FirstOnline();
            PublishPacket p = new PublishPacket();
            p.Topic = Slice.FromString(EngineWire.InTopic);
            p.Payload = Slice.FromString("on");
            p.QoS = 1;
            p.PacketId = 9;
            p.Properties.TopicAlias = 1;
            Assert.AreEqual((int)SessionStatus.ProtocolViolation, (int)w.Feed(p));
            Assert.AreEqual(0, w.App.Deliveries, "not delivered");
        }
    }
}

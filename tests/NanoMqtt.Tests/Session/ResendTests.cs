using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>
    /// Unacknowledged PUBLISH and PUBREL packets are sent again only when a connection resumes the
    /// session, once per connection, never on the connection that already carried them.
    /// </summary>
    [TestClass]
    public class ResendTests
    {
        private static int CountReceived(DeviceHarness h, PacketType type)
        {
            int n = 0;
            for (int i = 0; i < h.Broker.Received.Count; i++)
            {
                if ((int)h.Broker.Received[i] == (int)type) n++;
            }
            return n;
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void ResendOncePerResumedConnectionNeverOnTheSame(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.Publish("m1", 1);
            Assert.AreEqual("PUBLISH m1 2 q1", w.Drain());
            w.Publish("m2", 2);
            Assert.AreEqual("PUBLISH m2 3 q2", w.Drain());
            w.Ack(PacketType.PubRec, 3);
            Assert.AreEqual("PUBREL 3", w.Drain());
            // No answers: the same connection never repeats them, however often it is asked.
            Assert.AreEqual("", w.Drain());
            Assert.AreEqual("", w.Drain());
            for (int connection = 0; connection < 3; connection++)
            {
                w.Lose();
                Assert.AreEqual("PUBREL 3, PUBLISH m1 2 q1 dup", w.Online(true), "connection " + connection);
                Assert.AreEqual("", w.Drain());
                Assert.AreEqual("", w.Drain());
            }
            w.Ack(PacketType.PubAck, 2);
            w.Ack(PacketType.PubComp, 3);
            w.Lose();
            Assert.AreEqual("", w.Online(true), "nothing left to resend");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void NothingIsSentBeforeTheConnAck(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.Publish("m1", 1);
            Assert.AreEqual("PUBLISH m1 2 q1", w.Drain());
            w.Lose();
            w.Connect();
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("m2", 1));
            Assert.AreEqual("", w.Drain(), "waiting for CONNACK");
            Assert.AreEqual("PUBLISH m1 2 q1 dup, PUBLISH m2 3 q1", w.Accept(true));
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void RefusedConnectionKeepsStateForTheNext(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.Publish("m1", 2);
            Assert.AreEqual("PUBLISH m1 2 q2", w.Drain());
            w.Lose();
            w.Connect();
            byte refusal = version == 5 ? ReasonCode.ServerBusy : ReasonCode.V3ServerUnavailable;
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.ConnAck(false, refusal, 0, 0));
            Assert.AreEqual("" + refusal, w.ArgumentsOf(SessionEvent.ConnectRefused));
            Assert.IsFalse(w.Engine.IsConnected);
            Assert.AreEqual("", w.Drain());
            Assert.AreEqual(1, w.Engine.State.Inflight.Count, "a refusal says nothing about the session");
            w.Lose();
            Assert.AreEqual("PUBLISH m1 2 q2 dup", w.Online(true));
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void RepeatedPubRecIsAnsweredNotJournaledAgain(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.Publish("m1", 2);
            Assert.AreEqual("PUBLISH m1 2 q2", w.Drain());
            w.Ack(PacketType.PubRec, 2);
            Assert.AreEqual("PUBREL 2", w.Drain());
            long bytes = w.Engine.Journal.BytesWritten;
            w.Ack(PacketType.PubRec, 2);
            Assert.AreEqual("PUBREL 2", w.Drain(), "an answer, not a resend: the PUBLISH does not go again");
            Assert.AreEqual(bytes, w.Engine.Journal.BytesWritten);
            Assert.AreEqual(1, w.CountRecords(RecordType.PubRecReceived));
            // A PUBREC for an id we do not hold is answered so the broker can finish (5.0: 0x92).
            w.Ack(PacketType.PubRec, 77);
            Assert.AreEqual(version == 5 ? "PUBREL 77 rc=0x92" : "PUBREL 77", w.Drain());
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void BrokerSeesEachPacketOncePerConnection(int version)
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig((MqttVersion)version));
            h.Boot();
            h.Connect();
            h.Broker.SilentPubRel = true;
            h.Publish("r1", 2);
            h.Publish("r2", 1);
            h.Pump();
            h.Pump();
            Assert.AreEqual(2, CountReceived(h, PacketType.Publish));
            Assert.AreEqual(1, CountReceived(h, PacketType.PubRel));
            // Accepted in flight while online, lost with the link before it went out.
            h.Broker.SilentPubRel = false;
            h.Publish("r3", 1);
            h.DropLink();
            h.Connect();
            h.Pump();
            h.Pump();
            // This connection: the PUBREL of r1 again (now answered) and r3, without DUP (it was never
            // written: the wire rules fail a DUP on a first send); r1 and r2 never again.
            Assert.AreEqual(1, CountReceived(h, PacketType.PubRel));
            Assert.AreEqual(1, CountReceived(h, PacketType.Publish));
            Assert.AreEqual(1, h.Broker.CountDelivered("r1"));
            Assert.AreEqual(1, h.Broker.CountDelivered("r2"));
            Assert.AreEqual(1, h.Broker.CountDelivered("r3"));
            Assert.IsTrue(h.Engine.State.IsEmpty);
            // Nothing left: a further connection sends nothing.
            h.DropLink();
            h.Connect();
            h.Pump();
            Assert.AreEqual(1, h.Broker.Received.Count, "only the CONNECT");
            Assert.IsNull(h.Broker.Violation, h.Broker.Violation);
            Assert.AreEqual("", "" + h.CheckInvariants(true), "invariants");
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>
    /// Never more outgoing QoS 1/2 PUBLISHes unacknowledged than min(InflightCapacity, the
    /// broker's Receive Maximum); the rest waits in the outbox, in order, and goes out as
    /// acknowledgements free the window.
    /// </summary>
    [TestClass]
    public class FlowControlTests
    {
        private static EngineWire Online(int version, int capacity, int receiveMaximum)
        {
            EngineWire w = EngineWire.Create(version);
            w.Config.InflightCapacity = capacity;
            w.Boot();
            w.Connect();
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.ConnAck(false, 0, receiveMaximum, 0));
            Assert.AreEqual("SUBSCRIBE 1", w.Drain());
            w.SubAck(1, 2);
            return w;
        }

        private static int CountPublishes(string drained)
        {
            int n = 0;
            int at = 0;
            while ((at = drained.IndexOf("PUBLISH", at)) >= 0)
            {
                n++;
                at += 7;
            }
            return n;
        }

        [TestMethod]
        [DataRow(5, 4, 2, 2)]
        [DataRow(5, 3, 10, 3)]
        [DataRow(5, 3, 0, 3)]
        [DataRow(4, 3, 0, 3)]
        public void WindowIsTheSmallerOfCapacityAndReceiveMaximum(int version, int capacity, int receiveMaximum, int window)
        {
            EngineWire w = Online(version, capacity, receiveMaximum);
            for (int i = 1; i <= 8; i++) Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("m" + i, 1));
            string all = w.Drain();
            Assert.AreEqual(window, CountPublishes(all));
            Assert.AreEqual(window, w.Engine.State.Inflight.Count);
            Assert.AreEqual(8 - window, w.Engine.State.Outbox.Count);
            // Each acknowledgement lets exactly one more go.
            for (int acked = 0; acked < 8; acked++)
            {
                w.Ack(PacketType.PubAck, (int)w.PublishIds[acked]);
                string more = w.Drain();
                Assert.AreEqual(acked + window < 8 ? 1 : 0, CountPublishes(more), "after ack " + acked);
                Assert.IsTrue(w.Engine.State.Inflight.Count <= window);
                if (more.Length > 0) all += ", " + more;
            }
            Assert.AreEqual("PUBLISH m1 2 q1, PUBLISH m2 3 q1, PUBLISH m3 4 q1, PUBLISH m4 5 q1, PUBLISH m5 6 q1, PUBLISH m6 7 q1, PUBLISH m7 8 q1, PUBLISH m8 9 q1", all);
            Assert.IsTrue(w.Engine.State.IsEmpty);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void QoS2HoldsItsSlotUntilPubComp(int version)
        {
            EngineWire w = Online(version, 2, 0);
            w.Publish("m1", 2);
            w.Publish("m2", 2);
            w.Publish("m3", 2);
            w.Publish("m4", 2);
            Assert.AreEqual("PUBLISH m1 2 q2, PUBLISH m2 3 q2", w.Drain());
            w.Ack(PacketType.PubRec, 2);
            Assert.AreEqual("PUBREL 2", w.Drain(), "PUBREC does not free the slot");
            w.Ack(PacketType.PubComp, 2);
            Assert.AreEqual("PUBLISH m3 4 q2", w.Drain());
            if (version == 5)
            {
                // A PUBREC refusing the message ends it and frees the slot.
                w.Ack(PacketType.PubRec, 3, ReasonCode.QuotaExceeded);
                Assert.AreEqual("PUBLISH m4 5 q2", w.Drain());
                Assert.AreEqual("" + ReasonCode.QuotaExceeded, w.ArgumentsOf(SessionEvent.MessageRejected));
            }
        }

        [TestMethod]
        public void WindowIsSetAgainOnEachConnection()
        {
            EngineWire w = Online(5, 3, 1);
            w.Publish("m1", 1);
            w.Publish("m2", 1);
            w.Publish("m3", 1);
            Assert.AreEqual("PUBLISH m1 2 q1", w.Drain());
            w.Lose();
            w.Connect();
            w.ConnAck(true, 0, 0, 0);
            Assert.AreEqual("PUBLISH m1 2 q1 dup, PUBLISH m2 3 q1, PUBLISH m3 4 q1", w.Drain());
        }

        [TestMethod]
        public void ResumeRespectsASmallerReceiveMaximum()
        {
            EngineWire w = Online(5, 4, 0);
            for (int i = 1; i <= 4; i++) w.Publish("m" + i, 1);
            Assert.AreEqual(4, CountPublishes(w.Drain()));
            w.Lose();
            // The broker now takes 2 at a time: the resume may not put 4 PUBLISHes on the wire.
            w.Connect();
            w.ConnAck(true, 0, 2, 0);
            Assert.AreEqual("PUBLISH m1 2 q1 dup, PUBLISH m2 3 q1 dup", w.Drain());
            w.Ack(PacketType.PubAck, 2);
            Assert.AreEqual("PUBLISH m3 4 q1 dup", w.Drain());
            w.Ack(PacketType.PubAck, 3);
            w.Ack(PacketType.PubAck, 4);
            Assert.AreEqual("PUBLISH m4 5 q1 dup", w.Drain());
            w.Publish("m5", 1);
            Assert.AreEqual("PUBLISH m5 6 q1", w.Drain());
            w.Publish("m6", 1);
            Assert.AreEqual("", w.Drain(), "m4 and m5 fill the window");
        }

        [TestMethod]
        public void ResumeCountsMessagesAwaitingPubCompInTheWindow()
        {
            EngineWire w = Online(5, 4, 0);
            for (int i = 1; i <= 3; i++) w.Publish("m" + i, 2);
            Assert.AreEqual(3, CountPublishes(w.Drain()));
            w.Ack(PacketType.PubRec, 2);
            w.Ack(PacketType.PubRec, 3);
            Assert.AreEqual("PUBREL 2, PUBREL 3", w.Drain());
            w.Publish("m4", 1);
            Assert.AreEqual("PUBLISH m4 5 q1", w.Drain());
            w.Lose();
            // Window 1: PUBRELs go at once; a PUBLISH only when nothing else holds the window
            // (the same measure as for new messages: every message in flight counts).
            w.Connect();
            w.ConnAck(true, 0, 1, 0);
            Assert.AreEqual("PUBREL 2, PUBREL 3", w.Drain());
            w.Ack(PacketType.PubComp, 2);
            Assert.AreEqual("", w.Drain());
            w.Ack(PacketType.PubComp, 3);
            Assert.AreEqual("PUBLISH m3 4 q2 dup", w.Drain());
            w.Ack(PacketType.PubRec, 4);
            Assert.AreEqual("PUBREL 4", w.Drain(), "m3 holds the window until PUBCOMP");
            w.Ack(PacketType.PubComp, 4);
            Assert.AreEqual("PUBLISH m4 5 q1 dup", w.Drain());
            w.Ack(PacketType.PubAck, 5);
            Assert.IsTrue(w.Engine.State.IsEmpty);
        }

        [TestMethod]
        public void BrokerReceiveMaximumIsNeverExceeded()
        {
            SessionConfig c = EngineHarness.DefaultConfig(MqttVersion.V500);
            c.InflightCapacity = 8;
            DeviceHarness h = new DeviceHarness(c);
            h.Broker.ReceiveMaximum = 2;
            h.Boot();
            h.Connect();
            h.Broker.SilentPubRel = true;
            for (int i = 1; i <= 5; i++) h.Publish("q" + i, 2);
            h.Pump();
            Assert.AreEqual(2, h.Broker.Delivered.Count, "two in flight, held until PUBCOMP");
            Assert.AreEqual(2, h.Engine.State.Inflight.Count);
            Assert.AreEqual(3, h.Engine.State.Outbox.Count);
            h.Broker.SilentPubRel = false;
            h.DropLink();
            h.Connect();
            Assert.AreEqual(5, h.Broker.Delivered.Count);
            Assert.IsTrue(h.Engine.State.IsEmpty);
            Assert.IsNull(h.Broker.Violation);
            Assert.AreEqual("", "" + h.CheckInvariants(true), "invariants");
            for (int i = 1; i <= 5; i++) Assert.AreEqual("q" + i, (string)h.Broker.Delivered[i - 1]);
        }

        [TestMethod]
        public void MessagesTheLinkLostBeforeTheyWereWrittenWaitForASmallerWindow()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.FirstOnline();
            for (int i = 0; i < 4; i++) w.Publish("f" + i, 1);
            w.Lose();
            w.Connect();
            w.ConnAck(true, 0, 2, 0);
            Assert.AreEqual("PUBLISH f0 2 q1, PUBLISH f1 3 q1", w.Drain(), "");
            w.Ack(PacketType.PubAck, 2);
            Assert.AreEqual("PUBLISH f2 4 q1", w.Drain(), "");
        }
    }
}

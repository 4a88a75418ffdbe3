using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>Every cell of the outgoing QoS table: state × acknowledgement × success or error reason.</summary>
    [TestClass]
    public class OutgoingTransitionsTests
    {
        private const byte Ack = InflightTable.AwaitingPubAck;
        private const byte Rec = InflightTable.AwaitingPubRec;
        private const byte Comp = InflightTable.AwaitingPubComp;

        [TestMethod]
        [DataRow(Ack, (int)PacketType.PubAck, 0, (int)OutgoingStep.Complete)]
        [DataRow(Ack, (int)PacketType.PubAck, 0x80, (int)OutgoingStep.Complete)]
        [DataRow(Ack, (int)PacketType.PubRec, 0, (int)OutgoingStep.Refuse)]
        [DataRow(Ack, (int)PacketType.PubRec, 0x80, (int)OutgoingStep.Refuse)]
        [DataRow(Ack, (int)PacketType.PubComp, 0, (int)OutgoingStep.Ignore)]
        [DataRow(Rec, (int)PacketType.PubAck, 0, (int)OutgoingStep.CompleteAtQoS1)]
        [DataRow(Rec, (int)PacketType.PubRec, 0, (int)OutgoingStep.AwaitPubComp)]
        [DataRow(Rec, (int)PacketType.PubRec, 0x10, (int)OutgoingStep.AwaitPubComp)]
        [DataRow(Rec, (int)PacketType.PubRec, 0x80, (int)OutgoingStep.Complete)]
        [DataRow(Rec, (int)PacketType.PubComp, 0, (int)OutgoingStep.Ignore)]
        [DataRow(Comp, (int)PacketType.PubAck, 0, (int)OutgoingStep.Ignore)]
        [DataRow(Comp, (int)PacketType.PubRec, 0, (int)OutgoingStep.RepeatPubRel)]
        [DataRow(Comp, (int)PacketType.PubRec, 0x92, (int)OutgoingStep.Complete)]
        [DataRow(Comp, (int)PacketType.PubComp, 0, (int)OutgoingStep.Complete)]
        [DataRow(Comp, (int)PacketType.PubComp, 0x92, (int)OutgoingStep.Complete)]
        [DataRow(Comp, (int)PacketType.PubRel, 0, (int)OutgoingStep.Ignore)]
        public void StepForEachStateAndAcknowledgement(byte state, int ack, int reason, int expected)
        {
            Assert.AreEqual(expected, (int)OutgoingTransitions.Next(state, (PacketType)ack, (byte)reason));
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void APubCompBeforePubRecCompletesNothing(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.Publish("x", 2);
            Assert.AreEqual("PUBLISH x 2 q2", w.Drain());
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.Ack(PacketType.PubComp, 2));
            Assert.AreEqual(1, w.Engine.State.Inflight.Count, "still awaiting PUBREC");
            Assert.AreEqual((int)InflightTable.AwaitingPubRec, (int)w.Engine.State.Inflight.GetState(0));
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void APubAckForAQoS2MessageCompletesItAtQoS1AndSaysSo(int version)
        {
            // RabbitMQ 3.10 answers a QoS 2 PUBLISH with PUBACK: the message is the broker's from then on.
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.ClearEvents();
            w.Publish("x", 2);
            Assert.AreEqual("PUBLISH x 2 q2", w.Drain());
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.Ack(PacketType.PubAck, 2));
            Assert.AreEqual(0, w.Engine.State.Inflight.Count, "done");
            w.TakeEvents();
            Assert.AreEqual(1, w.Count(SessionEvent.MessageCompleted));
            Assert.AreEqual(1, w.Count(SessionEvent.PublishDowngraded));
            Assert.AreEqual(w.ArgumentsOf(SessionEvent.MessageCompleted), w.ArgumentsOf(SessionEvent.PublishDowngraded), "the same message");
            Assert.AreEqual("", w.Drain(), "no PUBREL");
            w.Engine.CommitPending();
            w.Restart();
            Assert.AreEqual(0, w.Engine.State.Inflight.Count, "not resent after a reboot");
        }

        [TestMethod]
        public void APubAckAfterPubRecChangesNothing()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.FirstOnline();
            w.Publish("x", 2);
            w.Drain();
            w.Ack(PacketType.PubRec, 2);
            Assert.AreEqual("PUBREL 2", w.Drain());
            w.ClearEvents();
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.Ack(PacketType.PubAck, 2));
            Assert.AreEqual((int)InflightTable.AwaitingPubComp, (int)w.Engine.State.Inflight.GetState(0));
            w.TakeEvents();
            Assert.IsFalse(w.Saw(SessionEvent.PublishDowngraded));
        }

        [TestMethod]
        public void APubRecForAQoS1MessageIsAViolation()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.FirstOnline();
            w.Publish("x", 1);
            Assert.AreEqual("PUBLISH x 2 q1", w.Drain());
            ushort id = 2;
            Assert.AreEqual((int)SessionStatus.ProtocolViolation, (int)w.Ack(PacketType.PubRec, id));
            Assert.AreEqual(1, w.Engine.State.Inflight.Count, "not applied");
        }
    }
}

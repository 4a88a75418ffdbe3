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
        [DataRow(Rec, (int)PacketType.PubAck, 0, (int)OutgoingStep.Ignore)]
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
        public void APubAckForAQoS2MessageChangesNothing(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.Publish("x", 2);
            Assert.AreEqual("PUBLISH x 2 q2", w.Drain());
            ushort id = 2;
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.Ack(PacketType.PubAck, id));
            Assert.AreEqual(1, w.Engine.State.Inflight.Count, "still awaiting PUBREC");
            Assert.AreEqual((int)InflightTable.AwaitingPubRec, (int)w.Engine.State.Inflight.GetState(0));
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.Ack(PacketType.PubComp, id));
            Assert.AreEqual(1, w.Engine.State.Inflight.Count, "a PUBCOMP before PUBREC completes nothing");
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

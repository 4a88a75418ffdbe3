using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>Outgoing flows over a store that refuses: nothing is announced that is not on flash,
    /// and once the store takes writes again the flow resumes from what is.</summary>
    [TestClass]
    public class RefusedFlowTests
    {
        private static RefusingWire Online(int version)
        {
            RefusingWire w = new RefusingWire(EngineHarness.DefaultConfig((MqttVersion)version));
            w.Boot();
            w.FirstOnline();
            return w;
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void APublishTheStoreRefusesIsNotAcceptedAndNotSent(int version)
        {
            RefusingWire w = Online(version);
            w.Store.Allowed = 0;
            Assert.AreEqual((int)PublishResult.JournalFull, (int)w.Publish("x", 1));
            Assert.AreEqual("", w.Drain(), "nothing on flash, nothing sent");
            w.Store.Allowed = -1;
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("y", 1));
            // The refused write took the id block's reservation with it: ids go on from the next
            // block, so none handed out before can come again.
            Assert.AreEqual("PUBLISH y 257 q1", w.Drain());
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void APubRecTheStoreRefusesGetsNoPubRelAndTheMessageGoesAgain(int version)
        {
            RefusingWire w = Online(version);
            w.Publish("x", 2);
            Assert.AreEqual("PUBLISH x 2 q2", w.Drain());
            w.Store.Allowed = 0;
            Assert.AreEqual((int)SessionStatus.StorageFailed, (int)w.Ack(PacketType.PubRec, 2));
            Assert.AreEqual("", w.Drain(), "no PUBREL for a PUBREC that is not on flash");
            Assert.AreEqual((int)InflightTable.AwaitingPubRec, (int)w.Engine.State.Inflight.GetState(0));
            w.Store.Allowed = -1;
            w.Lose();
            Assert.AreEqual("PUBLISH x 2 q2 dup", w.Online(true), "the broker's PUBREC was never recorded: the PUBLISH goes again");
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.Ack(PacketType.PubRec, 2));
            Assert.AreEqual("PUBREL 2", w.Drain());
        }

        [TestMethod]
        public void ACompletionTheStoreRefusesKeepsTheMessageUntilOneIsRecorded()
        {
            RefusingWire w = Online(5);
            w.Publish("x", 2);
            w.Drain();
            w.Ack(PacketType.PubRec, 2);
            Assert.AreEqual("PUBREL 2", w.Drain());
            w.Store.Allowed = 0;
            Assert.AreEqual((int)SessionStatus.StorageFailed, (int)w.Ack(PacketType.PubComp, 2), "the completion is not on flash");
            w.Store.Allowed = -1;
            w.Restart();
            Assert.AreEqual(1, w.Engine.State.Inflight.Count, "after a reboot the message still awaits PUBCOMP");
            Assert.AreEqual("PUBREL 2", w.Online(true));
        }
    }
}

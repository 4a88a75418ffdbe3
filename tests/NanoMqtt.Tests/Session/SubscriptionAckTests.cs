using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>Only the acknowledgement of the request in flight counts: a SUBACK or UNSUBACK with
    /// another packet id, or of the other kind, changes nothing and records nothing.</summary>
    [TestClass]
    public class SubscriptionAckTests
    {
        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void ASubAckWithAForeignPacketIdIsIgnored(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            Assert.AreEqual("SUBSCRIBE 1", w.Online(false));
            w.ClearEvents();
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.SubAck(7, 1));
            w.TakeEvents();
            Assert.IsFalse(w.Saw(SessionEvent.Subscribed), "not the SUBSCRIBE in flight");
            Assert.AreEqual(1, (int)w.Engine.State.PendingSubscribeId, "still waiting for its own SUBACK");
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.SubAck(1, 1));
            w.TakeEvents();
            Assert.IsTrue(w.Saw(SessionEvent.Subscribed));
            Assert.AreEqual(0, (int)w.Engine.State.PendingSubscribeId);
        }

        [TestMethod]
        public void AnUnsubAckForASubscribeIsIgnored()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            Assert.AreEqual("SUBSCRIBE 1", w.Online(false));
            w.ClearEvents();
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.UnsubAck(1));
            w.TakeEvents();
            Assert.IsFalse(w.Saw(SessionEvent.Unsubscribed));
            Assert.IsFalse(w.Saw(SessionEvent.Subscribed));
            Assert.AreEqual(1, (int)w.Engine.State.PendingSubscribeId);
        }

        [TestMethod]
        public void ASubAckForAnUnsubscribeIsIgnored()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.FirstOnline();
            Assert.AreEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Unsubscribe(Slice.FromString("dev/cmd/#")));
            Assert.AreEqual("UNSUBSCRIBE 2 dev/cmd/#", w.Drain());
            w.ClearEvents();
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.SubAck(2, 1));
            w.TakeEvents();
            Assert.IsFalse(w.Saw(SessionEvent.Subscribed));
            Assert.IsFalse(w.Saw(SessionEvent.Unsubscribed));
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.UnsubAck(2));
            w.TakeEvents();
            Assert.IsTrue(w.Saw(SessionEvent.Unsubscribed));
        }

        [TestMethod]
        public void ASubscriptionThatIsAlreadyThereIsAcceptedWithoutASubscribe()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.FirstOnline();
            byte options = w.Config.SubscriptionOptions.Length > 0 ? w.Config.SubscriptionOptions[0] : (byte)1;
            Assert.AreEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Subscribe(Slice.FromString(w.Config.Subscriptions[0]), options));
            Assert.AreEqual("", w.Drain(), "nothing changed: nothing sent");
        }

        [TestMethod]
        public void AFilterWithInvalidOptionsOrUtf8IsRefused()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.FirstOnline();
            Assert.AreNotEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Subscribe(Slice.FromString("dev/x"), 3));
            Assert.AreNotEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Subscribe(new Slice(new byte[] { 0xC3, 0x28 }, 0, 2), 1));
            Assert.AreEqual("", w.Drain());
        }
    }
}

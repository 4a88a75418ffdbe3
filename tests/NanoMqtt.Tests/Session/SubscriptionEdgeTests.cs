using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>The subscription set at its edges: a filter's options changed in place, the longest
    /// filter, a full set, and what a SUBACK grants.</summary>
    [TestClass]
    public class SubscriptionEdgeTests
    {
        private static EngineWire Online()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.FirstOnline();
            return w;
        }

        private static string Filled(int length)
        {
            string s = "";
            while (s.Length < length) s += "a";
            return s;
        }

        [TestMethod]
        public void NewOptionsForAFilterReplaceItsEntryAtTheEnd()
        {
            EngineWire w = Online();
            Assert.AreEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Subscribe(Slice.FromString("dev/b"), 1), "");
            Assert.AreEqual("SUBSCRIBE 2 x2", w.Drain(), "");
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.SubAck(2, 1, 2), "");
            Assert.AreEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Subscribe(Slice.FromString("dev/cmd/#"), 1), "");
            Assert.AreEqual("SUBSCRIBE 3 x2", w.Drain(), "still two filters");
            Assert.AreEqual("dev/b", w.Engine.SubscriptionFilter(0).ToString(), "the others keep their order");
            Assert.AreEqual("dev/cmd/#", w.Engine.SubscriptionFilter(1).ToString(), "");
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.SubAck(3, 1, 2), "");
            Assert.AreEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Subscribe(Slice.FromString("dev/cmd/#"), 1), "");
            Assert.AreEqual("", w.Drain(), "the same options again: nothing to send");
        }

        [TestMethod]
        public void AFilterUpToTheLongestIsTakenAndNoneLonger()
        {
            EngineWire w = Online();
            int longest = w.Config.MaxPacketSize - 16;
            Assert.AreEqual((int)SubscriptionResult.Invalid, (int)w.Engine.Subscribe(Slice.FromString(Filled(longest + 1)), 0), "");
            Assert.AreEqual((int)SubscriptionResult.Invalid, (int)w.Engine.Subscribe(Slice.FromString(""), 0), "");
            Assert.AreEqual((int)SubscriptionResult.Invalid, (int)w.Engine.Subscribe(Slice.FromString("dev/x"), 3), "QoS 3");
            Assert.AreEqual("", w.Drain(), "");
            Assert.AreEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Subscribe(Slice.FromString(Filled(longest)), 0), "");
        }

        [TestMethod]
        public void AFullSetStillChangesTheOptionsOfAFilterItHolds()
        {
            EngineWire w = Online();
            for (int i = 0; i < w.Config.SpareSubscriptions; i++)
                Assert.AreEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Subscribe(Slice.FromString("dev/s" + i), 1), "");
            Assert.AreEqual((int)SubscriptionResult.Full, (int)w.Engine.Subscribe(Slice.FromString("dev/more"), 1), "");
            Assert.AreEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Subscribe(Slice.FromString("dev/cmd/#"), 0), "the first filter, new options");
        }

        [TestMethod]
        public void ASubAckGrantingLessThanAskedIsReportedPerFilter()
        {
            EngineWire w = Online();
            w.Engine.Subscribe(Slice.FromString("dev/q1"), 1);
            w.Engine.Subscribe(Slice.FromString("dev/q0"), 0);
            Assert.AreEqual("SUBSCRIBE 2 x3", w.Drain(), "");
            w.ClearEvents();
            // Asked 2, 1, 0; granted 1 (less), refused, 0 (as asked).
            SubAckPacket a = new SubAckPacket(PacketType.SubAck);
            a.PacketId = 2;
            a.ReasonCodes = Slice.Of(new byte[] { 1, 0x80, 0 });
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.Feed(a), "");
            Assert.AreEqual("0", w.ArgumentsOf(SessionEvent.SubscriptionDowngraded), "");
            Assert.AreEqual("1", w.ArgumentsOf(SessionEvent.Subscribed), "one filter refused");
        }

        [TestMethod]
        public void AnUnsubscribeWaitsForTheSubscribeInFlight()
        {
            EngineWire w = Online();
            w.Engine.Subscribe(Slice.FromString("dev/x"), 1);
            Assert.AreEqual("SUBSCRIBE 2 x2", w.Drain(), "");
            Assert.AreEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Unsubscribe(Slice.FromString("dev/x")), "");
            Assert.AreEqual("", w.Drain(), "one request at a time");
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.SubAck(2, 1, 2), "");
            Assert.AreEqual("UNSUBSCRIBE 3 dev/x", w.Drain(), "");
        }
    }
}

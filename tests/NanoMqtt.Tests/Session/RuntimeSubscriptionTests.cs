using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>Subscribing and unsubscribing at run time: one request at a time, the set's fingerprint
    /// recorded when the broker holds it, nothing sent again on a resumed session.</summary>
    [TestClass]
    public class RuntimeSubscriptionTests
    {
        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void AFilterAddedOnlineIsSubscribedAndKeptByTheSession(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            Assert.AreEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Subscribe(Slice.FromString("dev/extra/#"), 1));
            Assert.AreEqual("SUBSCRIBE 2 x2", w.Drain(), "the whole set, with the new filter");
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.SubAck(2, 1, 2));
            w.Lose();
            Assert.AreEqual("", w.Online(true), "the broker holds this very set: nothing to send");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void AFilterRemovedOnlineIsUnsubscribed(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            Assert.AreEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Unsubscribe(Slice.FromString("dev/cmd/#")));
            Assert.AreEqual("UNSUBSCRIBE 2 dev/cmd/#", w.Drain());
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.UnsubAck(2));
            Assert.AreEqual(1, w.Count(SessionEvent.Unsubscribed));
            Assert.AreEqual((int)SubscriptionResult.NotFound, (int)w.Engine.Unsubscribe(Slice.FromString("dev/cmd/#")));
        }

        [TestMethod]
        public void ChangesWhileOfflineGoOutWithTheNextConnection()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.FirstOnline();
            w.Lose();
            w.Engine.Subscribe(Slice.FromString("dev/other"), 0);
            Assert.AreEqual("SUBSCRIBE 2 x2", w.Online(true), "the set changed: subscribe again even on a resumed session");
        }

        [TestMethod]
        public void ALostSessionHasNothingToUnsubscribe()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.FirstOnline();
            w.Lose();
            w.Engine.Unsubscribe(Slice.FromString("dev/cmd/#"));
            Assert.AreEqual("", w.Online(false), "no filter left and the broker holds none");
        }

        // No [DataRow("")]: the MetadataProcessor turns an empty string in an attribute into a
        // broken assembly that nanoCLR cannot run (no test runs at all).
        [TestMethod]
        public void AnEmptyFilterIsRefused()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            Assert.AreEqual((int)SubscriptionResult.Invalid, (int)w.Engine.Subscribe(new Slice(new byte[0], 0, 0), 1));
        }

        [TestMethod]
        [DataRow("a/#/b")]
        [DataRow("a+")]
        public void BadFiltersAreRefused(string filter)
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            Assert.AreEqual((int)SubscriptionResult.Invalid, (int)w.Engine.Subscribe(Slice.FromString(filter), 1));
        }

        [TestMethod]
        public void TheTableIsBounded()
        {
            EngineWire w = EngineWire.Create(5);
            w.Config.SpareSubscriptions = 1;
            w.Boot();
            Assert.AreEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Subscribe(Slice.FromString("x/1"), 1));
            Assert.AreEqual((int)SubscriptionResult.Full, (int)w.Engine.Subscribe(Slice.FromString("x/2"), 1));
            Assert.AreEqual((int)SubscriptionResult.Accepted, (int)w.Engine.Subscribe(Slice.FromString("x/1"), 2), "changing options takes no room");
        }
    }
}

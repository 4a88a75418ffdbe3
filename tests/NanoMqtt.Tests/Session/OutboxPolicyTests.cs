using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>
    /// The offline outbox: bounded by count and by flash bytes; when full, DropOldest, DropNewest or
    /// ReplaceSameTopic decides, every drop counted and reported; what stays goes out in order.
    /// A message record on "dev/state" with a 2-byte payload takes 11 + 9 + 9 + 2 = 31 bytes.
    /// </summary>
    [TestClass]
    public class OutboxPolicyTests
    {
        private const int SmallRecord = 31;

        private static EngineWire Offline(int version, OutboxPolicy policy, int messages, int bytes)
        {
            EngineWire w = EngineWire.Create(version);
            w.Config.OutboxPolicy = policy;
            w.Config.OutboxMessages = messages;
            w.Config.OutboxBytes = bytes;
            w.Boot();
            w.FirstOnline();
            w.Lose();
            w.ClearEvents();
            return w;
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void DropOldestMakesRoomAndReports(int version)
        {
            EngineWire w = Offline(version, OutboxPolicy.DropOldest, 3, 16384);
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("p1", 1));
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("p2", 2));
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("p3", 1));
            Assert.AreEqual((int)PublishResult.AcceptedDroppingOlder, (int)w.Publish("p4", 2));
            Assert.AreEqual((int)PublishResult.AcceptedDroppingOlder, (int)w.Publish("p5", 1));
            Outbox o = w.Engine.State.Outbox;
            Assert.AreEqual(2, o.DroppedOldest);
            Assert.AreEqual(0, o.DroppedNewest);
            Assert.AreEqual(0, o.Replaced);
            Assert.AreEqual(3, o.Count);
            Assert.AreEqual(3 * SmallRecord, o.Bytes);
            Assert.AreEqual("1,2", w.ArgumentsOf(SessionEvent.MessageDropped));
            // The drops are journaled: a reboot does not bring p1 and p2 back.
            w.Boot();
            Assert.AreEqual(3, w.Engine.State.Outbox.Count);
            Assert.AreEqual("PUBLISH p3 257 q1, PUBLISH p4 258 q2, PUBLISH p5 259 q1", w.Online(true), "ids go on from the reservation");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void DropNewestRefusesAndCounts(int version)
        {
            EngineWire w = Offline(version, OutboxPolicy.DropNewest, 3, 16384);
            w.Publish("p1", 1);
            w.Publish("p2", 2);
            w.Publish("p3", 1);
            long bytes = w.Engine.Journal.BytesWritten;
            Assert.AreEqual((int)PublishResult.OutboxFull, (int)w.Publish("p4", 2));
            Assert.AreEqual((int)PublishResult.OutboxFull, (int)w.Publish("p5", 1));
            Assert.AreEqual(bytes, w.Engine.Journal.BytesWritten, "a refused message is not written");
            Outbox o = w.Engine.State.Outbox;
            Assert.AreEqual(2, o.DroppedNewest);
            Assert.AreEqual(0, o.DroppedOldest);
            Assert.AreEqual(3, o.Count);
            Assert.AreEqual(0, w.Count(SessionEvent.MessageDropped), "refused, never accepted: nothing to report");
            Assert.AreEqual("PUBLISH p1 2 q1, PUBLISH p2 3 q2, PUBLISH p3 4 q1", w.Online(true));
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void ReplaceSameTopicKeepsTheLatestValue(int version)
        {
            EngineWire w = Offline(version, OutboxPolicy.ReplaceSameTopic, 3, 16384);
            // Not full: two values of one topic are both kept.
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("t/a", "a1", 1));
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("t/a", "a2", 1));
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("t/b", "b1", 2));
            // Full: the oldest queued t/a goes, the new value takes its turn at the end.
            Assert.AreEqual((int)PublishResult.AcceptedDroppingOlder, (int)w.Publish("t/a", "a3", 1));
            // Full, no queued message on t/c: the oldest goes.
            Assert.AreEqual((int)PublishResult.AcceptedDroppingOlder, (int)w.Publish("t/c", "c1", 1));
            Outbox o = w.Engine.State.Outbox;
            Assert.AreEqual(1, o.Replaced);
            Assert.AreEqual(1, o.DroppedOldest);
            Assert.AreEqual("1,2", w.ArgumentsOf(SessionEvent.MessageDropped));
            // A topic that only shares a prefix or a hash bucket is not "the same topic".
            Assert.AreEqual((int)PublishResult.AcceptedDroppingOlder, (int)w.Publish("t/b/x", "x1", 1));
            Assert.AreEqual(2, o.DroppedOldest);
            Assert.AreEqual(1, o.Replaced);
            Assert.AreEqual("PUBLISH a3 2 q1, PUBLISH c1 3 q1, PUBLISH x1 4 q1", w.Online(true));
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void TopicsWithTheSameCrc32AreStillDifferentTopics(int version)
        {
            // "plumless" and "buckeroo" share the CRC-32 0x4DDB0C25: the hash finds a candidate,
            // only the topic read back from flash makes it the same topic.
            EngineWire w = Offline(version, OutboxPolicy.ReplaceSameTopic, 2, 16384);
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("plumless", "p1", 1));
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("buckeroo", "b1", 1));
            Assert.AreEqual((int)PublishResult.AcceptedDroppingOlder, (int)w.Publish("buckeroo", "b2", 1));
            Outbox o = w.Engine.State.Outbox;
            Assert.AreEqual(1, o.Replaced, "buckeroo's older value went, not plumless");
            Assert.AreEqual("PUBLISH p1 2 q1, PUBLISH b2 3 q1", w.Online(true));
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void TheLatestValueOfATopicReplacesItsQueuedOneEvenWithRoom(int version)
        {
            EngineWire w = Offline(version, OutboxPolicy.DropOldest, 8, 16384);
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Engine.PublishLatest(Slice.FromString("plumless"), Slice.FromString("p1"), 1, true));
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Engine.PublishLatest(Slice.FromString("buckeroo"), Slice.FromString("b1"), 1, true));
            Assert.AreEqual((int)PublishResult.AcceptedDroppingOlder, (int)w.Engine.PublishLatest(Slice.FromString("plumless"), Slice.FromString("p2"), 1, true));
            Assert.AreEqual("PUBLISH b1 2 q1, PUBLISH p2 3 q1", w.Online(true));
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void AfterARebootTheLatestValueStillReplacesTheQueuedOne(int version)
        {
            // The topic hashes of queued messages are rebuilt from flash at boot: a hash left at 0
            // would let the old value and the new one both go.
            EngineWire w = Offline(version, OutboxPolicy.DropOldest, 8, 16384);
            w.Engine.PublishLatest(Slice.FromString("relay/state"), Slice.FromString("on"), 1, true);
            w.Engine.PublishLatest(Slice.FromString("door/state"), Slice.FromString("open"), 1, true);
            w.Engine.CommitPending();
            w.Restart();
            Assert.AreEqual((int)PublishResult.AcceptedDroppingOlder, (int)w.Engine.PublishLatest(Slice.FromString("relay/state"), Slice.FromString("off"), 1, true));
            Assert.AreEqual("PUBLISH open 257 q1, PUBLISH off 258 q1", w.Online(true), "ids go on from the next reserved block after a reboot");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void ByteBoundDropsAsManyAsNeeded(int version)
        {
            EngineWire w = Offline(version, OutboxPolicy.DropOldest, 10, 2 * SmallRecord + 8);
            w.Publish("p1", 1);
            w.Publish("p2", 1);
            Assert.AreEqual((int)PublishResult.AcceptedDroppingOlder, (int)w.Publish("p3", 1), "count fits, bytes do not");
            Outbox o = w.Engine.State.Outbox;
            Assert.AreEqual(2, o.Count);
            Assert.AreEqual(2 * SmallRecord, o.Bytes);
            // A 40-byte message (record 11 + 9 + 9 + 40 = 69 bytes) needs both places.
            string big = "0123456789012345678901234567890123456789";
            Assert.AreEqual((int)PublishResult.AcceptedDroppingOlder, (int)w.Publish(big, 1));
            Assert.AreEqual(1, o.Count);
            Assert.AreEqual(69, o.Bytes);
            Assert.AreEqual(3, o.DroppedOldest);
            Assert.AreEqual("1,2,3", w.ArgumentsOf(SessionEvent.MessageDropped));
            // Bigger than the whole outbox: refused whatever the policy, online or not, nothing dropped.
            Assert.AreEqual((int)PublishResult.TooLarge, (int)w.Publish(big + "0123456789", 1));
            w.Online(true);
            Assert.AreEqual((int)PublishResult.TooLarge, (int)w.Publish(big + "0123456789", 1));
            Assert.AreEqual(3, o.DroppedOldest);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void OfflineMessagesArriveInOrderAcrossRebootAndReconnect(int version)
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig((MqttVersion)version));
            h.Boot();
            h.Connect();
            h.Publish("o1", 1);
            h.Pump();
            h.DropLink();
            for (int i = 2; i <= 7; i++) h.Publish("o" + i, (byte)(1 + i % 2));
            h.Restart();
            h.Publish("o8", 2);
            h.Connect();
            Assert.AreEqual(8, h.Broker.Delivered.Count);
            for (int i = 1; i <= 8; i++) Assert.AreEqual("o" + i, (string)h.Broker.Delivered[i - 1]);
            Assert.IsTrue(h.Engine.State.IsEmpty);
            Assert.AreEqual("", "" + h.CheckInvariants(true), "invariants");
        }

        [TestMethod]
        [DataRow(5, false)]
        [DataRow(5, true)]
        [DataRow(4, false)]
        [DataRow(4, true)]
        public void SessionLossWithAFullOutboxLosesNothing(int version, bool reboot)
        {
            SessionConfig c = EngineHarness.DefaultConfig((MqttVersion)version);
            c.InflightCapacity = 2;
            c.OutboxMessages = 2;
            DeviceHarness h = new DeviceHarness(c);
            h.Boot();
            h.Connect();
            // Two accepted into flight as the link goes, then two more fill the outbox.
            h.Publish("m1", 1);
            h.Publish("m2", 2);
            h.DropLink();
            Assert.AreEqual((int)PublishResult.Accepted, (int)h.Publish("m3", 1));
            Assert.AreEqual((int)PublishResult.Accepted, (int)h.Publish("m4", 2));
            if (reboot) h.Restart();
            h.Broker.LoseSessionOnNextConnect = true;
            h.Connect();
            Assert.AreEqual(1, h.SessionLostEvents);
            // The broker lost the session; the device still has all four and sends them as new, in order.
            Assert.AreEqual("", "" + h.CheckInvariants(false), "invariants");
            Assert.AreEqual(0, h.Dropped.Count);
            Assert.AreEqual(4, h.Broker.Delivered.Count);
            for (int i = 1; i <= 4; i++) Assert.AreEqual("m" + i, (string)h.Broker.Delivered[i - 1]);
            Assert.IsTrue(h.Engine.State.IsEmpty);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void RequeuedMessagesCountAgainstTheBoundForNewOnes(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Config.InflightCapacity = 2;
            w.Config.OutboxMessages = 2;
            w.Boot();
            w.FirstOnline();
            w.Publish("m1", 1);
            w.Publish("m2", 1);
            Assert.AreEqual("PUBLISH m1 2 q1, PUBLISH m2 3 q1", w.Drain());
            w.Lose();
            w.Publish("m3", 1);
            w.Publish("m4", 1);
            w.Connect();
            w.ConnAck(false);
            Assert.AreEqual(4, w.Engine.State.Outbox.Count, "m1..m4 queued again, over the bound for a moment");
            w.ClearEvents();
            // A new message must make room by policy (DropOldest: m1 goes, reported).
            Assert.AreEqual((int)PublishResult.AcceptedDroppingOlder, (int)w.Publish("m5", 1));
            Assert.AreEqual("1,2,3", w.ArgumentsOf(SessionEvent.MessageDropped));
            Assert.AreEqual("SUBSCRIBE 4, PUBLISH m4 5 q1, PUBLISH m5 6 q1", w.Drain());
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Session;

namespace NanoMqtt.Tests.Session
{
    /// <summary>The session's fixed tables at their edges: order, bounds, full and empty, the slot
    /// after the last, and what each slot keeps.</summary>
    [TestClass]
    public class SessionTablesTests
    {
        [TestMethod]
        public void TheInflightTableKeepsMessageOrderAndEverySlotsFields()
        {
            InflightTable t = new InflightTable(3);
            Assert.IsTrue(t.Add(7, 30, InflightTable.AwaitingPubAck, 300, 33, 0x10003), "");
            Assert.IsTrue(t.Add(5, 10, InflightTable.AwaitingPubRec, 100, 11, 1), "");
            Assert.IsTrue(t.Add(6, 20, InflightTable.AwaitingPubComp, 200, 22, 2), "");
            Assert.IsFalse(t.Add(8, 40, InflightTable.AwaitingPubAck, 400, 44, 4), "full");
            Assert.AreEqual(3, t.Count, "");
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual((uint)(10 * (i + 1)), t.GetMessageNumber(i), "");
                Assert.AreEqual(5 + i, (int)t.GetPacketId(i), "");
                Assert.AreEqual(100 * (i + 1), t.GetOffset(i), "");
                Assert.AreEqual(11 * (i + 1), t.GetSize(i), "");
            }
            Assert.AreEqual(InflightTable.AwaitingPubRec, t.GetState(0), "");
            Assert.AreEqual(InflightTable.AwaitingPubComp, t.GetState(1), "");
            Assert.AreEqual(3u, t.GetTopicHash(2), "16 bits of the hash are kept");
            t.SetOffset(1, 250);
            Assert.AreEqual(250, t.GetOffset(1), "");
            t.RemoveAt(2);
            Assert.AreEqual(-1, t.IndexOf(7), "the slot after the last is not searched");
            Assert.AreEqual(1, t.IndexOf(6), "");
            Assert.IsTrue(t.Add(9, 15, InflightTable.AwaitingPubAck, 150, 15, 0), "a slot free again");
            Assert.AreEqual(1, t.IndexOf(9), "between 10 and 20");
            Assert.AreEqual(2, t.IndexOf(6), "");
        }

        [TestMethod]
        public void TheOutboxBoundsCountAndBytesToTheByteAndKeepsItsSpareSlots()
        {
            Outbox o = new Outbox(2, 100, 1);
            Assert.IsTrue(o.CanEverHold(100), "");
            Assert.IsFalse(o.CanEverHold(101), "");
            Assert.IsFalse(new Outbox(0, 100, 1).CanEverHold(1), "no message ever fits an outbox of none");
            Assert.IsTrue(o.HasRoomFor(100), "");
            Assert.IsTrue(o.Add(20, 200, 60, 0x10002), "");
            Assert.IsTrue(o.HasRoomFor(40), "");
            Assert.IsFalse(o.HasRoomFor(41), "");
            Assert.IsTrue(o.Add(10, 100, 40, 1), "");
            Assert.AreEqual(100, o.Bytes, "");
            Assert.IsFalse(o.HasRoomFor(0), "two messages: full by count");
            Assert.IsTrue(o.Add(30, 300, 10, 3), "a spare slot for a message coming back from flight");
            Assert.IsFalse(o.Add(40, 400, 10, 4), "spare slots taken too");
            Assert.AreEqual(10u, o.GetMessageNumber(0), "");
            Assert.AreEqual(100, o.GetOffset(0), "");
            Assert.AreEqual(60, o.GetSize(1), "");
            Assert.AreEqual(2u, o.GetTopicHash(1), "");
            Assert.AreEqual(1, o.IndexOf(20), "");
            Assert.AreEqual(-1, o.IndexOf(99), "");
            Assert.AreEqual(1, o.IndexOfTopic(2, 0), "");
            Assert.AreEqual(-1, o.IndexOfTopic(1, 1), "from the start given");
            o.SetOffset(2, 350);
            Assert.AreEqual(350, o.GetOffset(2), "");
            o.RemoveAt(2);
            Assert.AreEqual(-1, o.IndexOf(30), "the slot after the last is not searched");
            Assert.AreEqual(-1, o.IndexOfTopic(3, 0), "");
            o.RemoveAt(0);
            Assert.AreEqual(60, o.Bytes, "");
            Assert.AreEqual(20u, o.GetMessageNumber(0), "");
            Outbox none = new Outbox(1, 10, -5);
            Assert.IsTrue(none.Add(1, 0, 1, 0), "");
            Assert.IsFalse(none.Add(2, 0, 1, 0), "a negative spare is no slot");
        }

        [TestMethod]
        public void TheEventQueueOverwritesItsOldestWhenFullAndCountsIt()
        {
            EventQueue q = new EventQueue(2);
            q.Add(SessionEvent.Connected, 1);
            q.Add(SessionEvent.MessageCompleted, 2);
            q.Add(SessionEvent.MessageDropped, 3);
            Assert.AreEqual(1, q.Overwritten, "");
            Assert.AreEqual(2, q.Count, "");
            SessionEvent e;
            int a;
            Assert.IsTrue(q.TryTake(out e, out a), "");
            Assert.AreEqual((int)SessionEvent.MessageCompleted, (int)e, "");
            Assert.AreEqual(2, a, "");
            q.Add(SessionEvent.SessionLost, 4);
            Assert.IsTrue(q.TryTake(out e, out a), "");
            Assert.AreEqual(3, a, "");
            Assert.IsTrue(q.TryTake(out e, out a), "");
            Assert.AreEqual(4, a, "");
            Assert.IsFalse(q.TryTake(out e, out a), "");
            Assert.AreEqual(1, q.Overwritten, "");
        }

        [TestMethod]
        public void TheAppStateTableTakesValuesUpToItsCapacityAndNewKeysWhileItHasRoom()
        {
            AppStateTable t = new AppStateTable(1, 3);
            byte[] v = new byte[] { 9, 1, 2, 3 };
            Assert.IsFalse(t.Set(v, 0, 0), "an empty value");
            Assert.IsFalse(t.Set(v, 0, 4), "over the capacity");
            Assert.IsTrue(t.Set(v, 0, 3), "");
            Assert.IsTrue(t.Set(v, 0, 1), "the same key again");
            Assert.IsFalse(t.Set(v, 1, 1), "a new key, no room");
            int offset, length;
            t.GetValue(0, out offset, out length);
            Assert.AreEqual(1, length, "");
            AppStateTable wide = new AppStateTable(1, 300);
            Assert.IsTrue(wide.Set(new byte[300], 0, 255), "");
            Assert.IsFalse(wide.Set(new byte[300], 0, 256), "a value's length is one byte");
        }

        [TestMethod]
        public void IdsHeldInTheFirstRunAreHeldWhenTheTableIsFull()
        {
            IncomingQoS2Table t = new IncomingQoS2Table(2);
            Assert.IsTrue(t.Add(10), "");
            Assert.IsTrue(t.Add(20), "");
            Assert.IsTrue(t.CanAdd(10), "");
            Assert.IsTrue(t.Add(10), "");
            Assert.AreEqual(2, t.Count, "");
        }

        [TestMethod]
        public void RunsThatComeToTouchBecomeOneWhicheverGrew()
        {
            IncomingQoS2Table t = new IncomingQoS2Table(2);
            // Run 0 is 4-5, run 1 is 1-2: 3 grows run 0 downwards to meet run 1.
            t.Add(4);
            t.Add(5);
            t.Add(1);
            t.Add(2);
            Assert.IsTrue(t.Add(3), "");
            Assert.AreEqual(1, t.Runs, "");
            Assert.AreEqual(1, (int)t.First(0), "");
            Assert.AreEqual(5, (int)t.Last(0), "");
            // Run 0 is 10-11, run 1 is 13: 12 grows run 0 upwards to meet run 1.
            t.Clear();
            t.Add(10);
            t.Add(11);
            t.Add(13);
            Assert.IsTrue(t.Add(12), "");
            Assert.AreEqual(1, t.Runs, "");
            Assert.AreEqual(13, (int)t.Last(0), "");
            Assert.IsTrue(t.Add(30), "the merge freed a run");
            Assert.IsFalse(t.Remove(12), "a split needs a free run: none is left");
            Assert.IsTrue(t.Remove(13), "an end needs none");
            Assert.AreEqual(12, (int)t.Last(0), "");
        }

        [TestMethod]
        public void TheAllocatorTakesABlockOfOneAtLeastAndReservesAcrossTheWrap()
        {
            InUse none = new InUse();
            PacketIdAllocator a = new PacketIdAllocator(0);
            int end;
            Assert.AreEqual(1, (int)a.Peek(none, out end), "");
            Assert.AreEqual(2, end, "a block of at least one id");
            a.Restore(65534);
            Assert.AreEqual(65534, (int)a.Peek(none, out end), "");
            Assert.AreEqual(65535, end, "");
            a.Reserve(end);
            a.Take(65534);
            Assert.AreEqual(65535, (int)a.Peek(none, out end), "");
            Assert.AreEqual(1, end, "the block ends past the wrap");
            a.Reserve(end);
            a.Take(65535);
            Assert.AreEqual(1, (int)a.Peek(none, out end), "");
            Assert.AreEqual(2, end, "");
        }

        [TestMethod]
        public void SessionConfigDefaults()
        {
            SessionConfig c = new SessionConfig();
            Assert.AreEqual("nanomqtt", c.ClientId, "");
            Assert.AreEqual("nanomqtt.journal", c.JournalName, "");
            Assert.IsTrue(c.WillRetain, "");
            Assert.AreEqual(256, c.PacketIdBlock, "");
        }

        private class InUse : IPacketIdsInUse
        {
            public bool IsInUse(ushort packetId)
            {
                return false;
            }
        }
    }
}

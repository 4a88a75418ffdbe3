using nanoFramework.TestFramework;
using NanoMqtt.Session;

namespace NanoMqtt.Tests.Session
{
    /// <summary>The resends of a kept session: PUBRELs first, then PUBLISHes in order, once each, within the window.</summary>
    [TestClass]
    public class ResendScheduleTests
    {
        private static InflightTable Table()
        {
            InflightTable t = new InflightTable(4);
            t.Add(11, 1, InflightTable.AwaitingPubAck, 0, 10, 0);
            t.Add(12, 2, InflightTable.AwaitingPubComp, 0, 10, 0);
            t.Add(13, 3, InflightTable.AwaitingPubRec, 0, 10, 0);
            t.Add(14, 4, InflightTable.AwaitingPubComp, 0, 10, 0);
            return t;
        }

        private static string Take(ResendSchedule s, int window)
        {
            string all = "";
            ushort id;
            while (s.TryNext(window, 0, out id)) all += id + " ";
            return all;
        }

        [TestMethod]
        public void PubRelsComeFirstThenPublishesEachInOriginalOrder()
        {
            ResendSchedule s = new ResendSchedule(Table());
            s.Fill(new ushort[0], 0);
            Assert.AreEqual("12 14 11 13 ", Take(s, 10));
            Assert.AreEqual("", Take(s, 10), "each at most once per connection");
        }

        [TestMethod]
        public void APublishWaitsWhileTheWindowIsFullButAPubRelDoesNot()
        {
            InflightTable t = Table();
            ResendSchedule s = new ResendSchedule(t);
            s.Fill(new ushort[0], 0);
            // Window 2: the two PUBRELs hold quota (4 in flight, 2 PUBLISHes still to go).
            Assert.AreEqual("12 14 ", Take(s, 2));
            Assert.AreEqual(2, s.Remaining);
            Assert.AreEqual("", Take(s, 2), "4 in flight, 2 of them still to resend: 2 hold quota");
            t.RemoveAt(t.IndexOf(12));
            Assert.AreEqual("11 ", Take(s, 2), "one slot free: one PUBLISH");
            t.RemoveAt(t.IndexOf(14));
            Assert.AreEqual("13 ", Take(s, 2));
        }

        [TestMethod]
        public void AMessageCompletedMeanwhileIsNotCountedAgainstTheWindow()
        {
            InflightTable t = Table();
            ResendSchedule s = new ResendSchedule(t);
            s.Fill(new ushort[0], 0);
            Assert.AreEqual("12 14 ", Take(s, 2));
            t.RemoveAt(t.IndexOf(12));
            t.RemoveAt(t.IndexOf(14));
            t.RemoveAt(t.IndexOf(11));
            ushort id;
            Assert.IsTrue(s.TryNext(1, 0, out id), "the completed 11 is handed out (the flow skips it)");
            Assert.AreEqual(11, (int)id);
            Assert.IsTrue(s.TryNext(1, 0, out id));
            Assert.AreEqual(13, (int)id);
        }

        [TestMethod]
        public void MessagesNeverWrittenAreNoResendAndHoldNoQuota()
        {
            InflightTable t = Table();
            ResendSchedule s = new ResendSchedule(t);
            // 11 was taken in flight, but the link went before its PUBLISH was written.
            s.Fill(new ushort[] { 11, 99 }, 1);
            Assert.AreEqual(3, s.Remaining);
            Assert.AreEqual("12 14 13 ", Take(s, 10));
            s.Fill(new ushort[] { 11 }, 1);
            Assert.AreEqual("12 14 ", Take(s, 3));
            ushort id;
            Assert.IsFalse(s.TryNext(3, 0, out id), "counted as written, 11 would hold quota");
            Assert.IsTrue(s.TryNext(3, 1, out id), "4 in flight: the 2 PUBRELs hold quota, 13 is still to go and 11 unwritten");
            Assert.AreEqual(13, (int)id);
        }

        [TestMethod]
        public void ClearedWhenTheConnectionIsGone()
        {
            ResendSchedule s = new ResendSchedule(Table());
            s.Fill(new ushort[0], 0);
            s.Clear();
            Assert.AreEqual(0, s.Remaining);
            Assert.AreEqual("", Take(s, 10));
        }
    }
}

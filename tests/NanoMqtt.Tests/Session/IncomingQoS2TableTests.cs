using nanoFramework.TestFramework;
using NanoMqtt.Session;

namespace NanoMqtt.Tests.Session
{
    /// <summary>The incoming QoS 2 id table keeps runs of consecutive ids: any number of them in
    /// one run, one run per isolated id, and a release never loses track of an id.</summary>
    [TestClass]
    public class IncomingQoS2TableTests
    {
        private static string Describe(IncomingQoS2Table t)
        {
            string s = "";
            for (int k = 0; k < t.Runs; k++) s += (s.Length > 0 ? " " : "") + t.First(k) + "-" + t.Last(k);
            return s;
        }

        [TestMethod]
        public void AThousandConsecutiveIdsAreOneRun()
        {
            IncomingQoS2Table t = new IncomingQoS2Table(1);
            for (int id = 1; id <= 1000; id++) Assert.IsTrue(t.Add((ushort)id), "id " + id);
            Assert.AreEqual(1000, t.Count);
            Assert.AreEqual("1-1000", Describe(t));
            for (int id = 1; id <= 1000; id++) Assert.IsTrue(t.Remove((ushort)id), "released in order: " + id);
            Assert.AreEqual(0, t.Count);
            Assert.AreEqual(0, t.Runs);
        }

        [TestMethod]
        public void IsolatedIdsTakeARunEachUntilNoneIsLeft()
        {
            IncomingQoS2Table t = new IncomingQoS2Table(2);
            Assert.IsTrue(t.Add(10));
            Assert.IsTrue(t.Add(20));
            Assert.IsFalse(t.CanAdd(30), "no run left, and 30 extends neither");
            Assert.IsFalse(t.Add(30));
            Assert.IsTrue(t.CanAdd(11), "11 extends 10");
            Assert.IsTrue(t.CanAdd(19), "19 extends 20 downwards");
            Assert.IsTrue(t.CanAdd(20), "held already");
            Assert.AreEqual(2, t.Count);
        }

        [TestMethod]
        public void AnIdBetweenTwoRunsJoinsThem()
        {
            IncomingQoS2Table t = new IncomingQoS2Table(2);
            t.Add(1); t.Add(2); t.Add(4); t.Add(5);
            Assert.AreEqual("1-2 4-5", Describe(t));
            Assert.IsTrue(t.Add(3));
            Assert.AreEqual("1-5", Describe(t));
            Assert.IsTrue(t.Add(9), "the joined run freed one");
            Assert.AreEqual(6, t.Count);
        }

        [TestMethod]
        public void ReleasingInsideARunSplitsItWhenARunIsFreeAndRefusesOtherwise()
        {
            IncomingQoS2Table t = new IncomingQoS2Table(2);
            for (int id = 1; id <= 5; id++) t.Add((ushort)id);
            Assert.IsTrue(t.Remove(3));
            Assert.AreEqual("1-2 4-5", Describe(t));
            Assert.IsFalse(t.Contains(3));
            Assert.IsTrue(t.Contains(4));
            Assert.IsTrue(t.Remove(4), "an end of a run goes with every run in use");
            Assert.AreEqual("1-2 5-5", Describe(t));
            t.Add(4); t.Add(3);
            t.Add(20);
            Assert.AreEqual(2, t.Runs);
            Assert.IsFalse(t.CanRemove(3), "3 is inside 1-5 and both runs are in use");
            Assert.IsFalse(t.Remove(3));
            Assert.IsTrue(t.Contains(3), "a refused release keeps the id");
            Assert.IsTrue(t.CanRemove(1));
            Assert.IsTrue(t.CanRemove(5));
            Assert.IsFalse(t.CanRemove(7), "not held");
        }

        [TestMethod]
        public void IdsNeitherWrapNorIncludeZero()
        {
            IncomingQoS2Table t = new IncomingQoS2Table(2);
            Assert.IsFalse(t.Add(0), "0 is no packet id");
            Assert.IsTrue(t.Add(65535));
            Assert.IsTrue(t.Add(1));
            Assert.AreEqual(2, t.Runs, "65535 and 1 stay apart");
            Assert.IsTrue(t.Remove(65535));
            Assert.AreEqual("1-1", Describe(t));
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>
    /// The messages of one read are one group: delivered one by one, journaled in one commit, and
    /// acted on together once that commit is on flash, before any acknowledgement leaves.
    /// </summary>
    [TestClass]
    public class BatchDeliveryTests
    {
        private static EngineWire Online(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            return w;
        }

        private static int Batch(EngineWire w, byte qos, int count, byte[] bytes)
        {
            int at = 0;
            for (int i = 1; i <= count; i++) at = w.Encode("nanomqtt/dev/out/led/set", "m" + i, qos, i, bytes, at);
            return at;
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void SixteenQoS2CommandsInOneReadAreOneCommitThenActedOnTogether(int version)
        {
            EngineWire w = Online(version);
            byte[] bytes = new byte[4096];
            int length = Batch(w, 2, 16, bytes);
            int commits = w.Flash.Commits;
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.Stream(bytes, length, length));
            Assert.AreEqual(1, w.Flash.Commits - commits, "one commit for the read");
            Assert.AreEqual(16, w.App.Applied.Count, "all acted on, after the commit");
            Assert.AreEqual(16, w.Engine.State.Incoming.Count);
            string acks = w.Drain();
            Assert.IsTrue(acks.IndexOf("PUBREC 1") == 0 && acks.IndexOf("PUBREC 16") > 0, acks);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void NothingIsActedOnBeforeItsGroupIsOnFlash(int version)
        {
            EngineWire w = Online(version);
            w.Flash.AtomicCommits = true;
            byte[] bytes = new byte[4096];
            int length = Batch(w, 2, 4, bytes);
            // The power goes at the read's commit (create, its one record, commit): nothing of it was
            // acted on, nothing is on flash.
            w.Engine.CommitPending();
            w.Flash.CutAt(w.Flash.Writes + 2, 0);
            bool cut = false;
            try
            {
                w.Stream(bytes, length, length);
            }
            catch (PowerCutException)
            {
                cut = true;
            }
            Assert.IsTrue(cut, "the cut came at the commit");
            Assert.AreEqual(0, w.App.Applied.Count);
            w.Boot();
            Assert.AreEqual(0, w.Engine.State.Incoming.Count, "the broker sends them all again");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void AReadWhoseGroupTheFlashRefusesActsOnNothingAndAcknowledgesNothing(int version)
        {
            EngineWire w = Online(version);
            byte[] bytes = new byte[4096];
            int length = Batch(w, 2, 3, bytes);
            int before = w.Flash.TotalBytes;
            // No room for the read's record.
            w.Flash.Capacity = before + NanoMqtt.Storage.Journal.RecordOverhead;
            Assert.AreEqual((int)SessionStatus.StorageFailed, (int)w.Stream(bytes, length, length));
            Assert.AreEqual(0, w.App.Applied.Count, "the whole read goes, as after a power cut");
            Assert.AreEqual(0, w.Engine.State.Incoming.Count);
            Assert.AreEqual("", w.Drain(), "no acknowledgement: the broker sends them again");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void QoS1CommandsOfOneReadAreOneCommitTooAndAcknowledgedAfterIt(int version)
        {
            EngineWire w = Online(version);
            byte[] bytes = new byte[4096];
            int length = Batch(w, 1, 10, bytes);
            int commits = w.Flash.Commits;
            w.Stream(bytes, length, length);
            Assert.AreEqual(10, w.App.AtLeastOnce.Count);
            Assert.IsTrue(w.Flash.Commits - commits <= 1, "at most one commit (none when the application keeps no state)");
            string acks = w.Drain();
            Assert.IsTrue(acks.IndexOf("PUBACK 10") > 0, acks);
        }
    }
}

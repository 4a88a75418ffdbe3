using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>Messages published in a batch go to flash in one commit, at its end or before the first of them is sent.</summary>
    [TestClass]
    public class BatchPublishTests
    {
        private static EngineWire Offline(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.Lose();
            w.Engine.CommitPending();
            return w;
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void ABatchOfFiveIsOneCommit(int version)
        {
            EngineWire w = Offline(version);
            int commits = w.Flash.Commits;
            w.Engine.BeginBatch();
            for (int i = 1; i <= 5; i++) Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("b" + i, 1));
            Assert.AreEqual(0, w.Flash.Commits - commits, "nothing committed inside the batch");
            Assert.AreEqual((int)JournalStatus.Ok, (int)w.Engine.EndBatch());
            Assert.AreEqual(1, w.Flash.Commits - commits);
            w.Boot();
            Assert.AreEqual(5, w.Engine.State.Outbox.Count, "all five on flash");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void ABatchNotYetEndedIsLostToAPowerCutAndNothingOfItWasSent(int version)
        {
            EngineWire w = Offline(version);
            w.Flash.AtomicCommits = true;
            w.Engine.BeginBatch();
            w.Publish("b1", 2);
            w.Publish("b2", 2);
            w.Boot();
            Assert.AreEqual(0, w.Engine.State.Outbox.Count, "a batch is on flash only at its end");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void QueuedQoS2MessagesGoOutWithTheirIdsInOneCommit(int version)
        {
            EngineWire w = Offline(version);
            for (int i = 1; i <= 4; i++) w.Publish("q" + i, 2);
            w.Connect();
            w.ConnAck(true);
            w.Engine.CommitPending();
            int commits = w.Flash.Commits;
            string sent = w.Drain();
            Assert.IsTrue(sent.IndexOf("PUBLISH q1") == 0 && sent.IndexOf("PUBLISH q4") > 0, sent);
            Assert.AreEqual(1, w.Flash.Commits - commits, "the four packet ids are committed together, before the first PUBLISH");
            w.Flash.AtomicCommits = true;
            w.Boot();
            Assert.AreEqual(4, w.Engine.State.Inflight.Count, "all four in flight on flash: resent with their ids");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void ABatchIsCommittedBeforeTheFirstOfItsMessagesIsSent(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.Engine.CommitPending();
            w.Flash.AtomicCommits = true;
            w.Engine.BeginBatch();
            w.Publish("b1", 1);
            int commits = w.Flash.Commits;
            Assert.AreEqual("PUBLISH b1 2 q1", w.Drain());
            Assert.AreEqual(1, w.Flash.Commits - commits, "committed before the PUBLISH left");
            w.Engine.EndBatch();
        }
    }
}

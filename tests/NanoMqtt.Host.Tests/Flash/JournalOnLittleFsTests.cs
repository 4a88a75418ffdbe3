using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Host.Flash;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Host.Tests.Flash
{
    /// <summary>The journal's costs on the LittleFS cost model, against the budget the design sets.</summary>
    [TestClass]
    public class JournalOnLittleFsTests
    {
        private sealed class NoEffects : IMessageHandler
        {
            public int Deliver(PublishPacket message, byte[] effect, int offset, int capacity) => 0;
            public void Commit() { }
            public void Forget() { }
            public void Restore(byte[] effect, int offset, int length) { }
        }

        private static SessionConfig Config() => new()
        {
            ClientId = "nanomqtt-0011223344ff",
            Subscriptions = new[] { "nanomqtt/nanomqtt-0011223344ff/out/+/set" },
            SubscriptionOptions = new byte[] { 2 },
        };

        [TestMethod]
        [DataRow(8)]
        [DataRow(64)]
        public void ACompactionCostsAtMostItsLiveBytesOver4096PlusTwoErases(int queued)
        {
            var model = new LittleFsModel();
            var engine = new SessionEngine(Config(), model, new NoEffects());
            engine.Open();
            var payload = new byte[48];
            for (int i = 0; i < queued; i++)
                Assert.AreEqual(PublishResult.Accepted, engine.Publish(Slice.FromString("nanomqtt/nanomqtt-0011223344ff/in/door"), Slice.Of(payload), 1, false));
            var before = model.Snapshot();
            Assert.AreEqual(NanoMqtt.Storage.JournalStatus.Ok, engine.Journal.Compact());
            var cost = model.Snapshot().Since(before);
            int live = engine.Journal.Length;
            double budget = live / 4096.0 + 2;
            Console.WriteLine($"{queued} queued messages: compaction of {live} live bytes cost {cost.Erases} erases, {cost.Commits} commits (budget {budget:F2})");
            Assert.IsTrue(cost.Erases <= budget, $"{cost.Erases} erases for {live} live bytes");
            Assert.IsTrue(cost.Commits <= 2, "one commit for the new base (and one to delete a stale one)");
        }

        [TestMethod]
        public void AQueuedMessageIsOneSmallCommitToAnInlinePart()
        {
            var model = new LittleFsModel();
            var engine = new SessionEngine(Config(), model, new NoEffects());
            engine.Open();
            var topic = Slice.FromString("nanomqtt/nanomqtt-0011223344ff/in/door");
            // Once round the ring, so every part exists (a part's first creation is a commit of its own).
            for (int i = 0; i < 20; i++) engine.Publish(topic, Slice.FromString("x" + i), 1, false);
            long commits = 0, programmed = 0, erases = 0;
            int measured = 0;
            for (int i = 0; i < 12; i++)
            {
                var before = model.Snapshot();
                engine.Publish(topic, Slice.FromString("y" + i), 1, false);
                var cost = model.Snapshot().Since(before);
                if (cost.MetadataCompactions > 0 || cost.Commits > 1) continue;
                measured++;
                commits += cost.Commits;
                programmed += cost.ProgrammedBytes;
                erases += cost.Erases;
            }
            Console.WriteLine($"{measured} messages measured apart from compactions: {commits} commits, {programmed} B programmed, {erases} erases");
            Assert.IsTrue(measured >= 8, "most messages are a single commit");
            Assert.AreEqual(measured, (int)commits);
            Assert.AreEqual(128L * measured, programmed, "one 128 B program unit of the metadata log each: the part is inline");
            Assert.AreEqual(0L, erases);
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Storage
{
    /// <summary>The journal's commits: records of a group reach flash together at Commit, a ring of
    /// parts holds the base and the groups after it, compaction writes one part in one commit.</summary>
    [TestClass]
    public class GroupCommitTests
    {
        private const string Name = "j";

        private static Journal Opened(FaultyFlash flash, KeyValueState state, int maxBytes, int parts)
        {
            Journal journal = new Journal(flash, Name, maxBytes, 300, parts);
            journal.Open(state);
            return journal;
        }

        private static JournalStatus Add(Journal journal, int key, int value, bool urgent)
        {
            JournalStatus st = journal.BeginRecord(2);
            if (st != JournalStatus.Ok) return st;
            journal.RecordBuffer[Journal.PayloadAt] = (byte)key;
            journal.RecordBuffer[Journal.PayloadAt + 1] = (byte)value;
            return journal.CommitRecord(1, 2, urgent);
        }

        private static string Replayed(FaultyFlash flash, int parts)
        {
            flash.Reboot();
            KeyValueState back = new KeyValueState();
            new Journal(flash, Name, 4096, 300, parts).Open(back);
            return back.Describe();
        }

        [TestMethod]
        public void RecordsOfAGroupReachFlashOnlyAtItsCommit()
        {
            FaultyFlash flash = new FaultyFlash();
            flash.AtomicCommits = true;
            Journal journal = Opened(flash, new KeyValueState(), 4096, 8);
            int commits = flash.Commits;
            Assert.AreEqual((int)JournalStatus.Ok, (int)Add(journal, 1, 10, false));
            Assert.AreEqual((int)JournalStatus.Ok, (int)Add(journal, 2, 20, true));
            Assert.IsTrue(journal.HasPending);
            Assert.IsTrue(journal.MustCommit, "an urgent record makes the group due");
            Assert.AreEqual(commits, flash.Commits, "nothing committed yet");
            Assert.AreEqual("", Replayed(flash, 8), "a power cut now loses the whole group");
            flash = new FaultyFlash();
            flash.AtomicCommits = true;
            journal = Opened(flash, new KeyValueState(), 4096, 8);
            Add(journal, 1, 10, false);
            Add(journal, 2, 20, true);
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.Commit());
            Assert.IsFalse(journal.HasPending);
            Assert.AreEqual(1, flash.Commits - commits, "two records, one commit");
            Assert.AreEqual("1=1:10;2=1:20;", Replayed(flash, 8));
        }

        [TestMethod]
        public void ARecordThatIsNotUrgentLeavesTheGroupUndue()
        {
            Journal journal = Opened(new FaultyFlash(), new KeyValueState(), 4096, 8);
            Add(journal, 1, 10, false);
            Assert.IsTrue(journal.HasPending);
            Assert.IsFalse(journal.MustCommit);
        }

        [TestMethod]
        public void EachCommitWritesTheNextPartAndTheRingCompactsBeforeItRunsOut()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = Opened(flash, state, 4096, 5);
            Assert.AreEqual(1, journal.ChainParts, "a new journal is its base");
            for (int i = 1; i <= 3; i++)
            {
                state.Put(journal, i, KeyValueState.Value(2, i));
                Assert.AreEqual(1 + i, journal.ChainParts);
                Assert.AreEqual(0, journal.Compactions);
            }
            // Four parts used: the fifth must stay free for the next base, so the next group compacts
            // first, and goes into the new base's part: one commit for both.
            int commits = flash.Commits;
            state.Put(journal, 4, KeyValueState.Value(2, 4));
            Assert.AreEqual(1, journal.Compactions);
            Assert.AreEqual(1, flash.Commits - commits, "the new base and the group, in one commit");
            Assert.AreEqual(1, journal.ChainParts, "the new base holds the group");
            Assert.AreEqual(4, journal.BasePart, "the base went into the free part");
            Assert.AreEqual("1=2:1;2=2:2;3=2:3;4=2:4;", Replayed(flash, 5));
        }

        [TestMethod]
        public void ACompactionBeforeARecordThatIsNotUrgentWaitsForItsGroup()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = Opened(flash, state, 4096, 5);
            for (int i = 1; i <= 3; i++) state.Put(journal, i, KeyValueState.Value(2, i));
            int commits = flash.Commits;
            Assert.AreEqual((int)JournalStatus.Ok, (int)Add(journal, 4, 4, false));
            Assert.IsTrue(journal.HasPending);
            Assert.IsFalse(journal.MustCommit, "what the new base holds is on flash already");
            Assert.AreEqual(commits, flash.Commits);
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.Commit());
            Assert.AreEqual(1, journal.Compactions);
            Assert.AreEqual(1, journal.ChainParts);
            Assert.AreEqual(commits + 1, flash.Commits);
            Assert.Contains("4=", Replayed(flash, 5));
        }

        [TestMethod]
        public void ABaseCutShortInTheGroupAfterItLeavesTheChainBeforeIt()
        {
            // Where a write can be torn: the base and the group share a part; the part's last write,
            // the group's record, is cut after 1, 6 or 11 bytes. That part was never committed, so the chain
            // before it, whole, is the journal.
            int writes = WritesOfTheCompactingPut();
            for (int landed = 1; landed <= 12; landed += 5)
            {
                FaultyFlash flash = new FaultyFlash();
                flash.AtomicCommits = false;
                KeyValueState state = new KeyValueState();
                Journal journal = Opened(flash, state, 4096, 5);
                for (int i = 1; i <= 3; i++) state.Put(journal, i, KeyValueState.Value(2, i));
                flash.CutAt(flash.Writes + writes - 2, landed);
                try
                {
                    state.Put(journal, 4, KeyValueState.Value(2, 4));
                    Assert.IsTrue(false, "the cut was not reached");
                }
                catch (PowerCutException)
                {
                }
                flash.Reboot();
                KeyValueState back = new KeyValueState();
                Journal reopened = new Journal(flash, Name, 4096, 300, 5);
                Assert.AreEqual((int)JournalOpenResult.Resumed, (int)reopened.Open(back), landed + " bytes landed");
                Assert.AreEqual(0, reopened.BasePart, "the old base");
                Assert.AreEqual(4, reopened.ChainParts);
                Assert.AreEqual("1=2:1;2=2:2;3=2:3;", back.Describe());
            }
        }

        // The store calls the put that compacts makes: create, header, three live records, seal, its
        // own record, commit.
        private static int WritesOfTheCompactingPut()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = Opened(flash, state, 4096, 5);
            for (int i = 1; i <= 3; i++) state.Put(journal, i, KeyValueState.Value(2, i));
            int before = flash.Writes;
            state.Put(journal, 4, KeyValueState.Value(2, 4));
            Assert.AreEqual(1, journal.Compactions);
            return flash.Writes - before;
        }

        [TestMethod]
        public void AStaleBaseOverTheInlineSizeIsDeletedOnceTheNewOneIsSealed()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = Opened(flash, state, 4096, 8);
            int small = journal.BasePart;
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.Compact());
            Assert.IsNotNull(flash.Snapshot(Name, small), "a base of a few bytes stays inline on LittleFS: it is left for its part to come round");
            for (int k = 0; k < 12; k++) state.Put(journal, k, KeyValueState.Value(60, k));
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.Compact());
            int large = journal.BasePart;
            Assert.IsTrue(flash.Snapshot(Name, large).Length > 512);
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.Compact());
            Assert.IsNull(flash.Snapshot(Name, large), "a stale base over 512 B would hold flash blocks");
            Assert.AreEqual(state.Describe(), Replayed(flash, 8));
        }

        [TestMethod]
        public void PartsOverTheInlineSizeAreFewAndNoneIsLeftStale()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = new Journal(flash, Name, 16384, 700, 8);
            journal.Open(state);
            for (int i = 0; i < 40; i++)
            {
                // A group of one 611-byte record: over LittleFS's 512 B inline size, a part holding blocks.
                Assert.AreEqual((int)JournalStatus.Ok, (int)state.Put(journal, i % 3, KeyValueState.Value(600, i)));
                int big = 0;
                for (int part = 0; part < journal.Parts; part++)
                {
                    byte[] content = flash.Snapshot(Name, part);
                    if (content != null && content.Length > 512) big++;
                }
                // The base (the three live values) and at most two groups after it; stale ones are deleted.
                Assert.IsTrue(big <= 3, "after put " + i + ": " + big + " parts over 512 B");
            }
            flash.Reboot();
            KeyValueState back = new KeyValueState();
            new Journal(flash, Name, 16384, 700, 8).Open(back);
            Assert.AreEqual(state.Describe(), back.Describe());
        }

        [TestMethod]
        public void ARecordStillInTheBufferIsReadWithoutTheFlash()
        {
            FaultyFlash flash = new FaultyFlash();
            Journal journal = Opened(flash, new KeyValueState(), 4096, 8);
            Add(journal, 7, 70, true);
            int at = journal.LastRecordOffset;
            int reads = flash.Reads;
            int type;
            int length;
            Assert.IsTrue(journal.ReadRecord(at, out type, out length));
            Assert.AreEqual(0, flash.Reads - reads, "the buffer holds it");
            Assert.AreEqual(70, (int)journal.RecordBuffer[Journal.PayloadAt + 1]);
            Add(journal, 8, 80, true);
            Assert.IsTrue(journal.ReadRecord(at, out type, out length), "an older record of the open group");
            Assert.IsTrue(flash.Reads > reads, "read from flash");
            Assert.IsFalse(journal.HasPending, "after committing the group, since a file system gives back what it committed");
            Assert.AreEqual(70, (int)journal.RecordBuffer[Journal.PayloadAt + 1]);
        }

        [TestMethod]
        public void AGroupTornAtItsFirstRecordIsCutAndItsPartRewritten()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = Opened(flash, state, 4096, 8);
            state.Put(journal, 1, KeyValueState.Value(3, 1));
            flash.CutAt(flash.Writes + 1, 5);
            try
            {
                state.Put(journal, 2, KeyValueState.Value(3, 2));
            }
            catch (PowerCutException)
            {
            }
            flash.Reboot();
            KeyValueState back = new KeyValueState();
            journal = new Journal(flash, Name, 4096, 300, 8);
            Assert.AreEqual((int)JournalOpenResult.TailCut, (int)journal.Open(back));
            Assert.AreEqual(5, journal.BytesCut);
            Assert.AreEqual("1=3:1;", back.Describe());
            Assert.AreEqual(0, journal.Compactions, "the torn part is simply the next one written");
            back.Put(journal, 3, KeyValueState.Value(1, 3));
            Assert.AreEqual("1=3:1;3=1:3;", Replayed(flash, 8));
        }

        [TestMethod]
        public void JournalSizeFitsThePartitionTwiceOverWithLittleFsBlocksInHand()
        {
            Assert.AreEqual(65536, JournalSize.ForPartition(256 * 1024), "4 MB boards keep the default");
            Assert.AreEqual(12288, JournalSize.ForPartition(64 * 1024), "2 MB boards: (64 KB - 40 KB of whole blocks) / 2");
            Assert.AreEqual(0, JournalSize.ForPartition(40 * 1024));
            Assert.IsTrue(JournalSize.Fits(65536, 256 * 1024));
            Assert.IsFalse(JournalSize.Fits(65536, 64 * 1024));
            Assert.IsTrue(JournalSize.Fits(12288, 64 * 1024));
            Assert.IsFalse(JournalSize.Fits(12289, 64 * 1024));
        }
    }
}

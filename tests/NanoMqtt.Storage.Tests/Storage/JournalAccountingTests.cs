using nanoFramework.TestFramework;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Storage
{
    /// <summary>
    /// What the journal holds on flash and counts, beyond what it replays: a part over LittleFS's
    /// inline size holds whole blocks, so the chain carries at most two of them and a compaction
    /// deletes the stale ones; the counters the device reports (commits, abandoned groups) count
    /// exactly what happened.
    /// </summary>
    [TestClass]
    public class JournalAccountingTests
    {
        private const string Name = "j";

        private static Journal Opened(FaultyFlash flash, int parts)
        {
            Journal journal = new Journal(flash, Name, 65536, 300, parts);
            journal.Open(new KeyValueState());
            return journal;
        }

        // One group of records of payload bytes each, committed: its part holds count * (payload + 11) bytes.
        private static void Group(Journal journal, int count, int payload)
        {
            for (int i = 0; i < count; i++)
            {
                Assert.AreEqual((int)JournalStatus.Ok, (int)journal.BeginRecord(payload));
                journal.RecordBuffer[Journal.PayloadAt] = (byte)(i + 1);
                Assert.AreEqual((int)JournalStatus.Ok, (int)journal.CommitRecord(1, payload, true));
            }
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.Commit());
        }

        [TestMethod]
        public void TwoPartsOverTheInlineSizeInTheChainBringACompactionBeforeAThird()
        {
            FaultyFlash flash = new FaultyFlash();
            Journal journal = Opened(flash, 16);
            // 2 x (246 + 11) = 514 B: over the 512 B LittleFS keeps inline.
            Group(journal, 2, 246);
            Group(journal, 2, 246);
            Assert.AreEqual(0, journal.Compactions);
            Assert.AreEqual(3, journal.ChainParts);
            Group(journal, 2, 246);
            Assert.AreEqual(1, journal.Compactions, "the third big group compacted first");
            Assert.AreEqual(1, journal.ChainParts, "and went into the new base");
            Assert.AreEqual(-1, flash.Length(Name, 1), "a stale part over the inline size is deleted");
            Assert.AreEqual(-1, flash.Length(Name, 2));
            Assert.IsTrue(flash.Length(Name, 0) > 0, "the stale base, inline, is left for its part to come round");
        }

        [TestMethod]
        public void APartOfExactlyTheInlineSizeIsNotABigOne()
        {
            FaultyFlash flash = new FaultyFlash();
            Journal journal = Opened(flash, 16);
            // 2 x (245 + 11) = 512 B: inline on LittleFS.
            for (int i = 0; i < 5; i++) Group(journal, 2, 245);
            Assert.AreEqual(0, journal.Compactions, "five parts of 512 B hold no block");
            Assert.AreEqual(6, journal.ChainParts);
        }

        [TestMethod]
        public void CommitsCountEveryGroupAndACompactionWithItsGroupOnce()
        {
            FaultyFlash flash = new FaultyFlash();
            Journal journal = Opened(flash, 4);
            Assert.AreEqual(1, journal.Commits, "the first base");
            Group(journal, 1, 10);
            Group(journal, 2, 10);
            Assert.AreEqual(3, journal.Commits);
            Assert.AreEqual(3, journal.ChainParts);
            Group(journal, 1, 10);
            Assert.AreEqual(1, journal.Compactions);
            Assert.AreEqual(4, journal.Commits, "the compaction rode in the group's commit");
            Assert.AreEqual(flash.Commits, journal.Commits, "as many as the store made");
            Assert.AreEqual(0, journal.AbandonedGroups);
        }

        [TestMethod]
        public void AGroupTheStoreRefusesIsCountedOnceAndLeavesThePartsOnFlash()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = new Journal(flash, Name, 65536, 300, 8);
            journal.Open(state);
            state.Put(journal, 1, KeyValueState.Value(4, 1));
            flash.Capacity = flash.TotalBytes + 20;
            Assert.AreEqual((int)JournalStatus.StorageFailed, (int)state.Put(journal, 2, KeyValueState.Value(40, 2)));
            Assert.AreEqual(1, journal.AbandonedGroups);
            Assert.AreEqual(-1, flash.Length(Name, 2), "the refused group's part is gone");
            Assert.IsFalse(journal.MustCommit);
            Assert.AreEqual(2, journal.Commits, "the refused group made no commit");
            Assert.IsFalse(journal.HasPending);
            flash.Capacity = 0;
            Assert.AreEqual((int)JournalStatus.Ok, (int)state.Put(journal, 3, KeyValueState.Value(4, 3)));
            Assert.AreEqual(1, journal.AbandonedGroups);
        }

        [TestMethod]
        public void TwoBigPartsFoundAtOpenStillBringACompactionBeforeAThird()
        {
            FaultyFlash flash = new FaultyFlash();
            Journal journal = Opened(flash, 16);
            Group(journal, 2, 246);
            Group(journal, 2, 246);
            int length = journal.Length;
            flash.Reboot();
            journal = new Journal(flash, Name, 65536, 300, 16);
            journal.Open(new KeyValueState());
            Assert.AreEqual(length, journal.Length, "the chain's bytes, counted again at open");
            Assert.AreEqual(3, journal.ChainParts);
            Group(journal, 2, 246);
            Assert.AreEqual(1, journal.Compactions);
        }

        [TestMethod]
        public void AGroupInPartZeroIsAGroupLikeAnyOther()
        {
            FaultyFlash flash = new FaultyFlash();
            Journal journal = Opened(flash, 4);
            Group(journal, 1, 10);
            Group(journal, 1, 10);
            Group(journal, 1, 10);
            Assert.AreEqual(3, journal.BasePart, "the ring went round: the next group goes to part 0");
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.BeginRecord(10));
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.CommitRecord(1, 10, false));
            Assert.IsTrue(journal.HasPending);
            Assert.AreEqual(0, Journal.PartOf(journal.LastRecordOffset));
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.BeginRecord(10));
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.CommitRecord(1, 10, true));
            Assert.IsTrue(journal.MustCommit);
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.Commit());
            Assert.IsFalse(journal.MustCommit);
            Assert.AreEqual(2, journal.ChainParts, "both records in the one part");
        }

        [TestMethod]
        public void ACompactionThatLeavesNoRoomCommitsTheBaseAndSaysFull()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = new Journal(flash, Name, 400, 300, 8);
            journal.Open(state);
            // Live records of about 330 bytes: after compaction no 60-byte record fits the 400 B bound.
            for (int key = 0; key < 6; key++) state.Put(journal, key, KeyValueState.Value(44, key));
            Assert.AreEqual((int)JournalStatus.Full, (int)state.Put(journal, 9, KeyValueState.Value(49, 9)));
            Assert.AreEqual(1, journal.Compactions, "the base was committed all the same");
            Assert.IsFalse(journal.HasPending);
            Assert.IsFalse(journal.MustCommit);
            flash.Reboot();
            KeyValueState back = new KeyValueState();
            new Journal(flash, Name, 400, 300, 8).Open(back);
            Assert.AreEqual(state.Describe(), back.Describe());
        }

        [TestMethod]
        public void DiscardDropsTheOpenGroupAsAPowerCutWould()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = new Journal(flash, Name, 4096, 300, 8);
            journal.Open(state);
            state.Put(journal, 1, KeyValueState.Value(4, 1));
            string before = state.Describe();
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.BeginRecord(3));
            journal.RecordBuffer[Journal.PayloadAt] = 2;
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.CommitRecord(1, 3, false));
            int commits = flash.Commits;
            journal.Discard();
            Assert.IsFalse(journal.HasPending);
            Assert.AreEqual(commits, flash.Commits, "nothing committed");
            Assert.AreEqual(1, journal.AbandonedGroups);
            Assert.AreEqual(before, state.Describe(), "the state is what is on flash");
            journal.Discard();
            Assert.AreEqual(1, journal.AbandonedGroups, "with no group open, Discard does nothing");
        }

        [TestMethod]
        public void AppendCopiesThePayloadAndCommitsIt()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = new Journal(flash, Name, 4096, 300, 8);
            journal.Open(state);
            byte[] payload = new byte[] { 9, 9, 7, 0x41, 0x42 };
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.Append(1, payload, 2, 3));
            Assert.IsFalse(journal.HasPending, "committed");
            flash.Reboot();
            KeyValueState back = new KeyValueState();
            new Journal(flash, Name, 4096, 300, 8).Open(back);
            Assert.IsNotNull(back.Values[7]);
            Assert.AreEqual((byte)0x42, back.Values[7][1]);
            // The journal's own buffer is refused: a compaction would overwrite it.
            Assert.ThrowsException(typeof(System.ArgumentException), () => journal.Append(1, journal.RecordBuffer, Journal.PayloadAt, 3));
        }

        [TestMethod]
        public void TheRecordBeingHeldIsReadBackIntoAnyBuffer()
        {
            FaultyFlash flash = new FaultyFlash();
            Journal journal = Opened(flash, 8);
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.BeginRecord(4));
            for (int i = 0; i < 4; i++) journal.RecordBuffer[Journal.PayloadAt + i] = (byte)(0x10 + i);
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.CommitRecord(1, 4, true));
            int at = journal.LastRecordOffset;
            int reads = flash.Reads;
            byte[] into = new byte[10];
            int type;
            int length;
            Assert.IsTrue(journal.ReadRecord(at, into, 3, out type, out length));
            Assert.AreEqual(reads, flash.Reads, "from the buffer, not from flash");
            Assert.AreEqual(4, length);
            Assert.AreEqual((byte)0x10, into[3]);
            Assert.AreEqual((byte)0x13, into[6]);
            // Into the journal's own buffer after another record went through it: from flash.
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.BeginRecord(2));
            journal.RecordBuffer[Journal.PayloadAt] = 0x77;
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.CommitRecord(1, 2, true));
            Assert.IsTrue(journal.ReadRecord(at, out type, out length));
            Assert.AreEqual(4, length);
            Assert.AreEqual((byte)0x10, journal.RecordBuffer[Journal.PayloadAt]);
            Assert.AreEqual((byte)0x13, journal.RecordBuffer[Journal.PayloadAt + 3]);
            Assert.IsTrue(journal.ReadRecord(at, into, 0, out type, out length), "and again, held now");
            Assert.AreEqual((byte)0x13, into[3]);
        }

        [TestMethod]
        public void ARingOfThreeToSixtyFourPartsAndNoOther()
        {
            FaultyFlash flash = new FaultyFlash();
            Assert.AreEqual(3, new Journal(flash, Name, 4096, 300, 3).Parts);
            Assert.AreEqual(64, new Journal(flash, Name, 4096, 300, 64).Parts);
            Assert.AreEqual(4096, new Journal(flash, Name, 4096, 300, 3).MaxBytes);
            Assert.ThrowsException(typeof(System.ArgumentException), () => new Journal(flash, Name, 4096, 300, 2));
            Assert.ThrowsException(typeof(System.ArgumentException), () => new Journal(flash, Name, 4096, 300, 65));
        }

        [TestMethod]
        public void EachCompactionIsANewGeneration()
        {
            FaultyFlash flash = new FaultyFlash();
            Journal journal = Opened(flash, 8);
            Assert.AreEqual(1u, journal.Generation);
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.Compact());
            Assert.AreEqual(2u, journal.Generation);
            flash.Reboot();
            journal = new Journal(flash, Name, 65536, 300, 8);
            journal.Open(new KeyValueState());
            Assert.AreEqual(2u, journal.Generation, "the newest base wins");
        }

        [TestMethod]
        public void JournalSizeAtItsEdges()
        {
            // (partition - 40 KB reserved) / 2, in whole blocks, at most 64 KB, at least one block.
            Assert.AreEqual(65536, JournalSize.ForPartition(2 * 65536 + 40960));
            Assert.AreEqual(65536, JournalSize.ForPartition(2 * 69632 + 40960));
            Assert.AreEqual(61440, JournalSize.ForPartition(2 * 65536 + 40960 - 1));
            Assert.AreEqual(4096, JournalSize.ForPartition(2 * 4096 + 40960));
            Assert.AreEqual(0, JournalSize.ForPartition(2 * 4096 + 40960 - 1));
        }
    }
}

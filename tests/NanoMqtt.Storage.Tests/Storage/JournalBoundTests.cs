using nanoFramework.TestFramework;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Storage
{
    /// <summary>The journal's two bounds, to the byte: the largest record and the journal's size. What
    /// fits exactly is taken without extra work; one byte more is refused, and nothing is lost.</summary>
    [TestClass]
    public class JournalBoundTests
    {
        private const int MaxBytes = 1000;
        private const int MaxPayload = 300;

        [TestMethod]
        public void ARecordOfTheLargestPayloadIsTakenOneByteMoreIsNot()
        {
            Journal j = new Journal(new FaultyFlash(), "j", 4096, MaxPayload, 8);
            j.Open(new KeyValueState());
            Assert.AreEqual((int)JournalStatus.Ok, (int)j.BeginRecord(MaxPayload));
            Assert.AreEqual((int)JournalStatus.Ok, (int)j.CommitRecord(1, MaxPayload, true));
            Assert.AreEqual((int)JournalStatus.RecordTooLarge, (int)j.BeginRecord(MaxPayload + 1));
            Assert.AreEqual((int)JournalStatus.RecordTooLarge, (int)j.BeginRecord(-1));
            Assert.AreEqual((int)JournalStatus.RecordTooLarge, (int)j.CommitRecord(1, MaxPayload + 1, true));
            Assert.AreEqual((int)JournalStatus.Ok, (int)j.Commit());
        }

        // Live records filling the journal to exactly its bound; the last fits in the open group.
        private static Journal Filled(FaultyFlash flash, KeyValueState state)
        {
            Journal j = new Journal(flash, "j", MaxBytes, MaxPayload, 8);
            j.Open(state);
            for (int key = 0; key < 12; key++) Assert.AreEqual((int)JournalStatus.Ok, (int)state.Put(j, key, KeyValueState.Value(60, key)));
            Assert.AreEqual((int)JournalStatus.Ok, (int)j.Compact());
            return j;
        }

        [TestMethod]
        public void WhatFillsTheJournalExactlyIsTakenWithoutACompactionAndOneByteMoreIsFull()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal j = Filled(flash, state);
            int compactions = j.Compactions;
            // Two records in one group: the second ends exactly at the bound.
            int first = 40;
            int second = MaxBytes - j.Length - 2 * Journal.RecordOverhead - first;
            Assert.IsTrue(second > 0 && second <= MaxPayload, "the test's arithmetic: " + second);
            Assert.AreEqual((int)JournalStatus.Ok, (int)j.BeginRecord(first));
            Assert.AreEqual((int)JournalStatus.Ok, (int)j.CommitRecord(1, first, false));
            int commits = j.Commits;
            Assert.AreEqual((int)JournalStatus.Ok, (int)j.BeginRecord(second), "exactly at the bound");
            Assert.AreEqual(commits, j.Commits, "it joined the open group");
            Assert.AreEqual((int)JournalStatus.Ok, (int)j.CommitRecord(1, second, false));
            Assert.AreEqual(MaxBytes, j.Length);
            Assert.AreEqual((int)JournalStatus.Ok, (int)j.Commit());
            Assert.AreEqual(compactions, j.Compactions, "nothing needed compacting");
            Assert.AreEqual(MaxBytes, j.Length);
        }

        [TestMethod]
        public void ARecordThatWouldPassTheBoundIsFullAndTheLiveStateStays()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal j = Filled(flash, state);
            string before = state.Describe();
            int room = MaxBytes - j.Length - Journal.RecordOverhead;
            // One byte more than the room left, with everything live: compaction cannot help.
            Assert.AreEqual((int)JournalStatus.Full, (int)state.Put(j, 12, KeyValueState.Value(room, 1)));
            Assert.IsTrue(j.Length <= MaxBytes, "never past the bound: " + j.Length);
            Assert.AreEqual(before, state.Describe());
            // A stale record in the chain, then a record that fits exactly once compaction drops it.
            Assert.AreEqual((int)JournalStatus.Ok, (int)state.Put(j, 0, KeyValueState.Value(60, 9)));
            Assert.AreEqual((int)JournalStatus.Ok, (int)state.Put(j, 12, KeyValueState.Value(room - 1, 1)), "exactly the room is taken");
            Assert.AreEqual(MaxBytes, j.Length);
            KeyValueState reopened = new KeyValueState();
            flash.Reboot();
            new Journal(flash, "j", MaxBytes, MaxPayload, 8).Open(reopened);
            Assert.AreEqual(state.Describe(), reopened.Describe());
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Storage
{
    [TestClass]
    public class JournalTests
    {
        private const string Name = "j";

        private static Journal NewJournal(FaultyFlash flash, int maxBytes)
        {
            return new Journal(flash, Name, maxBytes, 300);
        }

        private static KeyValueState Reopen(FaultyFlash flash, int maxBytes, out JournalOpenResult result, out Journal journal)
        {
            flash.Reboot();
            KeyValueState state = new KeyValueState();
            journal = NewJournal(flash, maxBytes);
            result = journal.Open(state);
            return state;
        }

        [TestMethod]
        public void NewThenResumed()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = NewJournal(flash, 4096);
            Assert.AreEqual((int)JournalOpenResult.New, (int)journal.Open(state));
            Assert.AreEqual((int)JournalStatus.Ok, (int)state.Put(journal, 1, KeyValueState.Value(5, 10)));
            Assert.AreEqual((int)JournalStatus.Ok, (int)state.Put(journal, 2, KeyValueState.Value(0, 0)));
            Assert.AreEqual((int)JournalStatus.Ok, (int)state.Remove(journal, 1));
            Assert.AreEqual((int)JournalStatus.Ok, (int)state.Put(journal, 3, KeyValueState.Value(200, 1)));
            JournalOpenResult result;
            KeyValueState back = Reopen(flash, 4096, out result, out journal);
            Assert.AreEqual((int)JournalOpenResult.Resumed, (int)result);
            Assert.AreEqual(state.Describe(), back.Describe());
            Assert.AreEqual("2=0:0;3=200:1;", back.Describe());
        }

        [TestMethod]
        public void RecordOverheadIsElevenBytes()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = NewJournal(flash, 4096);
            journal.Open(state);
            int before = journal.Length;
            state.Put(journal, 1, KeyValueState.Value(9, 0));
            Assert.AreEqual(Journal.RecordOverhead + 10, journal.Length - before);
        }

        [TestMethod]
        public void TornAppendAtEveryByteKeepsBeforeOrAfter()
        {
            int cuts = 0;
            for (int cut = 0; ; cut++)
            {
                FaultyFlash flash = new FaultyFlash();
                KeyValueState state = new KeyValueState();
                Journal journal = NewJournal(flash, 4096);
                journal.Open(state);
                state.Put(journal, 1, KeyValueState.Value(3, 1));
                state.Put(journal, 2, KeyValueState.Value(3, 2));
                string before = state.Describe();
                int recordSize = Journal.RecordOverhead + 21;
                if (cut > recordSize) break;
                // The record's group: Create (this write), then one Write of the record.
                flash.CutAt(flash.Writes + 1, cut);
                bool died = false;
                try
                {
                    state.Put(journal, 3, KeyValueState.Value(20, 3));
                }
                catch (PowerCutException)
                {
                    died = true;
                }
                Assert.IsTrue(died);
                cuts++;
                JournalOpenResult result;
                KeyValueState back = Reopen(flash, 4096, out result, out journal);
                string after = before + "3=20:3;";
                if (cut < recordSize)
                {
                    Assert.AreEqual(before, back.Describe(), "cut at byte " + cut);
                    Assert.AreEqual(cut == 0 ? (int)JournalOpenResult.Resumed : (int)JournalOpenResult.TailCut, (int)result);
                }
                else
                {
                    Assert.AreEqual(after, back.Describe(), "whole record landed");
                }
                // The cut tail is gone: new records after it replay.
                Assert.AreEqual((int)JournalStatus.Ok, (int)back.Put(journal, 4, KeyValueState.Value(1, 4)));
                KeyValueState again = Reopen(flash, 4096, out result, out journal);
                Assert.AreEqual((int)JournalOpenResult.Resumed, (int)result);
                Assert.AreEqual(back.Describe(), again.Describe());
            }
            OutputHelper.WriteLine("torn append: " + cuts + " cut points");
            Assert.IsTrue(cuts > 30);
        }

        [TestMethod]
        public void FlippedBitInTheLastRecordCutsOnlyThatRecord()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = NewJournal(flash, 4096);
            journal.Open(state);
            state.Put(journal, 1, KeyValueState.Value(4, 1));
            state.Put(journal, 2, KeyValueState.Value(4, 2));
            int last = journal.LastRecordOffset;
            flash.FlipBit(Name, Journal.PartOf(last), Journal.OffsetOf(last) + 9, 3);
            JournalOpenResult result;
            KeyValueState back = Reopen(flash, 4096, out result, out journal);
            Assert.AreEqual((int)JournalOpenResult.TailCut, (int)result);
            Assert.AreEqual("1=4:1;", back.Describe());
            Assert.AreEqual(Journal.RecordOverhead + 5, journal.BytesCut);
        }

        [TestMethod]
        public void FlippedBitInTheHeaderIsALostJournal()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = NewJournal(flash, 4096);
            journal.Open(state);
            state.Put(journal, 1, KeyValueState.Value(4, 1));
            flash.FlipBit(Name, journal.BasePart, 8, 0);
            JournalOpenResult result;
            KeyValueState back = Reopen(flash, 4096, out result, out journal);
            Assert.AreEqual((int)JournalOpenResult.Lost, (int)result);
            Assert.AreEqual("", back.Describe());
            Assert.AreEqual((int)JournalStatus.Ok, (int)back.Put(journal, 2, KeyValueState.Value(1, 2)));
            back = Reopen(flash, 4096, out result, out journal);
            Assert.AreEqual((int)JournalOpenResult.Resumed, (int)result);
            Assert.AreEqual("2=1:2;", back.Describe());
        }

        [TestMethod]
        public void CompactionKeepsTheFileWithinItsBound()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = NewJournal(flash, 600);
            journal.Open(state);
            for (int i = 0; i < 500; i++)
            {
                Assert.AreEqual((int)JournalStatus.Ok, (int)state.Put(journal, i % 4, KeyValueState.Value(20, i)));
                Assert.IsTrue(journal.Length <= 600, "length " + journal.Length);
                // The chain, plus parts of one record left over from before the last compaction
                // (stale bases over 512 B are deleted).
                Assert.IsTrue(flash.TotalBytes <= 600 + journal.Parts * 32, "flash holds " + flash.TotalBytes + " bytes");
            }
            Assert.IsTrue(journal.Compactions > 10, journal.Compactions.ToString());
            JournalOpenResult result;
            KeyValueState back = Reopen(flash, 600, out result, out journal);
            Assert.AreEqual(state.Describe(), back.Describe());
        }

        [TestMethod]
        public void PowerCutAnywhereInCompactionLosesNothing()
        {
            int cuts = 0;
            int[] offsets = new int[] { 0, 1, 5, 12, 31 };
            for (int write = 0; ; write++)
            {
                bool completed = false;
                for (int o = 0; o < offsets.Length; o++)
                {
                    FaultyFlash flash = new FaultyFlash();
                    KeyValueState state = new KeyValueState();
                    Journal journal = NewJournal(flash, 400);
                    journal.Open(state);
                    // Fill close to the bound so the next put compacts first.
                    int i = 0;
                    while (journal.Length + Journal.RecordOverhead + 31 <= 400) state.Put(journal, i++ % 5, KeyValueState.Value(30, i));
                    string before = state.Describe();
                    flash.CutAt(flash.Writes + write, offsets[o]);
                    try
                    {
                        state.Put(journal, 9, KeyValueState.Value(30, 99));
                        completed = true;
                        break;
                    }
                    catch (PowerCutException)
                    {
                        cuts++;
                    }
                    JournalOpenResult result;
                    KeyValueState back = Reopen(flash, 400, out result, out journal);
                    string got = back.Describe();
                    Assert.IsTrue(got == before || got == before + "9=30:99;", "write " + write + " byte " + offsets[o] + ": " + got);
                    Assert.IsTrue(flash.TotalBytes <= 2 * 400);
                    Assert.AreEqual((int)JournalStatus.Ok, (int)back.Put(journal, 10, KeyValueState.Value(2, 7)));
                    KeyValueState again = Reopen(flash, 400, out result, out journal);
                    Assert.AreEqual(back.Describe(), again.Describe());
                }
                if (completed) break;
            }
            OutputHelper.WriteLine("compaction: " + cuts + " cut points");
            Assert.IsTrue(cuts >= 20);
        }

        [TestMethod]
        public void FullJournalRefusesNewWorkAndKeepsOld()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = NewJournal(flash, 500);
            journal.Open(state);
            int accepted = 0;
            JournalStatus st = JournalStatus.Ok;
            for (int key = 0; key < KeyValueState.Keys && st == JournalStatus.Ok; key++)
            {
                st = state.Put(journal, key, KeyValueState.Value(60, key));
                if (st == JournalStatus.Ok) accepted++;
            }
            Assert.AreEqual((int)JournalStatus.Full, (int)st);
            Assert.IsTrue(accepted >= 5);
            JournalOpenResult result;
            KeyValueState back = Reopen(flash, 500, out result, out journal);
            Assert.AreEqual(state.Describe(), back.Describe());
            // Freeing space makes room again.
            Assert.AreEqual((int)JournalStatus.Ok, (int)back.Remove(journal, 0));
            Assert.AreEqual((int)JournalStatus.Ok, (int)back.Put(journal, 15, KeyValueState.Value(60, 15)));
        }

        [TestMethod]
        public void RecordLargerThanTheLimitIsRefused()
        {
            FaultyFlash flash = new FaultyFlash();
            Journal journal = NewJournal(flash, 4096);
            journal.Open(new KeyValueState());
            Assert.AreEqual((int)JournalStatus.RecordTooLarge, (int)journal.Append(1, new byte[301], 0, 301));
        }

        [TestMethod]
        public void FailingStorageLosesNothingAndRecovers()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = NewJournal(flash, 4096);
            journal.Open(state);
            state.Put(journal, 1, KeyValueState.Value(10, 1));
            flash.Capacity = flash.TotalBytes + 15;
            Assert.AreEqual((int)JournalStatus.StorageFailed, (int)state.Put(journal, 2, KeyValueState.Value(40, 2)));
            Assert.AreEqual("1=10:1;", state.Describe());
            flash.Capacity = 0;
            Assert.AreEqual((int)JournalStatus.Ok, (int)state.Put(journal, 3, KeyValueState.Value(5, 3)));
            JournalOpenResult result;
            KeyValueState back = Reopen(flash, 4096, out result, out journal);
            Assert.AreEqual("1=10:1;3=5:3;", back.Describe());
        }

        [TestMethod]
        public void ReadRecordReturnsThePayload()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = NewJournal(flash, 4096);
            journal.Open(state);
            state.Put(journal, 7, KeyValueState.Value(3, 40));
            int at = journal.LastRecordOffset;
            byte[] into = new byte[10];
            int type;
            int length;
            Assert.IsTrue(journal.ReadRecord(at, into, 2, out type, out length));
            Assert.AreEqual(1, type);
            Assert.AreEqual(4, length);
            Assert.AreEqual((byte)7, into[2]);
            Assert.AreEqual((byte)42, into[5]);
            Assert.IsFalse(journal.ReadRecord(at + 1, into, 0, out type, out length));
        }
    }
}

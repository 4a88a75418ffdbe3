using nanoFramework.TestFramework;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Storage
{
    /// <summary>A journal keeps the ring of parts it was made with, whatever the configuration that
    /// opens it later says: its chain wraps at that ring, and replaying it at another would lose the
    /// parts after the wrap.</summary>
    [TestClass]
    public class JournalRingTests
    {
        private const string Name = "j";

        [TestMethod]
        [DataRow(5, 8)]
        [DataRow(5, 3)]
        [DataRow(7, 16)]
        public void AJournalKeepsTheRingItWasMadeWith(int made, int configured)
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = new Journal(flash, Name, 4096, 300, made);
            journal.Open(state);
            // Groups until the chain wraps past the ring's last part, after a compaction or two.
            for (int i = 0; i < 200 && (i < 3 * made || journal.BasePart + journal.ChainParts <= made); i++)
                state.Put(journal, i % 6, KeyValueState.Value(3, i));
            Assert.IsTrue(journal.BasePart + journal.ChainParts > made, "the chain wraps");
            for (int round = 0; round < 2; round++)
            {
                flash.Reboot();
                KeyValueState back = new KeyValueState();
                journal = new Journal(flash, Name, 4096, 300, configured);
                Assert.AreEqual((int)JournalOpenResult.Resumed, (int)journal.Open(back));
                Assert.AreEqual(made, journal.Parts);
                Assert.AreEqual(state.Describe(), back.Describe());
                // It goes on in that ring.
                state = back;
                for (int i = 0; i < made; i++) state.Put(journal, i % 6, KeyValueState.Value(4, 100 + i + 10 * round));
            }
        }

        [TestMethod]
        public void OpeningLooksOnlyAtTheRingsPartsWhenItsBaseIsAmongThem()
        {
            FaultyFlash flash = new FaultyFlash();
            KeyValueState state = new KeyValueState();
            Journal journal = new Journal(flash, Name, 4096, 300, 6);
            journal.Open(state);
            for (int i = 0; i < 20; i++) state.Put(journal, i % 4, KeyValueState.Value(3, i));
            flash.Reboot();
            flash.HighestPartLooked = -1;
            KeyValueState back = new KeyValueState();
            Assert.AreEqual((int)JournalOpenResult.Resumed, (int)new Journal(flash, Name, 4096, 300, 6).Open(back));
            Assert.AreEqual(state.Describe(), back.Describe());
            Assert.AreEqual(5, flash.HighestPartLooked, "no file name past the ring is looked up at start-up");
        }

        [TestMethod]
        public void ANewJournalTakesTheConfiguredRing()
        {
            FaultyFlash flash = new FaultyFlash();
            Journal journal = new Journal(flash, Name, 4096, 300, 6);
            Assert.AreEqual((int)JournalOpenResult.New, (int)journal.Open(new KeyValueState()));
            Assert.AreEqual(6, journal.Parts);
            Assert.AreEqual(Journal.DefaultParts, new Journal(flash, Name, 4096, 300).Parts);
        }

        [TestMethod]
        public void ABaseFromBeforeHeadersNamedTheRingReplaysItsChainAcrossTheWrap()
        {
            // A 16-part ring written before headers named it: its base in part 14, groups in 15 and 0.
            FaultyFlash flash = new FaultyFlash();
            for (int part = 1; part < 14; part++)
                JournalBytes.Put(flash, part, JournalBytes.Record(1, (uint)part, new byte[] { 9, 9, 9 }));
            JournalBytes.Put(flash, 14, JournalBytes.Concat(
                JournalBytes.Record(JournalBytes.Header, 40, JournalBytes.Pair(7, JournalBytes.Magic)),
                JournalBytes.Record(1, 41, new byte[] { 1, 0x11, 0x11 }),
                JournalBytes.Record(JournalBytes.Seal, 42, JournalBytes.Generation(7))));
            JournalBytes.Put(flash, 15, JournalBytes.Record(1, 43, new byte[] { 2, 0x22, 0x22 }));
            JournalBytes.Put(flash, 0, JournalBytes.Record(1, 44, new byte[] { 3, 0x33, 0x33 }));
            KeyValueState state = new KeyValueState();
            Journal journal = new Journal(flash, Name, 4096, 300, 10);
            Assert.AreEqual((int)JournalOpenResult.Resumed, (int)journal.Open(state));
            Assert.AreEqual(16, journal.Parts, "the ring reaches the highest part on flash");
            Assert.AreEqual(3, journal.ChainParts);
            Assert.IsNotNull(state.Values[3], "the group after the wrap was replayed");
            Assert.IsNull(state.Values[9], "the stale parts were not");
        }

        [TestMethod]
        public void StartingAFreshJournalDeletesThePartsOfAnyRing()
        {
            // Parts left over from a bigger ring, none of them a base: the journal starts afresh, and a
            // stray part past its ring would otherwise make the next open take a ring too big.
            FaultyFlash flash = new FaultyFlash();
            JournalBytes.Put(flash, 12, JournalBytes.Record(1, 3, new byte[] { 1, 1, 1 }));
            Journal journal = new Journal(flash, Name, 4096, 300, 5);
            Assert.AreEqual((int)JournalOpenResult.Lost, (int)journal.Open(new KeyValueState()));
            Assert.AreEqual(-1, flash.Length(Name, 12));
        }
    }
}

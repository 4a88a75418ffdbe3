using nanoFramework.TestFramework;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Storage
{
    /// <summary>
    /// Records whose CRC is valid but that are not where the journal's format puts them: a header
    /// with another magic, a seal of another generation, a record out of sequence. None of them makes
    /// a base; a hand-built base in the right form does (the control that the bytes are well made).
    /// </summary>
    [TestClass]
    public class MisplacedRecordTests
    {
        private static JournalOpenResult Open(byte[] header, byte[] data, byte[] seal, out KeyValueState state)
        {
            FaultyFlash flash = new FaultyFlash();
            flash.Create("j", 0);
            flash.Write(header, 0, header.Length);
            flash.Write(data, 0, data.Length);
            flash.Write(seal, 0, seal.Length);
            flash.Commit();
            state = new KeyValueState();
            return new Journal(flash, "j", 4096, 300, 8).Open(state);
        }

        private static readonly byte[] Data = new byte[] { 3, 0x2A, 0x2B };

        [TestMethod]
        public void AHandBuiltBaseInTheRightFormIsReplayed()
        {
            KeyValueState state;
            JournalOpenResult r = Open(JournalBytes.Record(JournalBytes.Header, 1, JournalBytes.Pair(5, JournalBytes.Magic)), JournalBytes.Record(1, 2, Data), JournalBytes.Record(JournalBytes.Seal, 3, JournalBytes.Generation(5)), out state);
            Assert.AreEqual((int)JournalOpenResult.Resumed, (int)r);
            Assert.IsNotNull(state.Values[3], "the record in the base was replayed");
            Assert.AreEqual((byte)0x2B, state.Values[3][1]);
        }

        [TestMethod]
        [DataRow(0, "a header with another magic")]
        [DataRow(1, "a seal of another generation")]
        [DataRow(2, "a record out of sequence")]
        [DataRow(3, "a seal out of sequence")]
        [DataRow(4, "a data record where the header should be")]
        [DataRow(5, "a header naming a ring of 2 parts")]
        public void ARecordWithAValidCrcInTheWrongPlaceMakesNoBase(int which, string what)
        {
            byte[] header = JournalBytes.Record(JournalBytes.Header, 1, JournalBytes.Pair(5, which == 0 ? 0x4E4D4A31 : JournalBytes.Magic));
            byte[] data = JournalBytes.Record(1, which == 2 ? 7u : 2u, Data);
            byte[] seal = JournalBytes.Record(JournalBytes.Seal, which == 3 ? 9u : 3u, JournalBytes.Generation(which == 1 ? 6u : 5u));
            // A data record shaped like a header: eight bytes ending in the magic, only its type differs.
            if (which == 4) header = JournalBytes.Record(1, 1, JournalBytes.Pair(5, JournalBytes.Magic));
            if (which == 5) header = JournalBytes.Record(JournalBytes.Header, 1, JournalBytes.HeaderWithRing(5, 2));
            KeyValueState state;
            JournalOpenResult r = Open(header, data, seal, out state);
            Assert.AreNotEqual((int)JournalOpenResult.Resumed, (int)r, what);
            Assert.IsNull(state.Values[3], what + ": nothing of it was replayed");
            Assert.IsNull(state.Values[4], what + ": nothing of it was replayed");
        }

        // Part 0 holds the base (header 1, a record 2, seal 3); the parts after it come from parts.
        private static KeyValueState OpenChain(JournalOpenResult expected, params byte[][] parts)
        {
            FaultyFlash flash = new FaultyFlash();
            byte[] base0 = JournalBytes.Concat(JournalBytes.Record(JournalBytes.Header, 1, JournalBytes.Pair(5, JournalBytes.Magic)), JournalBytes.Record(1, 2, Data), JournalBytes.Record(JournalBytes.Seal, 3, JournalBytes.Generation(5)));
            for (int i = 0; i <= parts.Length; i++)
            {
                byte[] bytes = i == 0 ? base0 : parts[i - 1];
                flash.Create("j", i);
                flash.Write(bytes, 0, bytes.Length);
                flash.Commit();
            }
            KeyValueState state = new KeyValueState();
            Assert.AreEqual((int)expected, (int)new Journal(flash, "j", 4096, 300, 8).Open(state));
            return state;
        }

        [TestMethod]
        public void APartThatDoesNotCarryOnTheSequenceEndsTheChain()
        {
            // Part 2 repeats sequence 4 (a part left over from an older chain): it and all after it are not replayed.
            KeyValueState state = OpenChain(JournalOpenResult.Resumed, JournalBytes.Record(1, 4, new byte[] { 4, 1, 1 }), JournalBytes.Record(1, 4, new byte[] { 5, 1, 1 }), JournalBytes.Record(1, 5, new byte[] { 6, 1, 1 }));
            Assert.IsNotNull(state.Values[4], "the part that carries on the sequence is replayed");
            Assert.IsNull(state.Values[5], "a part out of sequence is not");
            Assert.IsNull(state.Values[6], "nor what comes after it, though it would fit the count");
        }

        [TestMethod]
        public void ARecordOutOfSequenceInsideAPartEndsTheChainThere()
        {
            // What follows the gap in the part is a stray tail: cut, and said so.
            KeyValueState state = OpenChain(JournalOpenResult.TailCut, JournalBytes.Concat(JournalBytes.Record(1, 4, new byte[] { 4, 1, 1 }), JournalBytes.Record(1, 6, new byte[] { 5, 1, 1 }), JournalBytes.Record(1, 7, new byte[] { 6, 1, 1 })));
            Assert.IsNotNull(state.Values[4]);
            Assert.IsNull(state.Values[5], "sequence 6 after 4: a gap");
            Assert.IsNull(state.Values[6]);
        }
    }
}

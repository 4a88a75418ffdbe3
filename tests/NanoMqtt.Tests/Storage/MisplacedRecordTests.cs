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
        private const int Header = 0xF0, Seal = 0xF1;
        private const uint Magic = 0x4E4D4A32;

        private static void U32(byte[] b, int p, uint v)
        {
            b[p] = (byte)(v >> 24);
            b[p + 1] = (byte)(v >> 16);
            b[p + 2] = (byte)(v >> 8);
            b[p + 3] = (byte)v;
        }

        // type, payload length (2 bytes), sequence (4), payload, CRC-32 of all that (4).
        private static byte[] Record(int type, uint sequence, byte[] payload)
        {
            byte[] r = new byte[Journal.RecordOverhead + payload.Length];
            r[0] = (byte)type;
            r[1] = (byte)(payload.Length >> 8);
            r[2] = (byte)payload.Length;
            U32(r, 3, sequence);
            System.Array.Copy(payload, 0, r, Journal.PayloadAt, payload.Length);
            U32(r, Journal.PayloadAt + payload.Length, Crc32.Compute(r, 0, Journal.PayloadAt + payload.Length));
            return r;
        }

        private static byte[] Pair(uint a, uint b)
        {
            byte[] p = new byte[8];
            U32(p, 0, a);
            U32(p, 4, b);
            return p;
        }

        private static byte[] Generation(uint g)
        {
            byte[] p = new byte[8];
            U32(p, 0, g);
            return p;
        }

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
            JournalOpenResult r = Open(Record(Header, 1, Pair(5, Magic)), Record(1, 2, Data), Record(Seal, 3, Generation(5)), out state);
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
        public void ARecordWithAValidCrcInTheWrongPlaceMakesNoBase(int which, string what)
        {
            byte[] header = Record(Header, 1, Pair(5, which == 0 ? 0x4E4D4A31 : Magic));
            byte[] data = Record(1, which == 2 ? 7u : 2u, Data);
            byte[] seal = Record(Seal, which == 3 ? 9u : 3u, Generation(which == 1 ? 6u : 5u));
            // A data record shaped like a header: eight bytes ending in the magic, only its type differs.
            if (which == 4) header = Record(1, 1, Pair(5, Magic));
            KeyValueState state;
            JournalOpenResult r = Open(header, data, seal, out state);
            Assert.AreNotEqual((int)JournalOpenResult.Resumed, (int)r, what);
            Assert.IsNull(state.Values[3], what + ": nothing of it was replayed");
            Assert.IsNull(state.Values[4], what + ": nothing of it was replayed");
        }

        private static byte[] Concat(params byte[][] records)
        {
            int n = 0;
            foreach (byte[] r in records) n += r.Length;
            byte[] all = new byte[n];
            int p = 0;
            foreach (byte[] r in records)
            {
                System.Array.Copy(r, 0, all, p, r.Length);
                p += r.Length;
            }
            return all;
        }

        // Part 0 holds the base (header 1, a record 2, seal 3); the parts after it come from parts.
        private static KeyValueState OpenChain(JournalOpenResult expected, params byte[][] parts)
        {
            FaultyFlash flash = new FaultyFlash();
            byte[] base0 = Concat(Record(Header, 1, Pair(5, Magic)), Record(1, 2, Data), Record(Seal, 3, Generation(5)));
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
            KeyValueState state = OpenChain(JournalOpenResult.Resumed, Record(1, 4, new byte[] { 4, 1, 1 }), Record(1, 4, new byte[] { 5, 1, 1 }), Record(1, 5, new byte[] { 6, 1, 1 }));
            Assert.IsNotNull(state.Values[4], "the part that carries on the sequence is replayed");
            Assert.IsNull(state.Values[5], "a part out of sequence is not");
            Assert.IsNull(state.Values[6], "nor what comes after it, though it would fit the count");
        }

        [TestMethod]
        public void ARecordOutOfSequenceInsideAPartEndsTheChainThere()
        {
            // What follows the gap in the part is a stray tail: cut, and said so.
            KeyValueState state = OpenChain(JournalOpenResult.TailCut, Concat(Record(1, 4, new byte[] { 4, 1, 1 }), Record(1, 6, new byte[] { 5, 1, 1 }), Record(1, 7, new byte[] { 6, 1, 1 })));
            Assert.IsNotNull(state.Values[4]);
            Assert.IsNull(state.Values[5], "sequence 6 after 4: a gap");
            Assert.IsNull(state.Values[6]);
        }
    }
}

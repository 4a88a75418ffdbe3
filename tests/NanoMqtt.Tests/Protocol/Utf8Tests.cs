using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Protocol
{
    [TestClass]
    public class Utf8Tests
    {
        [TestMethod]
        public void EncodesOneToFourByteCharacters()
        {
            // "aé€𝄞": 1 + 2 + 3 + 4 bytes.
            string text = "a\u00e9\u20ac\ud834\udd1e";
            Assert.AreEqual(10, Utf8.GetByteCount(text));
            byte[] b = new byte[10];
            Assert.AreEqual(10, Utf8.Encode(text, b, 0));
            Assert.AreEqual("61 C3 A9 E2 82 AC F0 9D 84 9E", Hex.Format(b, 0, 10));
            Assert.AreEqual(text, Utf8.ToString(b, 0, 10));
            Assert.IsTrue(Utf8.Equals(b, 0, 10, text));
            Assert.IsFalse(Utf8.Equals(b, 0, 9, text));
            Assert.IsFalse(Utf8.Equals(b, 0, 10, "a\u00e9\u20ac"));
        }

        // nanoCLR's string indexer returns the high surrogate twice for a 4-byte character, so
        // code that walks text[i] miscounts every emoji there. These fail on that device if it does.
        [TestMethod]
        public void EmojiInATopicEncodesAsFourBytes()
        {
            Slice topic = Slice.FromString("sensors/\U0001F321");
            Assert.AreEqual("73 65 6E 73 6F 72 73 2F F0 9F 8C A1", Hex.Format(topic.Array, 0, topic.Length));
            Assert.IsTrue(topic.ContentEquals("sensors/\U0001F321"));
            Assert.AreEqual("sensors/\U0001F321", topic.ToString());
        }

        [TestMethod]
        public void TextAfterAnEmojiKeepsItsCharacters()
        {
            // Two thermometers, then ASCII: every character after the first emoji must be read as itself.
            string text = "\U0001F321\U0001F321 21\u00b0C";
            Assert.AreEqual(14, Utf8.GetByteCount(text));
            byte[] b = new byte[14];
            Assert.AreEqual(14, Utf8.Encode(text, b, 0));
            Assert.AreEqual("F0 9F 8C A1 F0 9F 8C A1 20 32 31 C2 B0 43", Hex.Format(b, 0, 14));
            Assert.IsTrue(Utf8.Equals(b, 0, 14, text));
            Assert.IsFalse(Utf8.Equals(b, 0, 14, "\U0001F321\U0001F321 22\u00b0C"));
        }

        // A lone surrogate cannot be written as a string literal that means the same on both
        // runtimes (nanoFramework turns it into U+FFFD when the string is made), so it is given as chars.
        [TestMethod]
        public void UnpairedSurrogateCharsEncodeAsReplacementCharacter()
        {
            char[] high = new char[] { 'a', (char)0xD834 };
            char[] low = new char[] { (char)0xDD1E, 'b' };
            byte[] b = new byte[8];
            Assert.AreEqual(4, Utf8.GetByteCount(high));
            Assert.AreEqual(4, Utf8.Encode(high, b, 0));
            Assert.AreEqual("61 EF BF BD", Hex.Format(b, 0, 4));
            Assert.AreEqual(4, Utf8.Encode(low, b, 0));
            Assert.AreEqual("EF BF BD 62", Hex.Format(b, 0, 4));
        }

        [TestMethod]
        public void NulCharEncodesAndIsThenRefusedAsAField()
        {
            char[] chars = new char[] { 'a', (char)0, 'b' };
            byte[] b = new byte[3];
            Assert.AreEqual(3, Utf8.Encode(chars, b, 0));
            Codec.AreEqual(DecodeStatus.NullCharacter, Utf8.Validate(b, 0, 3));
        }

        [TestMethod]
        public void EncodedSurrogateBytesAreInvalid()
        {
            // CESU-8 style: U+D834 written as three bytes.
            byte[] b = Hex.Parse("61 ED A0 B4");
            Codec.AreEqual(DecodeStatus.InvalidUtf8, Utf8.Validate(b, 0, b.Length));
        }

        [TestMethod]
        [DataRow("C3 28")]
        [DataRow("C0 AF")]
        [DataRow("E0 80 AF")]
        [DataRow("ED A0 80")]
        [DataRow("F4 90 80 80")]
        [DataRow("F8 88 80 80 80")]
        [DataRow("E2 82")]
        [DataRow("80")]
        public void MalformedSequencesAreInvalid(string hex)
        {
            byte[] b = Hex.Parse(hex);
            Codec.AreEqual(DecodeStatus.InvalidUtf8, Utf8.Validate(b, 0, b.Length));
        }

        [TestMethod]
        public void NullCharacterIsRefused()
        {
            byte[] b = Hex.Parse("61 00 62");
            Codec.AreEqual(DecodeStatus.NullCharacter, Utf8.Validate(b, 0, b.Length));
        }

        [TestMethod]
        public void LargestCodePointIsValid()
        {
            byte[] b = Hex.Parse("F4 8F BF BF EF BF BF");
            Codec.AreEqual(DecodeStatus.Ok, Utf8.Validate(b, 0, b.Length));
        }
    }
}

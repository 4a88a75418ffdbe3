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

        [TestMethod]
        public void UnpairedSurrogateIsRefused()
        {
            Assert.AreEqual(-1, Utf8.GetByteCount("a\ud834"));
            Assert.AreEqual(-1, Utf8.GetByteCount("\udd1eb"));
            Assert.AreEqual(-1, Utf8.Encode("a\ud834", new byte[8], 0));
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

using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Protocol
{
    /// <summary>
    /// UTF-8 at the edges of each length and of the surrogate range, both ways, and encoding at an
    /// offset into a buffer. (Characters are given as char arrays: nanoCLR's string indexer cannot
    /// be trusted with surrogate pairs.)
    /// </summary>
    [TestClass]
    public class Utf8EdgeTests
    {
        [TestMethod]
        [DataRow(0x7F, "7F")]
        [DataRow(0x80, "C2 80")]
        [DataRow(0x7FF, "DF BF")]
        [DataRow(0x800, "E0 A0 80")]
        [DataRow(0xD7FF, "ED 9F BF")]
        [DataRow(0xE000, "EE 80 80")]
        [DataRow(0xFFFF, "EF BF BF")]
        public void EachLengthEdgeEncodesToItsBytes(int code, string hex)
        {
            char[] c = new char[] { (char)code };
            byte[] b = new byte[8];
            int n = Utf8.Encode(c, b, 0);
            Assert.AreEqual(hex, Hex.Format(b, 0, n));
            Assert.AreEqual(n, Utf8.GetByteCount(c));
            Codec.AreEqual(DecodeStatus.Ok, Utf8.Validate(b, 0, n));
            Assert.IsTrue(Utf8.Equals(b, 0, n, new string(c)));
        }

        [TestMethod]
        [DataRow(0xD800, 0xDC00, "F0 90 80 80")]
        [DataRow(0xDBFF, 0xDFFF, "F4 8F BF BF")]
        [DataRow(0xDBFF, 0xDC00, "F4 8F B0 80")]
        [DataRow(0xD800, 0xDFFF, "F0 90 8F BF")]
        public void SurrogatePairsAtTheEdgesEncodeToOneCodePoint(int high, int low, string hex)
        {
            char[] c = new char[] { (char)high, (char)low };
            byte[] b = new byte[8];
            int n = Utf8.Encode(c, b, 0);
            Assert.AreEqual(hex, Hex.Format(b, 0, n));
            Assert.AreEqual(4, Utf8.GetByteCount(c));
        }

        [TestMethod]
        [DataRow(0xDC00, 0xD800)]
        [DataRow(0xD7FF, 0xDC00)]
        [DataRow(0xD800, 0xE000)]
        [DataRow(0xD800, 0xDBFF)]
        public void WhatIsNotAPairIsNotEncodedAsOne(int first, int second)
        {
            char[] c = new char[] { (char)first, (char)second };
            byte[] b = new byte[8];
            int n = Utf8.Encode(c, b, 0);
            Assert.AreEqual(6, n, "two characters of three bytes each (a lone surrogate becomes U+FFFD)");
            Codec.AreEqual(DecodeStatus.Ok, Utf8.Validate(b, 0, n));
        }

        [TestMethod]
        [DataRow("C1 BF", false)]
        [DataRow("C2 80", true)]
        [DataRow("E0 9F BF", false)]
        [DataRow("E0 A0 80", true)]
        [DataRow("F0 8F BF BF", false)]
        [DataRow("F0 90 80 80", true)]
        [DataRow("ED 9F BF", true)]
        [DataRow("ED BF BF", false)]
        [DataRow("EE 80 80", true)]
        [DataRow("C2", false)]
        [DataRow("E0 A0", false)]
        [DataRow("F0 90 80", false)]
        public void OverlongAndSurrogateEdgesAreTold(string hex, bool valid)
        {
            byte[] b = Hex.Parse(hex);
            Codec.AreEqual(valid ? DecodeStatus.Ok : DecodeStatus.InvalidUtf8, Utf8.Validate(b, 0, b.Length));
        }

        [TestMethod]
        public void EncodingAtAnOffsetWritesThereAndCountsOnlyItsBytes()
        {
            byte[] b = new byte[16];
            int n = Utf8.Encode(new char[] { 'a', (char)0xE9 }, b, 5);
            Assert.AreEqual(3, n);
            Assert.AreEqual("00 00 00 00 00 61 C3 A9 00", Hex.Format(b, 0, 9));
            Assert.IsTrue(Utf8.Equals(b, 5, 3, "a\u00e9"));
            Assert.AreEqual("a\u00e9", Utf8.ToString(b, 5, 3));
        }

        [TestMethod]
        [DataRow(4)]
        [DataRow(5)]
        public void APacketEncodedAtAnOffsetIsTheSamePacket(int version)
        {
            PublishPacket p = new PublishPacket();
            p.Topic = Slice.FromString("dev/state");
            p.Payload = Slice.FromString("on");
            p.QoS = 1;
            p.PacketId = 7;
            p.Retain = true;
            byte[] at0 = new byte[64];
            byte[] at9 = new byte[64];
            int n0, n9;
            Codec.AreEqual(EncodeStatus.Ok, PacketEncoder.Encode(p, (MqttVersion)version, at0, 0, 0, out n0));
            Codec.AreEqual(EncodeStatus.Ok, PacketEncoder.Encode(p, (MqttVersion)version, at9, 9, 0, out n9));
            Assert.AreEqual(n0, n9, "the length does not depend on where it is written");
            Assert.AreEqual(Hex.Format(at0, 0, n0), Hex.Format(at9, 9, n9));
            Assert.AreEqual(0x33, (int)at9[9], "PUBLISH, QoS 1 (0x02), retain (0x01)");
            Codec.AreEqual(EncodeStatus.BufferTooSmall, PacketEncoder.Encode(p, (MqttVersion)version, new byte[n0 + 8], 9, 0, out n9));
            Codec.AreEqual(EncodeStatus.PacketTooLarge, PacketEncoder.Encode(p, (MqttVersion)version, at0, 0, n0 - 1, out n9));
        }

        [TestMethod]
        [DataRow(4, 4)]
        [DataRow(3, 2)]
        [DataRow(2, 2)]
        [DataRow(8, 8)]
        [DataRow(7, 4)]
        [DataRow(6, 4)]
        [DataRow(5, 4)]
        [DataRow(0, 0)]
        public void ACutEndsWhereACharacterEnds(int count, int kept)
        {
            // "ab", U+00E9 (2 bytes), U+1F600 (4 bytes)
            byte[] b = new byte[] { 0x61, 0x62, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80 };
            Assert.AreEqual(kept, Utf8.BoundaryBefore(b, 0, count));
        }

        [TestMethod]
        public void OnlyContinuationBytesAreLeftAsTheyAre()
        {
            Assert.AreEqual(3, Utf8.BoundaryBefore(new byte[] { 0x80, 0x80, 0x80 }, 0, 3));
            Assert.AreEqual(0, Utf8.BoundaryBefore(new byte[] { 0x61, 0xC3, 0xA9 }, 1, 1), "at an offset: a lead byte alone is cut");
            Assert.AreEqual(2, Utf8.BoundaryBefore(new byte[] { 0x61, 0xC3, 0xA9 }, 1, 2));
        }
    }
}

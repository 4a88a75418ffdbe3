using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Protocol
{
    [TestClass]
    public class VariableByteIntegerTests
    {
        // Boundaries from MQTT 5.0 section 1.5.5, table 1-1.
        [TestMethod]
        [DataRow(0, "00")]
        [DataRow(127, "7F")]
        [DataRow(128, "80 01")]
        [DataRow(16383, "FF 7F")]
        [DataRow(16384, "80 80 01")]
        [DataRow(2097151, "FF FF 7F")]
        [DataRow(2097152, "80 80 80 01")]
        [DataRow(268435455, "FF FF FF 7F")]
        public void EncodesAndDecodesSpecBoundaries(int value, string hex)
        {
            byte[] expected = Hex.Parse(hex);
            Assert.AreEqual(expected.Length, VariableByteInteger.Size(value));
            byte[] written = new byte[4];
            int n = VariableByteInteger.Write(written, 0, value);
            Assert.AreEqual(hex, Hex.Format(written, 0, n));
            int p = 0;
            int decoded;
            Assert.AreEqual((int)DecodeStatus.Ok, (int)VariableByteInteger.Read(expected, ref p, expected.Length, out decoded));
            Assert.AreEqual(value, decoded);
            Assert.AreEqual(expected.Length, p);
        }

        [TestMethod]
        public void FifthByteIsMalformed()
        {
            byte[] b = Hex.Parse("FF FF FF FF 01");
            int p = 0;
            int v;
            Codec.AreEqual(DecodeStatus.MalformedVariableInteger, VariableByteInteger.Read(b, ref p, b.Length, out v));
            Assert.AreEqual(0, p, "position untouched on error");
        }

        [TestMethod]
        public void NonMinimalEncodingIsMalformed()
        {
            byte[] b = Hex.Parse("80 00");
            int p = 0;
            int v;
            Codec.AreEqual(DecodeStatus.MalformedVariableInteger, VariableByteInteger.Read(b, ref p, b.Length, out v));
        }

        [TestMethod]
        public void StopsBeforeLastDigitNeedsMoreData()
        {
            byte[] b = Hex.Parse("80 80");
            int p = 0;
            int v;
            Codec.AreEqual(DecodeStatus.NeedMoreData, VariableByteInteger.Read(b, ref p, b.Length, out v));
        }

        [TestMethod]
        public void RemainingLengthOfEveryDigitCountRoundTrips()
        {
            // A PUBLISH whose remaining length needs 1, 2 and 3 digits.
            int[] payloads = new int[] { 10, 200, 20000 };
            for (int i = 0; i < payloads.Length; i++)
            {
                PublishPacket p = new PublishPacket();
                p.Topic = Slice.FromString("t");
                p.Payload = Slice.Of(new byte[payloads[i]]);
                byte[] buffer = new byte[payloads[i] + 16];
                int length;
                Codec.AreEqual(EncodeStatus.Ok, PacketEncoder.Encode(p, MqttVersion.V311, buffer, 0, 0, out length));
                PacketDecoder d = PacketDecoder.ForClient(MqttVersion.V311, 0);
                Codec.AreEqual(DecodeStatus.Ok, d.Decode(buffer, 0, length));
                Assert.AreEqual(payloads[i], d.Publish.Payload.Length);
            }
        }
    }
}

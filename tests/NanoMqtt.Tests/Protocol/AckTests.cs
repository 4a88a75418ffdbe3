using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Protocol
{
    [TestClass]
    public class AckTests
    {
        private static AckPacket Ack(PacketType type, ushort packetId, byte reason)
        {
            AckPacket a = new AckPacket(type);
            a.PacketId = packetId;
            a.ReasonCode = reason;
            return a;
        }

        [TestMethod]
        [DataRow((int)PacketType.PubAck, "40 02 00 01")]
        [DataRow((int)PacketType.PubRec, "50 02 00 01")]
        [DataRow((int)PacketType.PubRel, "62 02 00 01")]
        [DataRow((int)PacketType.PubComp, "70 02 00 01")]
        public void SuccessIsTwoBytesInBothVersions(int type, string hex)
        {
            Assert.AreEqual(hex, Codec.Encode(Ack((PacketType)type, 1, 0), MqttVersion.V311));
            Assert.AreEqual(hex, Codec.Encode(Ack((PacketType)type, 1, 0), MqttVersion.V500));
            PacketDecoder d = Codec.DecodeAsClient(hex, MqttVersion.V500);
            Assert.AreEqual(type, (int)d.Type);
            Assert.AreEqual((ushort)1, d.Ack.PacketId);
            Assert.AreEqual((byte)0, d.Ack.ReasonCode);
        }

        [TestMethod]
        public void V5ReasonWithoutProperties()
        {
            Assert.AreEqual("40 03 00 01 10", Codec.Encode(Ack(PacketType.PubAck, 1, ReasonCode.NoMatchingSubscribers), MqttVersion.V500));
            Assert.AreEqual(ReasonCode.NoMatchingSubscribers, Codec.DecodeAsClient("40 03 00 01 10", MqttVersion.V500).Ack.ReasonCode);
        }

        [TestMethod]
        public void V5ReasonString()
        {
            AckPacket a = Ack(PacketType.PubRec, 1, ReasonCode.QuotaExceeded);
            a.Properties.ReasonString = Slice.FromString("x");
            Assert.AreEqual("50 08 00 01 97 04 1F 00 01 78", Codec.Encode(a, MqttVersion.V500));
            PacketDecoder d = Codec.DecodeAsClient("50 08 00 01 97 04 1F 00 01 78", MqttVersion.V500);
            Assert.IsTrue(d.Ack.Properties.ReasonString.ContentEquals("x"));
        }

        [TestMethod]
        public void V5PacketIdentifierNotFoundOnPubComp()
        {
            Assert.AreEqual("70 03 00 09 92", Codec.Encode(Ack(PacketType.PubComp, 9, ReasonCode.PacketIdentifierNotFound), MqttVersion.V500));
        }

        [TestMethod]
        public void ReasonCodesAreCheckedPerType()
        {
            Codec.AreEqual(EncodeStatus.InvalidReasonCode, Codec.TryEncode(Ack(PacketType.PubRel, 1, ReasonCode.NoMatchingSubscribers), MqttVersion.V500));
            Codec.AreEqual(EncodeStatus.InvalidReasonCode, Codec.TryEncode(Ack(PacketType.PubAck, 1, ReasonCode.PacketIdentifierNotFound), MqttVersion.V500));
            Codec.AreEqual(EncodeStatus.InvalidReasonCode, Codec.TryEncode(Ack(PacketType.PubAck, 1, ReasonCode.UnspecifiedError), MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.InvalidReasonCode, Codec.StatusAsClient("62 03 00 01 10", MqttVersion.V500));
        }

        [TestMethod]
        public void PacketIdZeroIsRefused()
        {
            Codec.AreEqual(EncodeStatus.ZeroPacketId, Codec.TryEncode(Ack(PacketType.PubAck, 0, 0), MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.ZeroPacketId, Codec.StatusAsClient("40 02 00 00", MqttVersion.V311));
        }

        [TestMethod]
        public void FixedHeaderFlagsAreChecked()
        {
            Codec.AreEqual(DecodeStatus.BadFlags, Codec.StatusAsClient("42 02 00 01", MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.BadFlags, Codec.StatusAsClient("60 02 00 01", MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.BadFlags, Codec.StatusAsClient("71 02 00 01", MqttVersion.V500));
        }

        [TestMethod]
        public void V311AckHasExactlyTwoBytes()
        {
            Codec.AreEqual(DecodeStatus.TrailingBytes, Codec.StatusAsClient("40 03 00 01 00", MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.Truncated, Codec.StatusAsClient("40 01 00", MqttVersion.V311));
        }

        [TestMethod]
        public void V5PropertyLengthPastEndIsTruncated()
        {
            Codec.AreEqual(DecodeStatus.Truncated, Codec.StatusAsClient("40 05 00 01 00 09 1F", MqttVersion.V500));
        }

        [TestMethod]
        public void ServerDecoderReadsPubRelFromClient()
        {
            PacketDecoder d = Codec.DecodeAsServer("62 02 12 34");
            Assert.AreEqual((int)PacketType.PubRel, (int)d.Type);
            Assert.AreEqual((ushort)0x1234, d.Ack.PacketId);
        }
    }
}

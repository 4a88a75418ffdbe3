using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Protocol
{
    [TestClass]
    public class PublishTests
    {
        private static PublishPacket Message(string topic, string payload, byte qos, ushort packetId)
        {
            PublishPacket p = new PublishPacket();
            p.Topic = Slice.FromString(topic);
            p.Payload = Slice.FromString(payload);
            p.QoS = qos;
            p.PacketId = packetId;
            return p;
        }

        [TestMethod]
        public void V311QoS0HasNoPacketId()
        {
            Assert.AreEqual("30 07 00 03 61 2F 62 6F 6E", Codec.Encode(Message("a/b", "on", 0, 0), MqttVersion.V311));
        }

        [TestMethod]
        public void V311QoS1DupRetainFlags()
        {
            PublishPacket p = Message("a/b", "on", 1, 10);
            p.Dup = true;
            p.Retain = true;
            Assert.AreEqual("3B 09 00 03 61 2F 62 00 0A 6F 6E", Codec.Encode(p, MqttVersion.V311));
        }

        [TestMethod]
        public void V5QoS2WithMessageExpiry()
        {
            PublishPacket p = Message("t", "", 2, 0x1234);
            p.Properties.MessageExpiryInterval = 60;
            Assert.AreEqual("34 0B 00 01 74 12 34 05 02 00 00 00 3C", Codec.Encode(p, MqttVersion.V500));
        }

        [TestMethod]
        public void V5EmptyPropertiesStillHaveALength()
        {
            Assert.AreEqual("30 08 00 03 61 2F 62 00 6F 6E", Codec.Encode(Message("a/b", "on", 0, 0), MqttVersion.V500));
        }

        [TestMethod]
        public void DecodesTopicAndPayloadInPlace()
        {
            byte[] bytes = Hex.Parse("32 0C 00 05 61 2F 62 2F 63 00 07 6F 66 66");
            PacketDecoder d = PacketDecoder.ForClient(MqttVersion.V311, 0);
            Codec.AreEqual(DecodeStatus.Ok, d.Decode(bytes, 0, bytes.Length));
            PublishPacket p = d.Publish;
            Assert.AreSame(bytes, p.Topic.Array, "topic is a view of the receive buffer");
            Assert.AreEqual(4, p.Topic.Offset);
            Assert.AreEqual(5, p.Topic.Length);
            Assert.AreSame(bytes, p.Payload.Array, "payload is a view of the receive buffer");
            Assert.AreEqual(11, p.Payload.Offset);
            Assert.IsTrue(p.Payload.ContentEquals("off"));
            Assert.AreEqual((ushort)7, p.PacketId);
            Assert.AreEqual((byte)1, p.QoS);
        }

        [TestMethod]
        public void EmojiInTopicAndPayloadTextRoundTrip()
        {
            PublishPacket p = new PublishPacket();
            p.Topic = Slice.FromString("s/\U0001F321");
            p.Payload = Slice.FromString("21\u00b0C \U0001F321!");
            Assert.AreEqual("30 13 00 06 73 2F F0 9F 8C A1 32 31 C2 B0 43 20 F0 9F 8C A1 21", Codec.Encode(p, MqttVersion.V311));
            PacketDecoder d = Codec.DecodeAsClient("30 13 00 06 73 2F F0 9F 8C A1 32 31 C2 B0 43 20 F0 9F 8C A1 21", MqttVersion.V311);
            Assert.IsTrue(d.Publish.Topic.ContentEquals("s/\U0001F321"));
            Assert.IsTrue(d.Publish.Payload.ContentEquals("21\u00b0C \U0001F321!"));
            Assert.AreEqual("21\u00b0C \U0001F321!", d.Publish.Payload.ToString());
        }

        [TestMethod]
        public void V5AllPublishPropertiesRoundTrip()
        {
            PublishPacket p = Message("cmd/\u00e9t\u00e9", "pulse:500", 1, 65535);
            Properties pr = p.Properties;
            pr.PayloadFormatIndicator = 1;
            pr.MessageExpiryInterval = 30;
            pr.ContentType = Slice.FromString("text/plain");
            pr.ResponseTopic = Slice.FromString("reply/1");
            pr.CorrelationData = Slice.Of(new byte[] { 0, 1, 2, 255 });
            pr.TopicAlias = 3;
            pr.AddUserProperty(Slice.FromString("a"), Slice.FromString("1"));
            pr.AddUserProperty(Slice.FromString("a"), Slice.FromString("2"));
            pr.AddSubscriptionIdentifier(1);
            pr.AddSubscriptionIdentifier(268435455);
            PacketDecoder d = Codec.DecodeAsClient(Codec.Encode(p, MqttVersion.V500), MqttVersion.V500);
            PublishPacket r = d.Publish;
            Assert.IsTrue(r.Topic.ContentEquals("cmd/\u00e9t\u00e9"));
            Assert.IsTrue(r.Payload.ContentEquals("pulse:500"));
            Assert.AreEqual((ushort)65535, r.PacketId);
            Properties rp = r.Properties;
            Assert.AreEqual((byte)1, rp.PayloadFormatIndicator);
            Assert.AreEqual(30u, rp.MessageExpiryInterval);
            Assert.IsTrue(rp.ContentType.ContentEquals("text/plain"));
            Assert.IsTrue(rp.ResponseTopic.ContentEquals("reply/1"));
            Assert.IsTrue(rp.CorrelationData.ContentEquals(Slice.Of(new byte[] { 0, 1, 2, 255 })));
            Assert.AreEqual((ushort)3, rp.TopicAlias);
            Assert.AreEqual(2, rp.UserPropertyCount);
            Assert.IsTrue(rp.GetUserPropertyValue(1).ContentEquals("2"), "user properties keep their order");
            Assert.AreEqual(2, rp.SubscriptionIdentifierCount);
            Assert.AreEqual(268435455, rp.GetSubscriptionIdentifier(1));
        }

        [TestMethod]
        public void V5EmptyTopicNeedsTopicAlias()
        {
            PublishPacket p = Message("", "x", 0, 0);
            Codec.AreEqual(EncodeStatus.InvalidTopic, Codec.TryEncode(p, MqttVersion.V500));
            p.Properties.TopicAlias = 1;
            Codec.AreEqual(EncodeStatus.Ok, Codec.TryEncode(p, MqttVersion.V500));
            Codec.AreEqual(EncodeStatus.InvalidTopic, Codec.TryEncode(p, MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.InvalidTopic, Codec.StatusAsClient("30 04 00 00 00 78", MqttVersion.V500));
            Codec.AreEqual(DecodeStatus.InvalidTopic, Codec.StatusAsClient("30 03 00 00 78", MqttVersion.V311));
        }

        [TestMethod]
        public void EncoderRefusesWhatMqttForbids()
        {
            Codec.AreEqual(EncodeStatus.InvalidQoS, Codec.TryEncode(Message("t", "", 3, 1), MqttVersion.V311));
            Codec.AreEqual(EncodeStatus.ZeroPacketId, Codec.TryEncode(Message("t", "", 1, 0), MqttVersion.V311));
            Codec.AreEqual(EncodeStatus.InvalidTopic, Codec.TryEncode(Message("a/+", "", 0, 0), MqttVersion.V311));
            Codec.AreEqual(EncodeStatus.InvalidTopic, Codec.TryEncode(Message("a/#", "", 0, 0), MqttVersion.V311));
            PublishPacket dup0 = Message("t", "", 0, 0);
            dup0.Dup = true;
            Codec.AreEqual(EncodeStatus.InvalidField, Codec.TryEncode(dup0, MqttVersion.V311));
            PublishPacket badUtf8 = Message("t", "", 0, 0);
            badUtf8.Topic = Slice.Of(new byte[] { 0xC3, 0x28 });
            Codec.AreEqual(EncodeStatus.InvalidString, Codec.TryEncode(badUtf8, MqttVersion.V311));
            PublishPacket wrongProperty = Message("t", "", 0, 0);
            wrongProperty.Properties.SessionExpiryInterval = 1;
            Codec.AreEqual(EncodeStatus.InvalidProperty, Codec.TryEncode(wrongProperty, MqttVersion.V500));
        }

        [TestMethod]
        public void OversizePacketIsRefusedBeforeAnyByteIsWritten()
        {
            PublishPacket p = Message("t", "0123456789", 0, 0);
            byte[] buffer = new byte[64];
            int length;
            Codec.AreEqual(EncodeStatus.PacketTooLarge, PacketEncoder.Encode(p, MqttVersion.V311, buffer, 0, 14, out length));
            Assert.AreEqual(0, length);
            Codec.AreEqual(EncodeStatus.Ok, PacketEncoder.Encode(p, MqttVersion.V311, buffer, 0, 15, out length));
            Assert.AreEqual(15, length);
            byte[] small = new byte[14];
            Codec.AreEqual(EncodeStatus.BufferTooSmall, PacketEncoder.Encode(p, MqttVersion.V311, small, 0, 0, out length));
            for (int i = 0; i < small.Length; i++) Assert.AreEqual((byte)0, small[i], "nothing written");
        }

        [TestMethod]
        public void EncodesAtAnOffset()
        {
            byte[] buffer = new byte[20];
            int length;
            Codec.AreEqual(EncodeStatus.Ok, PacketEncoder.Encode(Message("a/b", "on", 0, 0), MqttVersion.V311, buffer, 5, 0, out length));
            Assert.AreEqual("00 00 00 00 00 30 07 00 03 61 2F 62 6F 6E", Hex.Format(buffer, 0, 5 + length));
        }

        [TestMethod]
        [DataRow("36 05 00 01 61 00 01", (int)DecodeStatus.InvalidQoS)]
        [DataRow("38 03 00 01 61", (int)DecodeStatus.BadFlags)]
        [DataRow("32 05 00 01 61 00 00", (int)DecodeStatus.ZeroPacketId)]
        [DataRow("30 04 00 02 C3 28", (int)DecodeStatus.InvalidUtf8)]
        [DataRow("30 04 00 02 C0 AF", (int)DecodeStatus.InvalidUtf8)]
        [DataRow("30 05 00 03 ED A0 80", (int)DecodeStatus.InvalidUtf8)]
        [DataRow("30 04 00 02 61 00", (int)DecodeStatus.NullCharacter)]
        [DataRow("30 05 00 03 61 2F 23", (int)DecodeStatus.InvalidTopic)]
        [DataRow("30 05 00 03 2B 2F 61", (int)DecodeStatus.InvalidTopic)]
        [DataRow("30 03 00 05 61", (int)DecodeStatus.Truncated)]
        [DataRow("32 04 00 01 61 00", (int)DecodeStatus.Truncated)]
        public void V311MalformedPublish(string hex, int status)
        {
            Codec.AreEqual((DecodeStatus)status, Codec.StatusAsClient(hex, MqttVersion.V311));
        }

        [TestMethod]
        [DataRow("30 0E 00 01 61 0A 02 00 00 00 01 02 00 00 00 02", (int)DecodeStatus.DuplicateProperty)]
        [DataRow("30 06 00 01 61 02 50 00", (int)DecodeStatus.UnknownProperty)]
        [DataRow("30 09 00 01 61 05 11 00 00 00 01", (int)DecodeStatus.UnknownProperty)]
        [DataRow("30 06 00 01 61 02 01 02", (int)DecodeStatus.InvalidPropertyValue)]
        [DataRow("30 07 00 01 61 03 23 00 00", (int)DecodeStatus.InvalidPropertyValue)]
        [DataRow("30 06 00 01 61 02 0B 00", (int)DecodeStatus.InvalidPropertyValue)]
        [DataRow("30 05 00 01 61 09 02", (int)DecodeStatus.Truncated)]
        [DataRow("30 08 00 01 61 04 03 00 05 61", (int)DecodeStatus.Truncated)]
        [DataRow("30 08 00 01 61 04 03 00 01 00", (int)DecodeStatus.NullCharacter)]
        [DataRow("30 08 00 01 61 80 80 80 80 01", (int)DecodeStatus.MalformedVariableInteger)]
        public void V5MalformedPublishProperties(string hex, int status)
        {
            Codec.AreEqual((DecodeStatus)status, Codec.StatusAsClient(hex, MqttVersion.V500));
        }
    }
}

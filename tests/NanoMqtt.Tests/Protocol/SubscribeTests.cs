using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Protocol
{
    [TestClass]
    public class SubscribeTests
    {
        [TestMethod]
        public void V311SingleFilter()
        {
            SubscribePacket s = new SubscribePacket(4);
            s.PacketId = 1;
            s.Add(Slice.FromString("a/#"), 1);
            Assert.AreEqual("82 08 00 01 00 03 61 2F 23 01", Codec.Encode(s, MqttVersion.V311));
        }

        [TestMethod]
        public void V5OptionsAndSubscriptionIdentifier()
        {
            SubscribePacket s = new SubscribePacket(4);
            s.PacketId = 2;
            s.Properties.AddSubscriptionIdentifier(5);
            s.Add(Slice.FromString("x/+"), (byte)(2 | SubscribePacket.NoLocal | SubscribePacket.RetainAsPublished | SubscribePacket.RetainHandlingNever));
            Assert.AreEqual("82 0B 00 02 02 0B 05 00 03 78 2F 2B 2E", Codec.Encode(s, MqttVersion.V500));
            PacketDecoder d = Codec.DecodeAsServer("82 0B 00 02 02 0B 05 00 03 78 2F 2B 2E");
            // The server decoder starts at 5.0 until it sees a CONNECT.
            Assert.AreEqual(1, d.Subscribe.Count);
            Assert.IsTrue(d.Subscribe.GetFilter(0).ContentEquals("x/+"));
            Assert.AreEqual((byte)0x2E, d.Subscribe.GetOptions(0));
            Assert.AreEqual(5, d.Subscribe.Properties.GetSubscriptionIdentifier(0));
        }

        [TestMethod]
        public void SeveralFiltersKeepTheirOrder()
        {
            SubscribePacket s = new SubscribePacket(3);
            s.PacketId = 7;
            Assert.IsTrue(s.Add(Slice.FromString("a"), 0));
            Assert.IsTrue(s.Add(Slice.FromString("b/+"), 1));
            Assert.IsTrue(s.Add(Slice.FromString("#"), 2));
            Assert.IsFalse(s.Add(Slice.FromString("d"), 0), "capacity is fixed");
            PacketDecoder d = Codec.DecodeAsServer(Codec.Encode(s, MqttVersion.V500));
            Assert.AreEqual(3, d.Subscribe.Count);
            Assert.IsTrue(d.Subscribe.GetFilter(2).ContentEquals("#"));
            Assert.AreEqual((byte)2, d.Subscribe.GetOptions(2));
        }

        [TestMethod]
        public void EncoderRefusesBadSubscriptions()
        {
            SubscribePacket s = new SubscribePacket(2);
            s.PacketId = 1;
            Codec.AreEqual(EncodeStatus.InvalidSubscription, Codec.TryEncode(s, MqttVersion.V311));
            s.Add(Slice.FromString("a/#/b"), 0);
            Codec.AreEqual(EncodeStatus.InvalidTopicFilter, Codec.TryEncode(s, MqttVersion.V311));
            s.Clear();
            s.Add(Slice.FromString("a"), SubscribePacket.NoLocal);
            Codec.AreEqual(EncodeStatus.InvalidSubscription, Codec.TryEncode(s, MqttVersion.V311));
            Codec.AreEqual(EncodeStatus.Ok, Codec.TryEncode(s, MqttVersion.V500));
            s.Clear();
            s.Add(Slice.FromString("a"), 0x30);
            Codec.AreEqual(EncodeStatus.InvalidSubscription, Codec.TryEncode(s, MqttVersion.V500));
            s.Clear();
            s.Add(Slice.FromString("a"), 3);
            Codec.AreEqual(EncodeStatus.InvalidSubscription, Codec.TryEncode(s, MqttVersion.V500));
            s.Clear();
            s.Add(Slice.FromString("a"), 0);
            s.PacketId = 0;
            Codec.AreEqual(EncodeStatus.ZeroPacketId, Codec.TryEncode(s, MqttVersion.V500));
            s.PacketId = 1;
            s.Properties.AddSubscriptionIdentifier(1);
            s.Properties.AddSubscriptionIdentifier(2);
            Codec.AreEqual(EncodeStatus.InvalidProperty, Codec.TryEncode(s, MqttVersion.V500));
        }

        [TestMethod]
        public void DecoderRefusesBadSubscriptions()
        {
            Codec.AreEqual(DecodeStatus.EmptyList, Codec.StatusAsServer("82 03 00 01 00"));
            Codec.AreEqual(DecodeStatus.BadFlags, Codec.StatusAsServer("80 06 00 01 00 00 01 61 00"));
            Codec.AreEqual(DecodeStatus.InvalidQoS, Codec.StatusAsServer("82 07 00 01 00 00 01 61 03"));
            Codec.AreEqual(DecodeStatus.ReservedBitsSet, Codec.StatusAsServer("82 07 00 01 00 00 01 61 C0"));
            Codec.AreEqual(DecodeStatus.InvalidTopicFilter, Codec.StatusAsServer("82 08 00 01 00 00 02 61 23 00"));
            Codec.AreEqual(DecodeStatus.DuplicateProperty, Codec.StatusAsServer("82 0B 00 01 04 0B 01 0B 02 00 01 61 00"));
        }

        [TestMethod]
        public void SubAckCarriesOneCodePerFilter()
        {
            PacketDecoder d = Codec.DecodeAsClient("90 03 00 01 01", MqttVersion.V311);
            Assert.AreEqual(1, d.SubAck.ReasonCodes.Length);
            Assert.AreEqual((byte)1, d.SubAck.ReasonCodes[0]);
            d = Codec.DecodeAsClient("90 06 00 01 00 01 80 87", MqttVersion.V500);
            Assert.AreEqual(3, d.SubAck.ReasonCodes.Length);
            Assert.AreEqual(ReasonCode.NotAuthorized, d.SubAck.ReasonCodes[2]);
        }

        [TestMethod]
        public void SubAckRefusesUnknownCodesAndEmptyLists()
        {
            Codec.AreEqual(DecodeStatus.InvalidReasonCode, Codec.StatusAsClient("90 03 00 01 03", MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.InvalidReasonCode, Codec.StatusAsClient("90 03 00 01 87", MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.EmptyList, Codec.StatusAsClient("90 02 00 01", MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.EmptyList, Codec.StatusAsClient("90 03 00 01 00", MqttVersion.V500));
        }

        [TestMethod]
        public void SubAckRoundTrips()
        {
            SubAckPacket a = new SubAckPacket(PacketType.SubAck);
            a.PacketId = 3;
            a.ReasonCodes = Slice.Of(new byte[] { 0, 2, 0x80 });
            Assert.AreEqual("90 05 00 03 00 02 80", Codec.Encode(a, MqttVersion.V311));
            Assert.AreEqual("90 06 00 03 00 00 02 80", Codec.Encode(a, MqttVersion.V500));
        }

        [TestMethod]
        public void Unsubscribe()
        {
            UnsubscribePacket u = new UnsubscribePacket(2);
            u.PacketId = 1;
            u.Add(Slice.FromString("a"));
            Assert.AreEqual("A2 05 00 01 00 01 61", Codec.Encode(u, MqttVersion.V311));
            Assert.AreEqual("A2 06 00 01 00 00 01 61", Codec.Encode(u, MqttVersion.V500));
            PacketDecoder d = Codec.DecodeAsServer("A2 06 00 01 00 00 01 61");
            Assert.AreEqual(1, d.Unsubscribe.Count);
            Assert.IsTrue(d.Unsubscribe.GetFilter(0).ContentEquals("a"));
            u.Clear();
            Codec.AreEqual(EncodeStatus.InvalidSubscription, Codec.TryEncode(u, MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.EmptyList, Codec.StatusAsServer("A2 03 00 01 00"));
        }

        [TestMethod]
        public void UnsubAckHasCodesOnlyIn5()
        {
            PacketDecoder d = Codec.DecodeAsClient("B0 02 00 03", MqttVersion.V311);
            Assert.AreEqual((int)PacketType.UnsubAck, (int)d.Type);
            Assert.AreEqual((ushort)3, d.SubAck.PacketId);
            d = Codec.DecodeAsClient("B0 04 00 03 00 11", MqttVersion.V500);
            Assert.AreEqual(ReasonCode.NoSubscriptionExisted, d.SubAck.ReasonCodes[0]);
            Codec.AreEqual(DecodeStatus.TrailingBytes, Codec.StatusAsClient("B0 03 00 03 00", MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.InvalidReasonCode, Codec.StatusAsClient("B0 04 00 03 00 01", MqttVersion.V500));
        }

        [TestMethod]
        public void TooManyFiltersForTheServerDecoder()
        {
            SubscribePacket s = new SubscribePacket(9);
            s.PacketId = 1;
            for (int i = 0; i < 9; i++) s.Add(Slice.FromString("t"), 0);
            Codec.AreEqual(DecodeStatus.TooManyEntries, Codec.StatusAsServer(Codec.Encode(s, MqttVersion.V500)));
        }
    
        [TestMethod]
        public void ASubAckThatCannotBeRightIsNotEncoded()
        {
            SubAckPacket a = new SubAckPacket(PacketType.SubAck);
            a.ReasonCodes = Slice.Of(new byte[] { 1 });
            Codec.AreEqual(EncodeStatus.ZeroPacketId, Codec.TryEncode(a, MqttVersion.V500));
            a.PacketId = 3;
            a.ReasonCodes = Slice.Of(new byte[0]);
            Codec.AreEqual(EncodeStatus.InvalidField, Codec.TryEncode(a, MqttVersion.V500));
            a.ReasonCodes = Slice.Of(new byte[] { 0x92 });
            Codec.AreEqual(EncodeStatus.InvalidReasonCode, Codec.TryEncode(a, MqttVersion.V500));
            a.ReasonCodes = Slice.Of(new byte[] { 0x87 });
            Codec.AreEqual(EncodeStatus.InvalidReasonCode, Codec.TryEncode(a, MqttVersion.V311));
            Codec.AreEqual(EncodeStatus.Ok, Codec.TryEncode(a, MqttVersion.V500));
        }

        [TestMethod]
        [DataRow("90 03 00 01", "SUBACK cut inside its packet id")]
        [DataRow("90 04 00 01 05", "SUBACK whose property block claims more than is there")]
        public void ATruncatedSubAckIsRefused(string hex, string what)
        {
            DecodeStatus st = Codec.StatusAsClient(hex, MqttVersion.V500);
            Assert.AreNotEqual((int)DecodeStatus.Ok, (int)st, what);
        }
}
}

using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Protocol
{
    /// <summary>
    /// A property whose value runs past the end of its property block, of every kind, and properties
    /// the encoder must not send: each is refused with a status, never read past and never sent.
    /// </summary>
    [TestClass]
    public class MalformedPropertyTests
    {
        [TestMethod]
        [DataRow("20 06 00 00 03 11 00 00", "four-byte integer cut short")]
        [DataRow("20 05 00 00 02 21 00", "two-byte integer cut short")]
        [DataRow("20 04 00 00 01 24", "byte with no value")]
        [DataRow("20 08 00 00 05 1F 00 05 61 62", "string cut short")]
        [DataRow("20 07 00 00 04 16 00 04 01", "binary data cut short")]
        [DataRow("20 07 00 00 04 26 00 03 61", "user property name cut short")]
        [DataRow("20 0A 00 00 07 26 00 01 61 00 03 62", "user property value cut short")]
        [DataRow("20 08 00 00 05 26 00 01 61 00", "user property value length cut short")]
        [DataRow("20 05 00 00 02 30 00", "an identifier MQTT does not define")]
        [DataRow("20 05 00 00 05 1F 00", "the block claims more than the packet holds")]
        public void APropertyPastItsBlockIsRefused(string hex, string what)
        {
            DecodeStatus st = Codec.StatusAsClient(hex, MqttVersion.V500);
            Assert.AreNotEqual((int)DecodeStatus.Ok, (int)st, what);
            Assert.AreNotEqual((int)DecodeStatus.NeedMoreData, (int)st, what + ": the whole packet was there");
        }

        [TestMethod]
        [DataRow("30 06 00 01 74 02 0B 80", "subscription identifier with a malformed variable integer")]
        [DataRow("30 05 00 01 74 01 0B", "subscription identifier with no value")]
        public void AMalformedSubscriptionIdentifierIsRefused(string hex, string what)
        {
            DecodeStatus st = Codec.StatusAsClient(hex, MqttVersion.V500);
            Assert.AreNotEqual((int)DecodeStatus.Ok, (int)st, what);
        }

        private static PublishPacket Publish()
        {
            PublishPacket p = new PublishPacket();
            p.Topic = Slice.FromString("t");
            p.QoS = 1;
            p.PacketId = 1;
            return p;
        }

        [TestMethod]
        public void AUserPropertyWithInvalidUtf8IsNotSent()
        {
            byte[] bad = new byte[] { 0xC3, 0x28 };
            PublishPacket p = Publish();
            p.Properties.AddUserProperty(Slice.FromString("ok"), new Slice(bad, 0, 2));
            Codec.AreEqual(EncodeStatus.InvalidString, Codec.TryEncode(p, MqttVersion.V500));
            p = Publish();
            p.Properties.AddUserProperty(new Slice(bad, 0, 2), Slice.FromString("ok"));
            Codec.AreEqual(EncodeStatus.InvalidString, Codec.TryEncode(p, MqttVersion.V500));
        }

        [TestMethod]
        public void AStringPropertyWithInvalidUtf8IsNotSent()
        {
            PublishPacket p = Publish();
            p.Properties.ContentType = new Slice(new byte[] { 0xED, 0xA0, 0x80 }, 0, 3);
            Codec.AreEqual(EncodeStatus.InvalidString, Codec.TryEncode(p, MqttVersion.V500));
        }

        [TestMethod]
        public void BinaryDataOver64KiBIsNotSent()
        {
            PublishPacket p = Publish();
            p.Properties.CorrelationData = new Slice(new byte[0x10000], 0, 0x10000);
            Codec.AreEqual(EncodeStatus.DataTooLong, Codec.TryEncode(p, MqttVersion.V500));
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Protocol
{
    /// <summary>Fixed header, remaining length and stream framing.</summary>
    [TestClass]
    public class FramingTests
    {
        [TestMethod]
        public void EmptyInputNeedsMoreData()
        {
            PacketDecoder d = PacketDecoder.ForClient(MqttVersion.V311, 0);
            Codec.AreEqual(DecodeStatus.NeedMoreData, d.Decode(new byte[0], 0, 0));
            Assert.AreEqual(0, d.Consumed);
        }

        [TestMethod]
        public void PartialPacketNeedsMoreData()
        {
            Codec.AreEqual(DecodeStatus.NeedMoreData, Codec.StatusAsClient("30", MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.NeedMoreData, Codec.StatusAsClient("30 80", MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.NeedMoreData, Codec.StatusAsClient("30 05 00 03 61", MqttVersion.V311));
        }

        [TestMethod]
        public void RemainingLengthOfFiveBytesIsMalformed()
        {
            Codec.AreEqual(DecodeStatus.MalformedVariableInteger, Codec.StatusAsClient("30 80 80 80 80 01", MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.MalformedVariableInteger, Codec.StatusAsClient("30 80 00", MqttVersion.V311));
        }

        [TestMethod]
        public void ReservedPacketTypeZero()
        {
            Codec.AreEqual(DecodeStatus.UnknownPacketType, Codec.StatusAsClient("00 00", MqttVersion.V500));
        }

        [TestMethod]
        public void TooLargeIsRefusedFromTheHeaderAlone()
        {
            PacketDecoder d = PacketDecoder.ForClient(MqttVersion.V311, 10);
            byte[] header = Hex.Parse("30 09");
            Codec.AreEqual(DecodeStatus.PacketTooLarge, d.Decode(header, 0, header.Length));
            byte[] fits = Hex.Parse("30 08 00 01 61 01 02 03 04 05");
            Codec.AreEqual(DecodeStatus.Ok, d.Decode(fits, 0, fits.Length));
            byte[] huge = Hex.Parse("30 FF FF FF 7F");
            Codec.AreEqual(DecodeStatus.PacketTooLarge, d.Decode(huge, 0, huge.Length));
        }

        [TestMethod]
        public void DecodesBackToBackPacketsFromOneBuffer()
        {
            byte[] stream = Hex.Parse("20 02 00 00 30 07 00 03 61 2F 62 6F 6E 40 02 00 05 D0 00");
            PacketDecoder d = PacketDecoder.ForClient(MqttVersion.V311, 0);
            int offset = 0;
            int[] types = new int[] { (int)PacketType.ConnAck, (int)PacketType.Publish, (int)PacketType.PubAck, (int)PacketType.PingResp };
            for (int i = 0; i < types.Length; i++)
            {
                Codec.AreEqual(DecodeStatus.Ok, d.Decode(stream, offset, stream.Length - offset));
                Assert.AreEqual(types[i], (int)d.Type);
                offset += d.Consumed;
            }
            Assert.AreEqual(stream.Length, offset);
            Codec.AreEqual(DecodeStatus.NeedMoreData, d.Decode(stream, offset, 0));
        }

        [TestMethod]
        public void EveryPrefixOfAPacketNeedsMoreData()
        {
            byte[] packet = Hex.Parse("34 0B 00 01 74 12 34 05 02 00 00 00 3C");
            PacketDecoder d = PacketDecoder.ForClient(MqttVersion.V500, 0);
            for (int n = 0; n < packet.Length; n++)
            {
                Codec.AreEqual(DecodeStatus.NeedMoreData, d.Decode(packet, 0, n));
            }
            Codec.AreEqual(DecodeStatus.Ok, d.Decode(packet, 0, packet.Length));
        }

        [TestMethod]
        public void UserPropertiesBeyondCapacityAreCountedNotKept()
        {
            PublishPacket p = new PublishPacket(new Properties(12, 1));
            p.Topic = Slice.FromString("t");
            for (int i = 0; i < 10; i++) p.Properties.AddUserProperty(Slice.FromString("k"), Slice.FromString("v"));
            PacketDecoder d = Codec.DecodeAsClient(Codec.Encode(p, MqttVersion.V500), MqttVersion.V500);
            Assert.AreEqual(Properties.DefaultUserPropertyCapacity, d.Properties.UserPropertyCount);
            Assert.AreEqual(10 - Properties.DefaultUserPropertyCapacity, d.Properties.UserPropertiesDropped);
        }
    }
}

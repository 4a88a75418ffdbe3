using nanoFramework.TestFramework;
using NanoMqtt.Protocol;

namespace NanoMqtt.Tests.Support
{
    /// <summary>Encode/decode helpers shared by the codec tests.</summary>
    public static class Codec
    {
        public static string Encode(Packet packet, MqttVersion version)
        {
            byte[] buffer = new byte[4096];
            int length;
            EncodeStatus st = PacketEncoder.Encode(packet, version, buffer, 0, 0, out length);
            Assert.AreEqual((int)EncodeStatus.Ok, (int)st, "encode status");
            int size;
            Assert.AreEqual((int)EncodeStatus.Ok, (int)PacketEncoder.Measure(packet, version, out size), "measure status");
            Assert.AreEqual(length, size, "Measure agrees with Encode");
            return Hex.Format(buffer, 0, length);
        }

        public static EncodeStatus TryEncode(Packet packet, MqttVersion version)
        {
            byte[] buffer = new byte[4096];
            int length;
            return PacketEncoder.Encode(packet, version, buffer, 0, 0, out length);
        }

        /// <summary>Decodes golden hex with a client-side decoder and checks it took every byte.</summary>
        public static PacketDecoder DecodeAsClient(string hex, MqttVersion version)
        {
            PacketDecoder d = PacketDecoder.ForClient(version, 0);
            byte[] bytes = Hex.Parse(hex);
            Assert.AreEqual((int)DecodeStatus.Ok, (int)d.Decode(bytes, 0, bytes.Length), "decode status");
            Assert.AreEqual(bytes.Length, d.Consumed);
            return d;
        }

        public static PacketDecoder DecodeAsServer(string hex)
        {
            PacketDecoder d = PacketDecoder.ForServer(0, 8);
            byte[] bytes = Hex.Parse(hex);
            Assert.AreEqual((int)DecodeStatus.Ok, (int)d.Decode(bytes, 0, bytes.Length), "decode status");
            Assert.AreEqual(bytes.Length, d.Consumed);
            return d;
        }

        public static DecodeStatus StatusAsClient(string hex, MqttVersion version)
        {
            byte[] bytes = Hex.Parse(hex);
            return PacketDecoder.ForClient(version, 0).Decode(bytes, 0, bytes.Length);
        }

        public static DecodeStatus StatusAsServer(string hex)
        {
            byte[] bytes = Hex.Parse(hex);
            return PacketDecoder.ForServer(0, 8).Decode(bytes, 0, bytes.Length);
        }

        public static void AreEqual(DecodeStatus expected, DecodeStatus actual)
        {
            Assert.AreEqual((int)expected, (int)actual, "expected " + expected.ToString() + " got " + actual.ToString());
        }

        public static void AreEqual(EncodeStatus expected, EncodeStatus actual)
        {
            Assert.AreEqual((int)expected, (int)actual, "expected " + expected.ToString() + " got " + actual.ToString());
        }
    }
}

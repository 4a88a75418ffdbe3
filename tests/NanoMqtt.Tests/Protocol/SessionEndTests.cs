using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Protocol
{
    /// <summary>DISCONNECT, AUTH and the keep-alive pair.</summary>
    [TestClass]
    public class SessionEndTests
    {
        [TestMethod]
        public void PingPair()
        {
            Assert.AreEqual("C0 00", Codec.Encode(new PingPacket(PacketType.PingReq), MqttVersion.V311));
            Assert.AreEqual((int)PacketType.PingResp, (int)Codec.DecodeAsClient("D0 00", MqttVersion.V311).Type);
            Assert.AreEqual((int)PacketType.PingReq, (int)Codec.DecodeAsServer("C0 00").Type);
            Codec.AreEqual(DecodeStatus.TrailingBytes, Codec.StatusAsClient("D0 01 00", MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.UnexpectedPacketType, Codec.StatusAsClient("C0 00", MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.BadFlags, Codec.StatusAsClient("D1 00", MqttVersion.V311));
        }

        [TestMethod]
        public void DisconnectNormal()
        {
            ReasonPacket d = new ReasonPacket(PacketType.Disconnect);
            Assert.AreEqual("E0 00", Codec.Encode(d, MqttVersion.V311));
            Assert.AreEqual("E0 00", Codec.Encode(d, MqttVersion.V500));
        }

        [TestMethod]
        public void DisconnectEndingTheSession()
        {
            // Decommission: 5.0 DISCONNECT with Session Expiry 0.
            ReasonPacket d = new ReasonPacket(PacketType.Disconnect);
            d.Properties.SessionExpiryInterval = 0;
            Assert.AreEqual("E0 07 00 05 11 00 00 00 00", Codec.Encode(d, MqttVersion.V500));
            Assert.AreEqual("E0 00", Codec.Encode(d, MqttVersion.V311));
        }

        [TestMethod]
        public void DisconnectWithWill()
        {
            ReasonPacket d = new ReasonPacket(PacketType.Disconnect);
            d.ReasonCode = ReasonCode.DisconnectWithWill;
            Assert.AreEqual("E0 01 04", Codec.Encode(d, MqttVersion.V500));
        }

        [TestMethod]
        public void ServerDisconnectWithReasonAndReference()
        {
            PacketDecoder p = Codec.DecodeAsClient("E0 0A 9C 08 1C 00 05 6F 74 68 65 72", MqttVersion.V500);
            Assert.AreEqual((int)PacketType.Disconnect, (int)p.Type);
            Assert.AreEqual((byte)0x9C, p.Reason.ReasonCode);
            Assert.IsTrue(p.Reason.Properties.ServerReference.ContentEquals("other"));
            Assert.AreEqual((byte)0x8E, Codec.DecodeAsClient("E0 01 8E", MqttVersion.V500).Reason.ReasonCode);
        }

        [TestMethod]
        public void DisconnectRefusesUnknownReasonAndExtraBytes()
        {
            Codec.AreEqual(DecodeStatus.InvalidReasonCode, Codec.StatusAsClient("E0 01 01", MqttVersion.V500));
            Codec.AreEqual(DecodeStatus.TrailingBytes, Codec.StatusAsClient("E0 01 00", MqttVersion.V311));
            ReasonPacket d = new ReasonPacket(PacketType.Disconnect);
            d.ReasonCode = 0x01;
            Codec.AreEqual(EncodeStatus.InvalidReasonCode, Codec.TryEncode(d, MqttVersion.V500));
        }

        [TestMethod]
        public void AuthIsDecodedThenRejected()
        {
            // Continue authentication with a method: well-formed, but NanoMqtt does no extended auth.
            PacketDecoder p = PacketDecoder.ForClient(MqttVersion.V500, 0);
            byte[] bytes = Hex.Parse("F0 08 18 06 15 00 03 61 62 63");
            Codec.AreEqual(DecodeStatus.AuthNotSupported, p.Decode(bytes, 0, bytes.Length));
            Assert.AreEqual(bytes.Length, p.Consumed);
            Assert.AreEqual((int)PacketType.Auth, (int)p.Type);
            Assert.AreEqual(ReasonCode.ContinueAuthentication, p.Reason.ReasonCode);
            Codec.AreEqual(DecodeStatus.AuthNotSupported, Codec.StatusAsClient("F0 00", MqttVersion.V500));
        }

        [TestMethod]
        public void MalformedAuthIsMalformedNotUnsupported()
        {
            Codec.AreEqual(DecodeStatus.InvalidReasonCode, Codec.StatusAsClient("F0 01 10", MqttVersion.V500));
            Codec.AreEqual(DecodeStatus.UnknownProperty, Codec.StatusAsClient("F0 04 18 02 11 00", MqttVersion.V500));
            Codec.AreEqual(DecodeStatus.BadFlags, Codec.StatusAsClient("F1 00", MqttVersion.V500));
        }

        [TestMethod]
        public void AuthDoesNotExistIn311()
        {
            Codec.AreEqual(DecodeStatus.UnknownPacketType, Codec.StatusAsClient("F0 00", MqttVersion.V311));
            Codec.AreEqual(EncodeStatus.NotInVersion, Codec.TryEncode(new ReasonPacket(PacketType.Auth), MqttVersion.V311));
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Protocol
{
    [TestClass]
    public class ConnectTests
    {
        private const string Mqtt = "00 04 4D 51 54 54";

        private static ConnectPacket Persistent(string clientId, ushort keepAlive)
        {
            ConnectPacket c = new ConnectPacket();
            c.ClientId = Slice.FromString(clientId);
            c.KeepAlive = keepAlive;
            c.CleanStart = false;
            return c;
        }

        private static ConnectPacket WithWillAndCredentials()
        {
            ConnectPacket c = Persistent("c", 10);
            c.CleanStart = true;
            c.HasWill = true;
            c.WillQoS = 1;
            c.WillRetain = true;
            c.WillTopic = Slice.FromString("s");
            c.WillPayload = Slice.FromString("off");
            c.UserName = Slice.FromString("u");
            c.Password = Slice.FromString("p");
            return c;
        }

        [TestMethod]
        public void V311PersistentSession()
        {
            Assert.AreEqual("10 16 " + Mqtt + " 04 00 00 3C 00 0A " + Hex.Of("nanomqtt-1"),
                Codec.Encode(Persistent("nanomqtt-1", 60), MqttVersion.V311));
        }

        [TestMethod]
        public void ClientIdWithAnEmojiIsWrittenAsFourBytes()
        {
            // Its length prefix counts UTF-8 bytes: 4 for "dev-", 4 for U+1F321.
            Assert.AreEqual("10 14 " + Mqtt + " 04 00 00 00 00 08 64 65 76 2D F0 9F 8C A1",
                Codec.Encode(Persistent("dev-\U0001F321", 0), MqttVersion.V311));
        }

        [TestMethod]
        public void V5PersistentSessionAlwaysCarriesSessionExpiry()
        {
            ConnectPacket c = Persistent("dev", 30);
            c.Properties.SessionExpiryInterval = 86400;
            Assert.AreEqual("10 15 " + Mqtt + " 05 00 00 1E 05 11 00 01 51 80 00 03 " + Hex.Of("dev"),
                Codec.Encode(c, MqttVersion.V500));
        }

        [TestMethod]
        public void V311WillUserNamePasswordFlags()
        {
            // Flags: user 0x80, password 0x40, will retain 0x20, will QoS 1 0x08, will 0x04, clean 0x02.
            Assert.AreEqual("10 1B " + Mqtt + " 04 EE 00 0A 00 01 63 00 01 73 00 03 6F 66 66 00 01 75 00 01 70",
                Codec.Encode(WithWillAndCredentials(), MqttVersion.V311));
        }

        [TestMethod]
        public void V5WillPropertiesPrecedeWillTopic()
        {
            ConnectPacket c = WithWillAndCredentials();
            c.WillProperties.WillDelayInterval = 5;
            Assert.AreEqual("10 22 " + Mqtt + " 05 EE 00 0A 00 00 01 63 05 18 00 00 00 05 00 01 73 00 03 6F 66 66 00 01 75 00 01 70",
                Codec.Encode(c, MqttVersion.V500));
        }

        [TestMethod]
        public void V5ConnectPropertiesInIdentifierOrder()
        {
            ConnectPacket c = Persistent("d", 0);
            c.Properties.MaximumPacketSize = 1024;
            c.Properties.ReceiveMaximum = 16;
            c.Properties.SessionExpiryInterval = 0xFFFFFFFF;
            c.Properties.TopicAliasMaximum = 0;
            c.Properties.RequestProblemInformation = 1;
            c.Properties.AddUserProperty(Slice.FromString("k"), Slice.FromString("v"));
            // 11 (session expiry), 17 (problem info), 21 (receive max), 22 (alias max), 26 (user), 27 (max packet).
            string props = "11 FF FF FF FF 17 01 21 00 10 22 00 00 26 00 01 6B 00 01 76 27 00 00 04 00";
            Assert.AreEqual("10 27 " + Mqtt + " 05 00 00 00 19 " + props + " 00 01 64", Codec.Encode(c, MqttVersion.V500));
        }

        [TestMethod]
        public void V311IgnoresPropertiesItCannotCarry()
        {
            ConnectPacket c = Persistent("nanomqtt-1", 60);
            c.Properties.SessionExpiryInterval = 60;
            Assert.AreEqual("10 16 " + Mqtt + " 04 00 00 3C 00 0A " + Hex.Of("nanomqtt-1"), Codec.Encode(c, MqttVersion.V311));
        }

        [TestMethod]
        public void RoundTripsThroughServerDecoderInBothVersions()
        {
            ConnectPacket c = WithWillAndCredentials();
            c.CleanStart = false;
            c.Properties.SessionExpiryInterval = 7;
            c.WillProperties.ContentType = Slice.FromString("text/plain");
            MqttVersion[] versions = new MqttVersion[] { MqttVersion.V311, MqttVersion.V500 };
            for (int i = 0; i < versions.Length; i++)
            {
                PacketDecoder d = Codec.DecodeAsServer(Codec.Encode(c, versions[i]));
                ConnectPacket r = d.Connect;
                Assert.AreEqual((int)versions[i], (int)r.Version);
                Assert.AreEqual((int)versions[i], (int)d.Version, "server decoder adopts the client's version");
                Assert.IsFalse(r.CleanStart);
                Assert.AreEqual((ushort)10, r.KeepAlive);
                Assert.IsTrue(r.ClientId.ContentEquals("c"));
                Assert.IsTrue(r.HasWill);
                Assert.AreEqual((byte)1, r.WillQoS);
                Assert.IsTrue(r.WillRetain);
                Assert.IsTrue(r.WillTopic.ContentEquals("s"));
                Assert.IsTrue(r.WillPayload.ContentEquals("off"));
                Assert.IsTrue(r.UserName.ContentEquals("u"));
                Assert.IsTrue(r.Password.ContentEquals("p"));
                bool v5 = versions[i] == MqttVersion.V500;
                Assert.AreEqual(v5, r.Properties.Has(PropertyId.SessionExpiryInterval));
                Assert.AreEqual(v5, r.WillProperties.ContentType.ContentEquals("text/plain"));
            }
        }

        [TestMethod]
        public void V311PasswordWithoutUserNameIsRefused()
        {
            ConnectPacket c = Persistent("c", 0);
            c.Password = Slice.FromString("p");
            Codec.AreEqual(EncodeStatus.InvalidField, Codec.TryEncode(c, MqttVersion.V311));
            Codec.AreEqual(EncodeStatus.Ok, Codec.TryEncode(c, MqttVersion.V500));
        }

        [TestMethod]
        public void V311EmptyClientIdNeedsCleanSession()
        {
            ConnectPacket c = Persistent("", 0);
            Codec.AreEqual(EncodeStatus.InvalidField, Codec.TryEncode(c, MqttVersion.V311));
            c.CleanStart = true;
            Codec.AreEqual(EncodeStatus.Ok, Codec.TryEncode(c, MqttVersion.V311));
        }

        [TestMethod]
        public void WillWithWildcardTopicIsRefused()
        {
            ConnectPacket c = WithWillAndCredentials();
            c.WillTopic = Slice.FromString("s/#");
            Codec.AreEqual(EncodeStatus.InvalidTopic, Codec.TryEncode(c, MqttVersion.V500));
        }

        [TestMethod]
        public void WillQoS3IsRefused()
        {
            ConnectPacket c = WithWillAndCredentials();
            c.WillQoS = 3;
            Codec.AreEqual(EncodeStatus.InvalidQoS, Codec.TryEncode(c, MqttVersion.V311));
        }

        [TestMethod]
        public void ReceiveMaximumZeroIsRefused()
        {
            ConnectPacket c = Persistent("c", 0);
            c.Properties.ReceiveMaximum = 0;
            Codec.AreEqual(EncodeStatus.InvalidProperty, Codec.TryEncode(c, MqttVersion.V500));
        }

        [TestMethod]
        public void PropertyOfAnotherPacketIsRefused()
        {
            ConnectPacket c = Persistent("c", 0);
            c.Properties.MessageExpiryInterval = 5;
            Codec.AreEqual(EncodeStatus.InvalidProperty, Codec.TryEncode(c, MqttVersion.V500));
        }

        [TestMethod]
        public void ClientIdWithNullCharacterIsRefused()
        {
            // As bytes: a nanoFramework string ends at U+0000, so "a\u0000b" would be "a" there.
            ConnectPacket c = Persistent("a", 0);
            c.ClientId = Slice.Of(Hex.Parse("61 00 62"));
            Codec.AreEqual(EncodeStatus.InvalidString, Codec.TryEncode(c, MqttVersion.V500));
        }

        [TestMethod]
        public void DecoderRefusesOtherProtocols()
        {
            // MQTT 3.1 ("MQIsdp", level 3) and MQTT level 6.
            Codec.AreEqual(DecodeStatus.UnsupportedProtocol, Codec.StatusAsServer("10 0F 00 06 4D 51 49 73 64 70 03 02 00 0A 00 01 63"));
            Codec.AreEqual(DecodeStatus.UnsupportedProtocol, Codec.StatusAsServer("10 0D " + Mqtt + " 06 02 00 0A 00 01 63"));
        }

        [TestMethod]
        public void DecoderRefusesReservedConnectFlag()
        {
            Codec.AreEqual(DecodeStatus.ReservedBitsSet, Codec.StatusAsServer("10 0D " + Mqtt + " 04 03 00 0A 00 01 63"));
        }

        [TestMethod]
        public void DecoderRefusesWillQoSWithoutWill()
        {
            Codec.AreEqual(DecodeStatus.BadFlags, Codec.StatusAsServer("10 0D " + Mqtt + " 04 0A 00 0A 00 01 63"));
        }

        [TestMethod]
        public void DecoderRejectsV311EmptyClientIdWithoutCleanSession()
        {
            Codec.AreEqual(DecodeStatus.ClientIdentifierRejected, Codec.StatusAsServer("10 0C " + Mqtt + " 04 00 02 B5 00 00"));
            Codec.AreEqual(DecodeStatus.Ok, Codec.StatusAsServer("10 0C " + Mqtt + " 04 02 02 B5 00 00"));
        }

        [TestMethod]
        public void AuthenticationDataNeedsItsMethod()
        {
            Codec.AreEqual(DecodeStatus.ProtocolError, Codec.StatusAsClient("20 07 00 00 04 16 00 01 AA", MqttVersion.V500));
            ConnectPacket c = Persistent("c", 0);
            c.Properties.AuthenticationData = Slice.Of(new byte[] { 1 });
            Codec.AreEqual(EncodeStatus.InvalidProperty, Codec.TryEncode(c, MqttVersion.V500));
        }

        [TestMethod]
        public void ClientDecoderRefusesConnect()
        {
            Codec.AreEqual(DecodeStatus.UnexpectedPacketType, Codec.StatusAsClient("10 0D " + Mqtt + " 04 02 00 0A 00 01 63", MqttVersion.V311));
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Protocol
{
    [TestClass]
    public class ConnAckTests
    {
        [TestMethod]
        public void V311SessionPresent()
        {
            PacketDecoder d = Codec.DecodeAsClient("20 02 01 00", MqttVersion.V311);
            Assert.AreEqual((int)PacketType.ConnAck, (int)d.Type);
            Assert.IsTrue(d.ConnAck.SessionPresent);
            Assert.AreEqual((byte)0, d.ConnAck.ReasonCode);
        }

        [TestMethod]
        public void V311NotAuthorized()
        {
            PacketDecoder d = Codec.DecodeAsClient("20 02 00 05", MqttVersion.V311);
            Assert.IsFalse(d.ConnAck.SessionPresent);
            Assert.AreEqual(ReasonCode.V3NotAuthorized, d.ConnAck.ReasonCode);
        }

        [TestMethod]
        public void V5ServerOverrides()
        {
            // Receive Maximum 10, Session Expiry 0 (server override), Maximum QoS 1.
            PacketDecoder d = Codec.DecodeAsClient("20 0D 01 00 0A 21 00 0A 11 00 00 00 00 24 01", MqttVersion.V500);
            Properties p = d.ConnAck.Properties;
            Assert.IsTrue(d.ConnAck.SessionPresent);
            Assert.AreEqual((ushort)10, p.ReceiveMaximum);
            Assert.IsTrue(p.Has(PropertyId.SessionExpiryInterval));
            Assert.AreEqual(0u, p.SessionExpiryInterval);
            Assert.AreEqual((byte)1, p.MaximumQoS);
            Assert.IsFalse(p.Has(PropertyId.RetainAvailable));
        }

        [TestMethod]
        public void V5EveryClientRelevantPropertyRoundTrips()
        {
            ConnAckPacket c = new ConnAckPacket();
            c.SessionPresent = true;
            Properties p = c.Properties;
            p.SessionExpiryInterval = 3600;
            p.ReceiveMaximum = 20;
            p.MaximumQoS = 1;
            p.RetainAvailable = 0;
            p.MaximumPacketSize = 2048;
            p.AssignedClientIdentifier = Slice.FromString("auto-1");
            p.TopicAliasMaximum = 5;
            p.ReasonString = Slice.FromString("welcome");
            p.WildcardSubscriptionAvailable = 1;
            p.SubscriptionIdentifierAvailable = 0;
            p.SharedSubscriptionAvailable = 1;
            p.ServerKeepAlive = 45;
            p.ResponseInformation = Slice.FromString("r/");
            p.ServerReference = Slice.FromString("other:1883");
            p.AddUserProperty(Slice.FromString("region"), Slice.FromString("eu"));
            PacketDecoder d = Codec.DecodeAsClient(Codec.Encode(c, MqttVersion.V500), MqttVersion.V500);
            Properties r = d.ConnAck.Properties;
            Assert.IsTrue(d.ConnAck.SessionPresent);
            Assert.AreEqual(3600u, r.SessionExpiryInterval);
            Assert.AreEqual((ushort)20, r.ReceiveMaximum);
            Assert.AreEqual((byte)1, r.MaximumQoS);
            Assert.IsTrue(r.Has(PropertyId.RetainAvailable));
            Assert.AreEqual((byte)0, r.RetainAvailable);
            Assert.AreEqual(2048u, r.MaximumPacketSize);
            Assert.IsTrue(r.AssignedClientIdentifier.ContentEquals("auto-1"));
            Assert.AreEqual((ushort)5, r.TopicAliasMaximum);
            Assert.IsTrue(r.ReasonString.ContentEquals("welcome"));
            Assert.AreEqual((byte)1, r.WildcardSubscriptionAvailable);
            Assert.AreEqual((byte)0, r.SubscriptionIdentifierAvailable);
            Assert.AreEqual((byte)1, r.SharedSubscriptionAvailable);
            Assert.AreEqual((ushort)45, r.ServerKeepAlive);
            Assert.IsTrue(r.ResponseInformation.ContentEquals("r/"));
            Assert.IsTrue(r.ServerReference.ContentEquals("other:1883"));
            Assert.AreEqual(1, r.UserPropertyCount);
            Assert.IsTrue(r.GetUserPropertyName(0).ContentEquals("region"));
            Assert.IsTrue(r.GetUserPropertyValue(0).ContentEquals("eu"));
        }

        [TestMethod]
        public void V5ErrorReasonCode()
        {
            PacketDecoder d = Codec.DecodeAsClient("20 03 00 86 00", MqttVersion.V500);
            Assert.AreEqual(ReasonCode.BadUserNameOrPassword, d.ConnAck.ReasonCode);
        }

        [TestMethod]
        public void SessionPresentWithErrorIsProtocolError()
        {
            Codec.AreEqual(DecodeStatus.ProtocolError, Codec.StatusAsClient("20 02 01 05", MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.ProtocolError, Codec.StatusAsClient("20 03 01 87 00", MqttVersion.V500));
        }

        [TestMethod]
        public void ReservedAcknowledgeFlagsAreRefused()
        {
            Codec.AreEqual(DecodeStatus.ReservedBitsSet, Codec.StatusAsClient("20 02 02 00", MqttVersion.V311));
        }

        [TestMethod]
        public void UnknownReturnCodesAreRefused()
        {
            Codec.AreEqual(DecodeStatus.InvalidReasonCode, Codec.StatusAsClient("20 02 00 06", MqttVersion.V311));
            Codec.AreEqual(DecodeStatus.InvalidReasonCode, Codec.StatusAsClient("20 03 00 01 00", MqttVersion.V500));
        }

        [TestMethod]
        public void V5ReceiveMaximumZeroIsInvalid()
        {
            Codec.AreEqual(DecodeStatus.InvalidPropertyValue, Codec.StatusAsClient("20 06 00 00 03 21 00 00", MqttVersion.V500));
        }

        [TestMethod]
        public void V5MaximumQoS2IsInvalid()
        {
            Codec.AreEqual(DecodeStatus.InvalidPropertyValue, Codec.StatusAsClient("20 05 00 00 02 24 02", MqttVersion.V500));
        }

        [TestMethod]
        public void V5DuplicateSessionExpiryIsRefused()
        {
            Codec.AreEqual(DecodeStatus.DuplicateProperty, Codec.StatusAsClient("20 0D 00 00 0A 11 00 00 00 01 11 00 00 00 02", MqttVersion.V500));
        }

        [TestMethod]
        public void V5MissingPropertyLengthIsTruncated()
        {
            Codec.AreEqual(DecodeStatus.Truncated, Codec.StatusAsClient("20 02 00 00", MqttVersion.V500));
        }

        [TestMethod]
        public void V311ExtraBytesAreRefused()
        {
            Codec.AreEqual(DecodeStatus.TrailingBytes, Codec.StatusAsClient("20 03 00 00 00", MqttVersion.V311));
        }
    }
}

using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using NanoMqtt.Protocol;

namespace NanoMqtt.Host.Tests.Protocol
{
    /// <summary>
    /// Differential tests against MQTTnet 5.2's packet formatter.
    /// Direction A: NanoMqtt encodes random client-to-server packets, MQTTnet decodes them, and every
    /// field MQTTnet reports must equal what was encoded.
    /// Direction B: MQTTnet encodes random server-to-client packets, NanoMqtt's client decoder
    /// decodes them, and every field must equal what MQTTnet was given.
    /// Where MQTTnet's object model cannot tell two wire forms apart (absent vs. zero, absent vs.
    /// empty) the comparison spells the mapping out at the spot, with the reason.
    /// The packets come from CsCheck: each run draws new ones, and a failure is shrunk to the
    /// smallest packet that still fails and reported with the seed that reproduces it.
    /// </summary>
    [TestClass]
    public sealed class DifferentialTests
    {
        /// <summary>Packets per test method; four methods make 16,000 per run.</summary>
        private const int PacketsPerTest = 4000;

        [TestMethod]
        public void ClientToServer_V311_NanoEncodes_MqttNetDecodes()
        {
            ClientToServer(MqttVersion.V311);
        }

        [TestMethod]
        public void ClientToServer_V500_NanoEncodes_MqttNetDecodes()
        {
            ClientToServer(MqttVersion.V500);
        }

        [TestMethod]
        public void ServerToClient_V311_MqttNetEncodes_NanoDecodes()
        {
            ServerToClient(MqttVersion.V311);
        }

        [TestMethod]
        public void ServerToClient_V500_MqttNetEncodes_NanoDecodes()
        {
            ServerToClient(MqttVersion.V500);
        }

        // ------------------------------------------------------------------ direction A

        private static void ClientToServer(MqttVersion v)
        {
            MqttNetFormatter net = new MqttNetFormatter(v);
            byte[] buffer = new byte[1 << 18];
            SortedDictionary<string, int> counts = new SortedDictionary<string, int>();
            CsCheck.Gen<(string Kind, Packet Packet)> packets = Gen.Of(g =>
            {
                Packet packet = NanoClientPackets.Next(g, v, out string kind);
                return (kind, packet);
            });
            // One thread: the buffers and the formatter are shared. A failure is shrunk and printed with its seed.
            packets.Sample(c =>
            {
                string context = v + " " + c.Kind;
                EncodeStatus st = PacketEncoder.Encode(c.Packet, v, buffer, 0, 0, out int length);
                if (st != EncodeStatus.Ok) Assert.Fail(context + ": NanoMqtt refused a valid packet: " + st);
                Assert.AreEqual(EncodeStatus.Ok, PacketEncoder.Measure(c.Packet, v, out int measured), context + ": Measure");
                Assert.AreEqual(length, measured, context + ": Measure agrees with Encode");
                byte[] bytes = buffer.AsSpan(0, length).ToArray();
                MqttPacket decoded;
                try
                {
                    decoded = net.Decode(bytes, 0, bytes.Length);
                }
                catch (Exception e) when (e is not AssertFailedException)
                {
                    throw new AssertFailedException(context + ": MQTTnet could not decode NanoMqtt's packet: " + e.Message + "\nbytes: " + Wire.Hex(bytes), e);
                }
                try
                {
                    CompareClientPacket(c.Packet, decoded, v, bytes);
                    // 3.1.1 has exactly one encoding per packet, so MQTTnet must reproduce the bytes.
                    if (v == MqttVersion.V311) AssertBytes(bytes, net.Encode(decoded), "MQTTnet re-encodes the identical 3.1.1 bytes");
                }
                catch (AssertFailedException e)
                {
                    throw new AssertFailedException(context + ": " + e.Message + "\nbytes: " + Wire.Hex(bytes), e);
                }
                counts[c.Kind] = counts.GetValueOrDefault(c.Kind) + 1;
            }, iter: PacketsPerTest, threads: 1, print: c => c.Kind + " " + NanoHex(c.Packet, v));
            Console.WriteLine("Differential A (NanoMqtt encodes, MQTTnet decodes) " + v + ": " + PacketsPerTest + " packets: "
                + string.Join(", ", counts.Select(c => c.Key + " " + c.Value)));
        }

        private static string NanoHex(Packet packet, MqttVersion v)
        {
            byte[] buffer = new byte[1 << 18];
            return PacketEncoder.Encode(packet, v, buffer, 0, 0, out int length) == EncodeStatus.Ok ? Wire.Hex(buffer[..length]) : "(not encodable)";
        }

        private static void CompareClientPacket(Packet nano, MqttPacket net, MqttVersion v, byte[] bytes)
        {
            switch (nano)
            {
                case ConnectPacket c:
                    CompareConnect(c, Cast<MqttConnectPacket>(net), v, bytes);
                    break;
                case PublishPacket p:
                    ComparePublish(p, Cast<MqttPublishPacket>(net), v);
                    break;
                case AckPacket a:
                    CompareAck(a, net, v);
                    break;
                case SubscribePacket s:
                    CompareSubscribe(s, Cast<MqttSubscribePacket>(net), v);
                    break;
                case UnsubscribePacket u:
                    MqttUnsubscribePacket nu = Cast<MqttUnsubscribePacket>(net);
                    Assert.AreEqual(u.PacketId, nu.PacketIdentifier, "Packet Identifier");
                    Assert.AreEqual(u.Count, nu.TopicFilters.Count, "filter count");
                    for (int i = 0; i < u.Count; i++) Text(u.GetFilter(i), nu.TopicFilters[i], "filter " + i);
                    Users(v == MqttVersion.V500 ? u.Properties : null, nu.UserProperties);
                    break;
                case PingPacket:
                    Cast<MqttPingReqPacket>(net);
                    break;
                case ReasonPacket r when r.Type == PacketType.Disconnect:
                    CompareDisconnect(r, Cast<MqttDisconnectPacket>(net), v);
                    break;
                case ReasonPacket r:
                    MqttAuthPacket na = Cast<MqttAuthPacket>(net);
                    Assert.AreEqual(r.ReasonCode, (byte)na.ReasonCode, "reason code");
                    Text(r.Properties.AuthenticationMethod, na.AuthenticationMethod, "Authentication Method");
                    Binary(r.Properties.AuthenticationData, na.AuthenticationData, "Authentication Data");
                    Text(r.Properties.ReasonString, na.ReasonString, "Reason String");
                    Users(r.Properties, na.UserProperties);
                    break;
                default:
                    Assert.Fail("no comparison for " + nano.GetType().Name);
                    break;
            }
        }

        private static void CompareConnect(ConnectPacket c, MqttConnectPacket n, MqttVersion v, byte[] bytes)
        {
            Assert.AreEqual(MqttNetFormatter.ToMqttNet(v), MqttNetFormatter.DetectConnectVersion(bytes, 0, bytes.Length), "protocol version MQTTnet detects");
            // NanoMqtt documents that an absent ClientId is sent as the empty string (it is not optional on the wire).
            Text(c.ClientId.IsAbsent ? Wire.S("") : c.ClientId, n.ClientId, "ClientId");
            Assert.AreEqual(c.CleanStart, n.CleanSession, "Clean Start");
            Assert.AreEqual(c.KeepAlive, n.KeepAlivePeriod, "Keep Alive");
            Text(c.UserName, n.Username, "User Name");
            Binary(c.Password, n.Password, "Password");
            Assert.IsFalse(n.TryPrivate, "bridge bit");
            Assert.AreEqual(c.HasWill, n.WillFlag, "Will Flag");
            if (c.HasWill)
            {
                Assert.AreEqual(c.WillQoS, (byte)n.WillQoS, "Will QoS");
                Assert.AreEqual(c.WillRetain, n.WillRetain, "Will Retain");
                Text(c.WillTopic, n.WillTopic, "Will Topic");
                Binary(c.WillPayload, n.WillMessage, "Will Payload");
            }
            else
            {
                Assert.AreEqual(MqttQualityOfServiceLevel.AtMostOnce, n.WillQoS, "Will QoS without a will");
                Assert.IsFalse(n.WillRetain, "Will Retain without a will");
                Assert.IsNull(n.WillTopic, "Will Topic without a will");
                Assert.IsNull(n.WillMessage, "Will Payload without a will");
            }
            if (v == MqttVersion.V311)
            {
                Assert.IsNull(n.UserProperties, "3.1.1 has no properties");
                return;
            }

            Properties pr = c.Properties;
            // MQTTnet's object model has no "absent" for integer properties: it stores 0 (or the
            // spec default) instead. Each line states the mapping.
            // Session Expiry Interval: absent and 0 both mean "session ends at disconnect" (3.1.2.11.2); MQTTnet shows 0.
            Assert.AreEqual(pr.Has(PropertyId.SessionExpiryInterval) ? pr.SessionExpiryInterval : 0u, n.SessionExpiryInterval, "Session Expiry Interval");
            // Receive Maximum: absent means 65,535 (3.1.2.11.3) but MQTTnet shows 0; 0 is illegal on the wire, so nothing is lost.
            Assert.AreEqual(pr.Has(PropertyId.ReceiveMaximum) ? pr.ReceiveMaximum : (ushort)0, n.ReceiveMaximum, "Receive Maximum");
            // Maximum Packet Size: absent means "no limit" (3.1.2.11.4); MQTTnet shows 0, which is illegal on the wire.
            Assert.AreEqual(pr.Has(PropertyId.MaximumPacketSize) ? pr.MaximumPacketSize : 0u, n.MaximumPacketSize, "Maximum Packet Size");
            // Topic Alias Maximum: absent means 0 (3.1.2.11.5), same as MQTTnet.
            Assert.AreEqual(pr.Has(PropertyId.TopicAliasMaximum) ? pr.TopicAliasMaximum : (ushort)0, n.TopicAliasMaximum, "Topic Alias Maximum");
            // Request Problem Information: absent means 1 (3.1.2.11.7); MQTTnet's decoder fills that default in.
            Assert.AreEqual(pr.Has(PropertyId.RequestProblemInformation) ? pr.RequestProblemInformation == 1 : true, n.RequestProblemInformation, "Request Problem Information");
            // Request Response Information: absent means 0 (3.1.2.11.6).
            Assert.AreEqual(pr.Has(PropertyId.RequestResponseInformation) && pr.RequestResponseInformation == 1, n.RequestResponseInformation, "Request Response Information");
            Text(pr.AuthenticationMethod, n.AuthenticationMethod, "Authentication Method");
            Binary(pr.AuthenticationData, n.AuthenticationData, "Authentication Data");
            Users(pr, n.UserProperties);

            Properties w = c.WillProperties;
            if (!c.HasWill)
            {
                Assert.IsNull(n.WillUserProperties, "will properties without a will");
                return;
            }
            // Will Delay Interval: absent means 0 (3.1.3.2.2), same as MQTTnet.
            Assert.AreEqual(w.Has(PropertyId.WillDelayInterval) ? w.WillDelayInterval : 0u, n.WillDelayInterval, "Will Delay Interval");
            // Payload Format Indicator: absent means 0, "unspecified bytes" (3.1.3.2.3), which MQTTnet calls Unspecified.
            Assert.AreEqual(w.Has(PropertyId.PayloadFormatIndicator) ? w.PayloadFormatIndicator : (byte)0, (byte)n.WillPayloadFormatIndicator, "Will Payload Format Indicator");
            // Message Expiry Interval: absent means "never expires" (3.1.3.2.4). MQTTnet uses 0 for
            // absent, so an explicit 0 (expire at once) is indistinguishable in its object model.
            Assert.AreEqual(w.Has(PropertyId.MessageExpiryInterval) ? w.MessageExpiryInterval : 0u, n.WillMessageExpiryInterval, "Will Message Expiry Interval");
            Text(w.ContentType, n.WillContentType, "Will Content Type");
            Text(w.ResponseTopic, n.WillResponseTopic, "Will Response Topic");
            Binary(w.CorrelationData, n.WillCorrelationData, "Will Correlation Data");
            Users(w, n.WillUserProperties);
        }

        private static void ComparePublish(PublishPacket p, MqttPublishPacket n, MqttVersion v)
        {
            Text(p.Topic, n.Topic, "Topic");
            Assert.AreEqual(p.QoS, (byte)n.QualityOfServiceLevel, "QoS");
            Assert.AreEqual(p.Dup, n.Dup, "DUP");
            Assert.AreEqual(p.Retain, n.Retain, "RETAIN");
            Assert.AreEqual(p.QoS > 0 ? p.PacketId : (ushort)0, n.PacketIdentifier, "Packet Identifier");
            AssertBytes(Wire.Bytes(p.Payload), n.Payload.ToArray(), "Payload");
            Assert.IsNull(n.SubscriptionIdentifiers, "Subscription Identifiers");
            if (v == MqttVersion.V311)
            {
                Assert.IsNull(n.UserProperties, "3.1.1 has no properties");
                return;
            }
            Properties pr = p.Properties;
            // Payload Format Indicator: absent means 0 (3.3.2.3.2), MQTTnet's Unspecified.
            Assert.AreEqual(pr.Has(PropertyId.PayloadFormatIndicator) ? pr.PayloadFormatIndicator : (byte)0, (byte)n.PayloadFormatIndicator, "Payload Format Indicator");
            // Message Expiry Interval: MQTTnet uses 0 for absent ("does not expire", 3.3.2.3.3), so an
            // explicit 0 is indistinguishable from absent in its object model.
            Assert.AreEqual(pr.Has(PropertyId.MessageExpiryInterval) ? pr.MessageExpiryInterval : 0u, n.MessageExpiryInterval, "Message Expiry Interval");
            Text(pr.ContentType, n.ContentType, "Content Type");
            Text(pr.ResponseTopic, n.ResponseTopic, "Response Topic");
            Binary(pr.CorrelationData, n.CorrelationData, "Correlation Data");
            // Topic Alias: MQTTnet shows absent as 0, which is illegal on the wire (3.3.2.3.4).
            Assert.AreEqual(pr.Has(PropertyId.TopicAlias) ? pr.TopicAlias : (ushort)0, n.TopicAlias, "Topic Alias");
            Users(pr, n.UserProperties);
        }

        private static void CompareAck(AckPacket a, MqttPacket net, MqttVersion v)
        {
            ushort id;
            byte code;
            string reason;
            List<MqttUserProperty> users;
            switch (a.Type)
            {
                case PacketType.PubAck:
                    MqttPubAckPacket puback = Cast<MqttPubAckPacket>(net);
                    id = puback.PacketIdentifier; code = (byte)puback.ReasonCode; reason = puback.ReasonString; users = puback.UserProperties;
                    break;
                case PacketType.PubRec:
                    MqttPubRecPacket pubrec = Cast<MqttPubRecPacket>(net);
                    id = pubrec.PacketIdentifier; code = (byte)pubrec.ReasonCode; reason = pubrec.ReasonString; users = pubrec.UserProperties;
                    break;
                case PacketType.PubRel:
                    MqttPubRelPacket pubrel = Cast<MqttPubRelPacket>(net);
                    id = pubrel.PacketIdentifier; code = (byte)pubrel.ReasonCode; reason = pubrel.ReasonString; users = pubrel.UserProperties;
                    break;
                default:
                    MqttPubCompPacket pubcomp = Cast<MqttPubCompPacket>(net);
                    id = pubcomp.PacketIdentifier; code = (byte)pubcomp.ReasonCode; reason = pubcomp.ReasonString; users = pubcomp.UserProperties;
                    break;
            }
            Assert.AreEqual(a.PacketId, id, "Packet Identifier");
            Assert.AreEqual(a.ReasonCode, code, "reason code");
            Text(a.Properties.ReasonString, reason, "Reason String");
            Users(v == MqttVersion.V500 ? a.Properties : null, users);
        }

        private static void CompareSubscribe(SubscribePacket s, MqttSubscribePacket n, MqttVersion v)
        {
            Assert.AreEqual(s.PacketId, n.PacketIdentifier, "Packet Identifier");
            Assert.AreEqual(s.Count, n.TopicFilters.Count, "filter count");
            for (int i = 0; i < s.Count; i++)
            {
                MqttTopicFilter f = n.TopicFilters[i];
                int options = s.GetOptions(i);
                Text(s.GetFilter(i), f.Topic, "filter " + i);
                if (v == MqttVersion.V311)
                {
                    // MQTTnet's 3.1.1 decoder stores the whole options byte as the QoS; for valid
                    // 3.1.1 options (upper six bits zero) that is exactly the requested QoS.
                    Assert.AreEqual(options, (int)f.QualityOfServiceLevel, "requested QoS " + i);
                    continue;
                }
                Assert.AreEqual(options & 3, (int)f.QualityOfServiceLevel, "Maximum QoS " + i);
                Assert.AreEqual((options & SubscribePacket.NoLocal) != 0, f.NoLocal, "No Local " + i);
                Assert.AreEqual((options & SubscribePacket.RetainAsPublished) != 0, f.RetainAsPublished, "Retain As Published " + i);
                Assert.AreEqual((options >> 4) & 3, (int)f.RetainHandling, "Retain Handling " + i);
            }
            if (v == MqttVersion.V500)
            {
                // MQTTnet shows an absent Subscription Identifier as 0, which is illegal on the wire (3.8.2.1.2).
                Properties pr = s.Properties;
                Assert.AreEqual(pr.Has(PropertyId.SubscriptionIdentifier) ? (uint)pr.GetSubscriptionIdentifier(0) : 0u, n.SubscriptionIdentifier, "Subscription Identifier");
            }
            Users(v == MqttVersion.V500 ? s.Properties : null, n.UserProperties);
        }

        private static void CompareDisconnect(ReasonPacket r, MqttDisconnectPacket n, MqttVersion v)
        {
            Assert.AreEqual(r.ReasonCode, (byte)n.ReasonCode, "reason code");
            Properties pr = r.Properties;
            // Session Expiry Interval in DISCONNECT: absent means "keep the CONNECT value" and an
            // explicit 0 means "end the session now" (3.14.2.2.2). MQTTnet's object model uses 0 for
            // both, so only present values can be compared exactly; absent must show as 0.
            Assert.AreEqual(pr.Has(PropertyId.SessionExpiryInterval) ? pr.SessionExpiryInterval : 0u, n.SessionExpiryInterval, "Session Expiry Interval");
            Text(pr.ReasonString, n.ReasonString, "Reason String");
            Assert.IsNull(n.ServerReference, "Server Reference");
            Users(v == MqttVersion.V500 ? pr : null, n.UserProperties);
        }

        // ------------------------------------------------------------------ direction B

        /// <summary>A server packet, and where it lies in the decoder's window: at an offset of up to 15 bytes, with random bytes around it.</summary>
        private sealed record ServerCase(string Kind, MqttPacket Packet, int Offset, byte[] Noise);

        private static void ServerToClient(MqttVersion v)
        {
            MqttNetFormatter net = new MqttNetFormatter(v);
            PacketDecoder decoder = PacketDecoder.ForClient(v, 0);
            byte[] window = new byte[1 << 18];
            byte[] reencoded = new byte[1 << 18];
            SortedDictionary<string, int> counts = new SortedDictionary<string, int>();
            CsCheck.Gen<ServerCase> cases = Gen.Of(g =>
            {
                MqttPacket packet = NetServerPackets.Next(g, v, out string kind);
                int offset = g.Int(16);
                return new ServerCase(kind, packet, offset, g.Bytes(offset + 16));
            });
            cases.Sample(c =>
            {
                string context = v + " " + c.Kind;
                byte[] bytes;
                try
                {
                    bytes = net.Encode(c.Packet);
                }
                catch (Exception e) when (e is not AssertFailedException)
                {
                    throw new AssertFailedException(context + ": MQTTnet refused to encode a valid packet: " + e.Message, e);
                }
                // Decode in place, with random bytes before and after the packet.
                Buffer.BlockCopy(c.Noise, 0, window, 0, c.Offset);
                Buffer.BlockCopy(bytes, 0, window, c.Offset, bytes.Length);
                Buffer.BlockCopy(c.Noise, c.Offset, window, c.Offset + bytes.Length, 16);
                try
                {
                    DecodeStatus st = decoder.Decode(window, c.Offset, bytes.Length);
                    Assert.AreEqual(c.Kind == "AUTH" ? DecodeStatus.AuthNotSupported : DecodeStatus.Ok, st, "decode status");
                    Assert.AreEqual(bytes.Length, decoder.Consumed, "Consumed");
                    CompareServerPacket(c.Packet, decoder, v);
                    if (v == MqttVersion.V311)
                    {
                        // 3.1.1 has exactly one encoding per packet, so NanoMqtt must reproduce the bytes.
                        Assert.AreEqual(EncodeStatus.Ok, PacketEncoder.Encode(decoder.Packet, v, reencoded, 0, 0, out int length), "re-encode");
                        AssertBytes(bytes, reencoded.AsSpan(0, length).ToArray(), "NanoMqtt re-encodes the identical 3.1.1 bytes");
                    }
                }
                catch (AssertFailedException e)
                {
                    throw new AssertFailedException(context + ": " + e.Message + "\nbytes: " + Wire.Hex(bytes), e);
                }
                counts[c.Kind] = counts.GetValueOrDefault(c.Kind) + 1;
            }, iter: PacketsPerTest, threads: 1, print: c => c.Kind + " at offset " + c.Offset + ": " + NetHex(net, c.Packet));
            Console.WriteLine("Differential B (MQTTnet encodes, NanoMqtt decodes) " + v + ": " + PacketsPerTest + " packets: "
                + string.Join(", ", counts.Select(c => c.Key + " " + c.Value)));
        }

        private static string NetHex(MqttNetFormatter net, MqttPacket packet)
        {
            try
            {
                return Wire.Hex(net.Encode(packet));
            }
            catch (Exception e)
            {
                return "(MQTTnet does not encode it: " + e.Message + ")";
            }
        }

        private static void CompareServerPacket(MqttPacket net, PacketDecoder d, MqttVersion v)
        {
            switch (net)
            {
                case MqttConnAckPacket c:
                    Assert.AreEqual(PacketType.ConnAck, d.Type, "type");
                    CompareConnAck(c, d.ConnAck, v);
                    break;
                case MqttPublishPacket p:
                    Assert.AreEqual(PacketType.Publish, d.Type, "type");
                    ComparePublish(p, d.Publish, v);
                    break;
                case MqttPubAckPacket a:
                    CompareAck(PacketType.PubAck, a.PacketIdentifier, (byte)a.ReasonCode, a.ReasonString, a.UserProperties, d, v);
                    break;
                case MqttPubRecPacket a:
                    CompareAck(PacketType.PubRec, a.PacketIdentifier, (byte)a.ReasonCode, a.ReasonString, a.UserProperties, d, v);
                    break;
                case MqttPubRelPacket a:
                    CompareAck(PacketType.PubRel, a.PacketIdentifier, (byte)a.ReasonCode, a.ReasonString, a.UserProperties, d, v);
                    break;
                case MqttPubCompPacket a:
                    CompareAck(PacketType.PubComp, a.PacketIdentifier, (byte)a.ReasonCode, a.ReasonString, a.UserProperties, d, v);
                    break;
                case MqttSubAckPacket s:
                    Assert.AreEqual(PacketType.SubAck, d.Type, "type");
                    CompareSubAck(PacketType.SubAck, s.PacketIdentifier, s.ReasonCodes.Select(c => (byte)c).ToArray(), s.ReasonString, s.UserProperties, d.SubAck, v);
                    break;
                case MqttUnsubAckPacket u:
                    Assert.AreEqual(PacketType.UnsubAck, d.Type, "type");
                    // 3.1.1 UNSUBACK carries no reason codes (3.11).
                    byte[] codes = v == MqttVersion.V500 ? u.ReasonCodes.Select(c => (byte)c).ToArray() : Array.Empty<byte>();
                    CompareSubAck(PacketType.UnsubAck, u.PacketIdentifier, codes, u.ReasonString, u.UserProperties, d.SubAck, v);
                    break;
                case MqttPingRespPacket:
                    Assert.AreEqual(PacketType.PingResp, d.Type, "type");
                    Assert.AreSame(d.Ping, d.Packet, "packet object");
                    break;
                case MqttDisconnectPacket x:
                    Assert.AreEqual(PacketType.Disconnect, d.Type, "type");
                    Assert.AreSame(d.Reason, d.Packet, "packet object");
                    Assert.AreEqual((byte)x.ReasonCode, d.Reason.ReasonCode, "reason code");
                    PropExpect dp = new PropExpect(d.Reason.Properties);
                    dp.Text(PropertyId.ReasonString, Sent(x.ReasonString), d.Reason.Properties.ReasonString, "Reason String");
                    dp.Text(PropertyId.ServerReference, Sent(x.ServerReference), d.Reason.Properties.ServerReference, "Server Reference");
                    dp.Users(x.UserProperties);
                    dp.Done();
                    break;
                case MqttAuthPacket x:
                    Assert.AreEqual(PacketType.Auth, d.Type, "type");
                    Assert.AreSame(d.Reason, d.Packet, "packet object");
                    Assert.AreEqual((byte)x.ReasonCode, d.Reason.ReasonCode, "reason code");
                    PropExpect ap = new PropExpect(d.Reason.Properties);
                    ap.Text(PropertyId.AuthenticationMethod, Sent(x.AuthenticationMethod), d.Reason.Properties.AuthenticationMethod, "Authentication Method");
                    ap.Binary(PropertyId.AuthenticationData, x.AuthenticationData, d.Reason.Properties.AuthenticationData, "Authentication Data");
                    ap.Text(PropertyId.ReasonString, Sent(x.ReasonString), d.Reason.Properties.ReasonString, "Reason String");
                    ap.Users(x.UserProperties);
                    ap.Done();
                    break;
                default:
                    Assert.Fail("no comparison for " + net.GetType().Name);
                    break;
            }
        }

        private static void CompareConnAck(MqttConnAckPacket n, ConnAckPacket c, MqttVersion v)
        {
            Assert.AreEqual(n.IsSessionPresent, c.SessionPresent, "Session Present");
            if (v == MqttVersion.V311)
            {
                Assert.AreEqual((byte)n.ReturnCode, c.ReasonCode, "return code");
                Assert.IsTrue(c.Properties.IsEmpty, "3.1.1 has no properties");
                return;
            }
            Assert.AreEqual((byte)n.ReasonCode, c.ReasonCode, "reason code");
            Properties pr = c.Properties;
            PropExpect e = new PropExpect(pr);
            // MqttV5PropertiesWriter leaves a property out whenever the value equals MQTTnet's notion
            // of "default"; each line names that value. Some of these lose information relative to the
            // spec, noted where they do.
            // Session Expiry Interval 0 is not sent; absent in CONNACK means "the client's value is used"
            // (3.2.2.3.2), so MQTTnet cannot tell a client that its session now expires at once.
            e.Number(PropertyId.SessionExpiryInterval, n.SessionExpiryInterval != 0, n.SessionExpiryInterval, pr.SessionExpiryInterval, "Session Expiry Interval");
            // Receive Maximum 0 means "not set" (0 is illegal on the wire).
            e.Number(PropertyId.ReceiveMaximum, n.ReceiveMaximum != 0, n.ReceiveMaximum, pr.ReceiveMaximum, "Receive Maximum");
            // Maximum QoS 2 is not sent: absent means 2 (3.2.2.3.4).
            e.Number(PropertyId.MaximumQoS, n.MaximumQoS != MqttQualityOfServiceLevel.ExactlyOnce, (uint)n.MaximumQoS, pr.MaximumQoS, "Maximum QoS");
            // Retain Available true is not sent: absent means 1 (3.2.2.3.5).
            e.Number(PropertyId.RetainAvailable, !n.RetainAvailable, 0, pr.RetainAvailable, "Retain Available");
            // Maximum Packet Size 0 means "not set" (0 is illegal on the wire).
            e.Number(PropertyId.MaximumPacketSize, n.MaximumPacketSize != 0, n.MaximumPacketSize, pr.MaximumPacketSize, "Maximum Packet Size");
            // Topic Alias Maximum 0 is not sent: absent means 0 (3.2.2.3.8).
            e.Number(PropertyId.TopicAliasMaximum, n.TopicAliasMaximum != 0, n.TopicAliasMaximum, pr.TopicAliasMaximum, "Topic Alias Maximum");
            // Wildcard / Subscription Identifier / Shared Subscription Available true are not sent: absent means 1.
            e.Number(PropertyId.WildcardSubscriptionAvailable, !n.WildcardSubscriptionAvailable, 0, pr.WildcardSubscriptionAvailable, "Wildcard Subscription Available");
            e.Number(PropertyId.SubscriptionIdentifierAvailable, !n.SubscriptionIdentifiersAvailable, 0, pr.SubscriptionIdentifierAvailable, "Subscription Identifier Available");
            e.Number(PropertyId.SharedSubscriptionAvailable, !n.SharedSubscriptionAvailable, 0, pr.SharedSubscriptionAvailable, "Shared Subscription Available");
            // Server Keep Alive 0 is not sent, although 0 is a meaningful value (keep alive off,
            // 3.2.2.3.14): MQTTnet cannot send it. Absent means "use the client's Keep Alive".
            e.Number(PropertyId.ServerKeepAlive, n.ServerKeepAlive != 0, n.ServerKeepAlive, pr.ServerKeepAlive, "Server Keep Alive");
            e.Text(PropertyId.AssignedClientIdentifier, Sent(n.AssignedClientIdentifier), pr.AssignedClientIdentifier, "Assigned Client Identifier");
            e.Text(PropertyId.ReasonString, Sent(n.ReasonString), pr.ReasonString, "Reason String");
            e.Text(PropertyId.ResponseInformation, Sent(n.ResponseInformation), pr.ResponseInformation, "Response Information");
            e.Text(PropertyId.ServerReference, Sent(n.ServerReference), pr.ServerReference, "Server Reference");
            e.Text(PropertyId.AuthenticationMethod, Sent(n.AuthenticationMethod), pr.AuthenticationMethod, "Authentication Method");
            e.Binary(PropertyId.AuthenticationData, n.AuthenticationData, pr.AuthenticationData, "Authentication Data");
            e.Users(n.UserProperties);
            e.Done();
        }

        private static void ComparePublish(MqttPublishPacket n, PublishPacket p, MqttVersion v)
        {
            Assert.AreEqual((byte)n.QualityOfServiceLevel, p.QoS, "QoS");
            Assert.AreEqual(n.Dup, p.Dup, "DUP");
            Assert.AreEqual(n.Retain, p.Retain, "RETAIN");
            Assert.AreEqual(n.PacketIdentifier, p.PacketId, "Packet Identifier");
            // MQTTnet writes a null topic as the empty string; the generator never uses null.
            AssertBytes(Encoding.UTF8.GetBytes(n.Topic), Wire.Bytes(p.Topic), "Topic");
            AssertBytes(n.Payload.ToArray(), Wire.Bytes(p.Payload), "Payload");
            Properties pr = p.Properties;
            if (v == MqttVersion.V311)
            {
                Assert.IsTrue(pr.IsEmpty, "3.1.1 has no properties");
                return;
            }
            PropExpect e = new PropExpect(pr);
            // Payload Format Indicator 0 (Unspecified) is not sent: absent means 0 (3.3.2.3.2).
            e.Number(PropertyId.PayloadFormatIndicator, n.PayloadFormatIndicator != MqttPayloadFormatIndicator.Unspecified, (uint)n.PayloadFormatIndicator, pr.PayloadFormatIndicator, "Payload Format Indicator");
            // Message Expiry Interval 0 is not sent: MQTTnet uses 0 for "does not expire" (absent, 3.3.2.3.3).
            e.Number(PropertyId.MessageExpiryInterval, n.MessageExpiryInterval != 0, n.MessageExpiryInterval, pr.MessageExpiryInterval, "Message Expiry Interval");
            // Topic Alias 0 is not sent (0 is illegal on the wire).
            e.Number(PropertyId.TopicAlias, n.TopicAlias != 0, n.TopicAlias, pr.TopicAlias, "Topic Alias");
            e.Text(PropertyId.ContentType, Sent(n.ContentType), pr.ContentType, "Content Type");
            e.Text(PropertyId.ResponseTopic, Sent(n.ResponseTopic), pr.ResponseTopic, "Response Topic");
            e.Binary(PropertyId.CorrelationData, n.CorrelationData, pr.CorrelationData, "Correlation Data");
            e.SubscriptionIds(n.SubscriptionIdentifiers);
            e.Users(n.UserProperties);
            e.Done();
        }

        private static void CompareAck(PacketType type, ushort id, byte code, string reason, List<MqttUserProperty> users, PacketDecoder d, MqttVersion v)
        {
            Assert.AreEqual(type, d.Type, "type");
            Assert.AreSame(d.Ack, d.Packet, "packet object");
            Assert.AreEqual(type, d.Ack.Type, "ack object type");
            Assert.AreEqual(id, d.Ack.PacketId, "Packet Identifier");
            Assert.AreEqual(v == MqttVersion.V500 ? code : (byte)0, d.Ack.ReasonCode, "reason code");
            if (v == MqttVersion.V311)
            {
                Assert.IsTrue(d.Ack.Properties.IsEmpty, "3.1.1 has no properties");
                return;
            }
            PropExpect e = new PropExpect(d.Ack.Properties);
            e.Text(PropertyId.ReasonString, Sent(reason), d.Ack.Properties.ReasonString, "Reason String");
            e.Users(users);
            e.Done();
        }

        private static void CompareSubAck(PacketType type, ushort id, byte[] codes, string reason, List<MqttUserProperty> users, SubAckPacket s, MqttVersion v)
        {
            Assert.AreEqual(type, s.Type, "object type");
            Assert.AreEqual(id, s.PacketId, "Packet Identifier");
            AssertBytes(codes, Wire.Bytes(s.ReasonCodes), "reason codes");
            if (v == MqttVersion.V311)
            {
                Assert.IsTrue(s.Properties.IsEmpty, "3.1.1 has no properties");
                return;
            }
            PropExpect e = new PropExpect(s.Properties);
            e.Text(PropertyId.ReasonString, Sent(reason), s.Properties.ReasonString, "Reason String");
            e.Users(users);
            e.Done();
        }

        /// <summary>
        /// What MQTTnet puts on the wire for an optional string property: MqttV5PropertiesWriter
        /// skips null AND empty strings, so it cannot send a present-but-empty string (which the
        /// spec allows, 1.5.4). An empty string given to MQTTnet therefore arrives as absent.
        /// </summary>
        private static string Sent(string s)
        {
            return string.IsNullOrEmpty(s) ? null : s;
        }

        /// <summary>
        /// Checks each property of a decoded NanoMqtt packet and, in <see cref="Done"/>, that no
        /// other property is present.
        /// </summary>
        private sealed class PropExpect
        {
            private readonly Properties _p;
            private readonly bool[] _checked = new bool[64];

            public PropExpect(Properties p)
            {
                _p = p;
            }

            public void Number(int id, bool present, uint expected, uint actual, string name)
            {
                _checked[id] = true;
                Assert.AreEqual(present, _p.Has(id), name + " present");
                if (present) Assert.AreEqual(expected, actual, name);
            }

            public void Text(int id, string expected, Slice actual, string name)
            {
                _checked[id] = true;
                Assert.AreEqual(expected != null, _p.Has(id), name + " present");
                AssertBytes(expected == null ? null : Encoding.UTF8.GetBytes(expected), Wire.Bytes(actual), name);
            }

            /// <summary>MqttV5PropertiesWriter.Write(id, byte[]) skips only null: an empty array is sent as zero-length binary data.</summary>
            public void Binary(int id, byte[] expected, Slice actual, string name)
            {
                _checked[id] = true;
                Assert.AreEqual(expected != null, _p.Has(id), name + " present");
                AssertBytes(expected, Wire.Bytes(actual), name);
            }

            public void SubscriptionIds(List<uint> expected)
            {
                _checked[PropertyId.SubscriptionIdentifier] = true;
                int n = expected == null ? 0 : expected.Count;
                int kept = Math.Min(n, Properties.DefaultSubscriptionIdentifierCapacity);
                Assert.AreEqual(n > 0, _p.Has(PropertyId.SubscriptionIdentifier), "Subscription Identifier present");
                Assert.AreEqual(kept, _p.SubscriptionIdentifierCount, "Subscription Identifiers kept");
                Assert.AreEqual(n - kept, _p.SubscriptionIdentifiersDropped, "Subscription Identifiers over capacity");
                for (int i = 0; i < kept; i++) Assert.AreEqual((int)expected[i], _p.GetSubscriptionIdentifier(i), "Subscription Identifier " + i);
            }

            public void Users(List<MqttUserProperty> expected)
            {
                _checked[PropertyId.UserProperty] = true;
                int n = expected == null ? 0 : expected.Count;
                int kept = Math.Min(n, Properties.DefaultUserPropertyCapacity);
                Assert.AreEqual(n > 0, _p.Has(PropertyId.UserProperty), "User Property present");
                Assert.AreEqual(kept, _p.UserPropertyCount, "User Properties kept");
                Assert.AreEqual(n - kept, _p.UserPropertiesDropped, "User Properties over capacity");
                for (int i = 0; i < kept; i++)
                {
                    AssertBytes(Encoding.UTF8.GetBytes(expected[i].Name), Wire.Bytes(_p.GetUserPropertyName(i)), "User Property " + i + " name");
                    AssertBytes(expected[i].ValueBuffer.ToArray(), Wire.Bytes(_p.GetUserPropertyValue(i)), "User Property " + i + " value");
                }
            }

            public void Done()
            {
                for (int id = 1; id <= PropertyId.SharedSubscriptionAvailable; id++)
                {
                    if (!_checked[id] && _p.Has(id)) Assert.Fail("unexpected property 0x" + id.ToString("X2"));
                }
            }
        }

        // ------------------------------------------------------------------ helpers

        private static TPacket Cast<TPacket>(MqttPacket packet) where TPacket : MqttPacket
        {
            if (packet is TPacket t) return t;
            Assert.Fail("MQTTnet decoded " + (packet == null ? "null" : packet.GetType().Name) + ", expected " + typeof(TPacket).Name);
            return null;
        }

        /// <summary>A NanoMqtt string field against MQTTnet's: absent is null, present compares UTF-8 bytes.</summary>
        private static void Text(Slice expected, string actual, string name)
        {
            if (expected.IsAbsent)
            {
                if (actual != null) Assert.Fail(name + ": sent absent, MQTTnet reports \"" + actual + "\"");
                return;
            }
            if (actual == null) Assert.Fail(name + ": sent \"" + expected + "\", MQTTnet reports absent (null)");
            AssertBytes(Wire.Bytes(expected), Encoding.UTF8.GetBytes(actual), name);
        }

        /// <summary>A NanoMqtt binary field against MQTTnet's: absent is null, empty is a zero-length array.</summary>
        private static void Binary(Slice expected, byte[] actual, string name)
        {
            AssertBytes(Wire.Bytes(expected), actual, name);
        }

        /// <summary>User properties sent by NanoMqtt (null: none allowed) against MQTTnet's list, in order.</summary>
        private static void Users(Properties expected, List<MqttUserProperty> actual)
        {
            int n = expected == null ? 0 : expected.UserPropertyCount;
            if (n == 0)
            {
                // MQTTnet leaves the list null when no User Property was received.
                Assert.IsNull(actual, "User Properties");
                return;
            }
            Assert.IsNotNull(actual, "User Properties");
            Assert.AreEqual(n, actual.Count, "User Property count");
            for (int i = 0; i < n; i++)
            {
                Text(expected.GetUserPropertyName(i), actual[i].Name, "User Property " + i + " name");
                // MQTTnet keeps the value as raw bytes (ValueBuffer).
                AssertBytes(Wire.Bytes(expected.GetUserPropertyValue(i)), actual[i].ValueBuffer.ToArray(), "User Property " + i + " value");
            }
        }

        internal static void AssertBytes(byte[] expected, byte[] actual, string name)
        {
            if (expected == null || actual == null)
            {
                if (expected != actual) Assert.Fail(name + ": expected " + Wire.Hex(expected) + ", actual " + Wire.Hex(actual));
                return;
            }
            if (!expected.AsSpan().SequenceEqual(actual)) Assert.Fail(name + ": expected " + Wire.Hex(expected) + ", actual " + Wire.Hex(actual));
        }
    }
}

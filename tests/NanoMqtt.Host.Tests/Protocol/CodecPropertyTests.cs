using System;
using System.Linq;
using System.Text;
using CsCheck;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using CG = CsCheck.Gen;

namespace NanoMqtt.Host.Tests.Protocol
{
    /// <summary>
    /// Properties of the codec and the outgoing state table, checked on generated cases with
    /// CsCheck: a failure is shrunk to the smallest case that still fails, and printed with its seed.
    /// </summary>
    [TestClass]
    public class CodecPropertyTests
    {
        // Valid UTF-8 without U+0000; no wildcards in topic names.
        private static readonly Gen<string> Text = CG.String[CG.Char["abcxyz019 -_.éßΩ€中ツ"], 0, 40];
        private static readonly Gen<string> TopicName = CG.String[CG.Char["abc/019-_éΩ中"], 1, 60];
        private static readonly Gen<byte[]> Bytes = CG.Byte.Array[0, 300];

        private sealed record PublishCase(int Version, string Topic, byte[] Payload, byte QoS, bool Retain, bool Dup, ushort Id,
            uint? Expiry, string ContentType, byte[] Correlation, (string, string)[] User);

        private static readonly Gen<PublishCase> Publishes =
            from version in CG.OneOf(4, 5)
            from topic in TopicName
            from payload in Bytes
            from qos in CG.Byte[0, 2]
            from retain in CG.Bool
            from dup in CG.Bool
            from id in CG.UShort[1, 65535]
            from expiry in CG.UInt.Nullable()
            from contentType in Text.Null()
            from correlation in CG.Byte.Array[0, 20].Null()
            from user in CG.Select(Text, Text).Array[0, 4]
            select new PublishCase(version, topic, payload, qos, retain, qos > 0 && dup, qos > 0 ? id : (ushort)0,
                expiry, contentType, correlation, user);

        private static Slice S(string text) => Slice.FromString(text);

        private static byte[] Encode(Packet packet, MqttVersion version)
        {
            byte[] buffer = new byte[4096];
            Assert.AreEqual(EncodeStatus.Ok, PacketEncoder.Encode(packet, version, buffer, 0, 0, out int length));
            Assert.AreEqual(EncodeStatus.Ok, PacketEncoder.Measure(packet, version, out int measured));
            Assert.AreEqual(length, measured, "Measure agrees with Encode");
            return buffer[..length];
        }

        [TestMethod]
        public void EveryPublishRoundTrips()
        {
            Publishes.Sample(c =>
            {
                var version = (MqttVersion)c.Version;
                var p = new PublishPacket { Topic = S(c.Topic), Payload = Slice.Of(c.Payload), QoS = c.QoS, Retain = c.Retain, Dup = c.Dup, PacketId = c.Id };
                if (version == MqttVersion.V500)
                {
                    if (c.Expiry is uint e) p.Properties.MessageExpiryInterval = e;
                    if (c.ContentType != null) p.Properties.ContentType = S(c.ContentType);
                    if (c.Correlation != null) p.Properties.CorrelationData = Slice.Of(c.Correlation);
                    foreach (var (name, value) in c.User) p.Properties.AddUserProperty(S(name), S(value));
                }
                byte[] wire = Encode(p, version);
                var d = PacketDecoder.ForClient(version, 0, 8);
                Assert.AreEqual(DecodeStatus.Ok, d.Decode(wire, 0, wire.Length));
                Assert.AreEqual(wire.Length, d.Consumed);
                PublishPacket q = d.Publish;
                Assert.AreEqual(c.Topic, q.Topic.ToString());
                CollectionAssert.AreEqual(c.Payload, q.Payload.Array.Skip(q.Payload.Offset).Take(q.Payload.Length).ToArray());
                Assert.AreEqual((c.QoS, c.Retain, c.Dup, c.Id), (q.QoS, q.Retain, q.Dup, q.PacketId));
                if (version != MqttVersion.V500) return;
                Assert.AreEqual(c.Expiry.HasValue, q.Properties.Has(PropertyId.MessageExpiryInterval));
                if (c.Expiry is uint expiry) Assert.AreEqual(expiry, q.Properties.MessageExpiryInterval);
                Assert.AreEqual(c.ContentType, q.Properties.Has(PropertyId.ContentType) ? q.Properties.ContentType.ToString() : null);
                Assert.AreEqual(c.User.Length, q.Properties.UserPropertyCount);
                for (int i = 0; i < c.User.Length; i++)
                    Assert.AreEqual(c.User[i], (q.Properties.GetUserPropertyName(i).ToString(), q.Properties.GetUserPropertyValue(i).ToString()));
            });
        }

        [TestMethod]
        public void EverySubscribeRoundTripsOnTheServerSide()
        {
            var filters = CG.Select(CG.OneOf(TopicName, CG.Const("#"), TopicName.Select(t => t + "/+"), TopicName.Select(t => t + "/#")), CG.Byte[0, 2]).Array[1, 6];
            CG.Select(CG.OneOf(4, 5), filters, CG.UShort[1, 65535]).Sample((version, list, id) =>
            {
                var s = new SubscribePacket(8) { PacketId = id };
                foreach (var (filter, qos) in list) Assert.IsTrue(s.Add(S(filter), qos));
                byte[] wire = Encode(s, (MqttVersion)version);
                var d = PacketDecoder.ForServer(0, 8);
                d.Version = (MqttVersion)version;
                Assert.AreEqual(DecodeStatus.Ok, d.Decode(wire, 0, wire.Length));
                Assert.AreEqual(id, d.Subscribe.PacketId);
                Assert.AreEqual(list.Length, d.Subscribe.Count);
                for (int i = 0; i < list.Length; i++)
                {
                    Assert.AreEqual(list[i].Item1, d.Subscribe.GetFilter(i).ToString());
                    Assert.AreEqual(list[i].Item2, (byte)(d.Subscribe.GetOptions(i) & 3));
                }
            });
        }

        [TestMethod]
        public void EveryTruncatedPublishIsRefusedNeverThrown()
        {
            Publishes.Select(CG.Int[0, 1000], (c, cut) => (c, cut)).Sample(t =>
            {
                var (c, cut) = t;
                var version = (MqttVersion)c.Version;
                var p = new PublishPacket { Topic = S(c.Topic), Payload = Slice.Of(c.Payload), QoS = c.QoS, PacketId = c.Id };
                byte[] wire = Encode(p, version);
                int n = 1 + cut % (wire.Length - 1);
                var d = PacketDecoder.ForClient(version, 0);
                DecodeStatus st = d.Decode(wire, 0, n);
                if (n < wire.Length) Assert.AreEqual(DecodeStatus.NeedMoreData, st, "a packet not all here yet waits for the rest");
            });
        }

        private enum Ack { PubAck, PubRec, PubRecError, PubComp }

        /// <summary>
        /// Any order of acknowledgements, repeated or stray, for one outgoing message: it completes
        /// at most once, a QoS 1 message never waits for PUBCOMP, and a QoS 2 message completes only
        /// by PUBCOMP after PUBREC, by an error PUBREC, or by a PUBACK before any PUBREC (a broker
        /// that took it at QoS 1).
        /// </summary>
        [TestMethod]
        public void NoSequenceOfAcknowledgementsCompletesAMessageTwiceOrEarly()
        {
            CG.Select(CG.Int[1, 2], CG.Enum<Ack>().Array[0, 12]).Sample((qos, acks) =>
            {
                byte state = qos == 1 ? InflightTable.AwaitingPubAck : InflightTable.AwaitingPubRec;
                bool done = false, recorded = false;
                foreach (var a in acks)
                {
                    if (done) break;
                    var (type, reason) = a switch
                    {
                        Ack.PubAck => (PacketType.PubAck, (byte)0),
                        Ack.PubRec => (PacketType.PubRec, (byte)0),
                        Ack.PubRecError => (PacketType.PubRec, (byte)0x80),
                        _ => (PacketType.PubComp, (byte)0),
                    };
                    OutgoingStep step = OutgoingTransitions.Next(state, type, reason);
                    switch (step)
                    {
                        case OutgoingStep.Refuse:
                            Assert.AreEqual(1, qos, "only a PUBREC for a QoS 1 message breaks the protocol");
                            Assert.AreEqual(PacketType.PubRec, type);
                            return;
                        case OutgoingStep.Complete:
                            if (qos == 1) Assert.AreEqual(PacketType.PubAck, type);
                            else Assert.IsTrue((type == PacketType.PubComp && recorded) || (type == PacketType.PubRec && reason >= 0x80), $"{type} completed a QoS 2 message");
                            done = true;
                            break;
                        case OutgoingStep.CompleteAtQoS1:
                            Assert.IsTrue(qos == 2 && !recorded && type == PacketType.PubAck);
                            done = true;
                            break;
                        case OutgoingStep.AwaitPubComp:
                            Assert.AreEqual(2, qos);
                            state = InflightTable.AwaitingPubComp;
                            recorded = true;
                            break;
                        case OutgoingStep.RepeatPubRel:
                            Assert.IsTrue(recorded, "PUBREL again only after PUBREC was recorded");
                            break;
                    }
                }
            });
        }
    }
}

using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Protocol;

namespace NanoMqtt.Host.Tests.Protocol
{
    /// <summary>
    /// The codec is meant to run on a microcontroller without garbage: encoding into a caller's
    /// buffer and decoding in place must allocate nothing. Measured with
    /// <see cref="GC.GetAllocatedBytesForCurrentThread"/> after a warm-up.
    /// </summary>
    [TestClass]
    public sealed class AllocationTests
    {
        private const int WarmUp = 2000;
        private const int Iterations = 10000;
        /// <summary>Measurements per case; the smallest is kept so that a one-off runtime
        /// allocation (tiered JIT, type loading) is not charged to the codec. A real per-operation
        /// allocation shows up in every measurement.</summary>
        private const int Attempts = 3;

        private static readonly int[] PayloadSizes = { 16, 256, 4096 };

        [TestMethod]
        public void Encode_AllocatesZeroBytesPerOperation()
        {
            List<(string Name, Packet Packet, MqttVersion Version)> cases = new List<(string, Packet, MqttVersion)>();
            foreach (MqttVersion v in new[] { MqttVersion.V311, MqttVersion.V500 })
            {
                cases.Add(("CONNECT " + Name(v) + " (user, password, will" + (v == MqttVersion.V500 ? ", properties)" : ")"), Connect(v), v));
                foreach (int size in PayloadSizes)
                {
                    for (byte qos = 0; qos <= 2; qos++) cases.Add((PublishName(v, qos, size), Publish(v, qos, size), v));
                }
                cases.Add(("PUBACK " + Name(v) + (v == MqttVersion.V500 ? " (reason code, Reason String)" : ""), PubAck(v), v));
                cases.Add(("SUBSCRIBE " + Name(v) + " (3 filters" + (v == MqttVersion.V500 ? ", options, Subscription Identifier)" : ")"), Subscribe(v), v));
            }
            byte[] buffer = new byte[8192];
            List<(string, Func<double>)> measures = new List<(string, Func<double>)>();
            foreach ((string name, Packet packet, MqttVersion version) in cases) measures.Add((name, () => MeasureEncode(packet, version, buffer)));
            Report("encode", measures);
        }

        [TestMethod]
        public void Decode_AllocatesZeroBytesPerOperation()
        {
            List<(string Name, byte[] Bytes, MqttVersion Version)> cases = new List<(string, byte[], MqttVersion)>();
            foreach (MqttVersion v in new[] { MqttVersion.V311, MqttVersion.V500 })
            {
                cases.Add(("CONNACK " + Name(v) + (v == MqttVersion.V500 ? " (properties)" : ""), Encode(ConnAck(v), v), v));
                foreach (int size in PayloadSizes)
                {
                    for (byte qos = 0; qos <= 2; qos++) cases.Add((PublishName(v, qos, size), Encode(Publish(v, qos, size), v), v));
                }
                cases.Add(("PUBACK " + Name(v) + (v == MqttVersion.V500 ? " (reason code, Reason String)" : ""), Encode(PubAck(v), v), v));
                cases.Add(("SUBACK " + Name(v) + " (3 codes" + (v == MqttVersion.V500 ? ", properties)" : ")"), Encode(SubAck(v), v), v));
            }
            List<(string, Func<double>)> measures = new List<(string, Func<double>)>();
            foreach ((string name, byte[] bytes, MqttVersion version) in cases) measures.Add((name, () => MeasureDecode(bytes, version)));
            Report("decode", measures);
        }

        /// <summary>Measures every case, prints one line each, then fails if any allocated.</summary>
        private static void Report(string what, List<(string Name, Func<double> Measure)> cases)
        {
            List<string> allocating = new List<string>();
            Console.WriteLine("Bytes allocated per " + what + " (" + Iterations + " operations after " + WarmUp + " warm-up, best of " + Attempts + "):");
            foreach ((string name, Func<double> measure) in cases)
            {
                double perOp = measure();
                string line = "  " + what + " " + name.PadRight(62) + perOp.ToString("F2") + " B/op";
                Console.WriteLine(line);
                if (perOp != 0) allocating.Add(line.Trim());
            }
            if (allocating.Count > 0) Assert.Fail("allocations on the " + what + " path:\n" + string.Join("\n", allocating));
        }

        private static double MeasureEncode(Packet packet, MqttVersion version, byte[] buffer)
        {
            int length;
            Assert.AreEqual(EncodeStatus.Ok, PacketEncoder.Encode(packet, version, buffer, 0, 0, out length), "encode status");
            for (int i = 0; i < WarmUp; i++) PacketEncoder.Encode(packet, version, buffer, 0, 0, out length);
            long best = long.MaxValue;
            for (int attempt = 0; attempt < Attempts; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < Iterations; i++) PacketEncoder.Encode(packet, version, buffer, 0, 0, out length);
                long after = GC.GetAllocatedBytesForCurrentThread();
                best = Math.Min(best, after - before);
            }
            return (double)best / Iterations;
        }

        private static double MeasureDecode(byte[] bytes, MqttVersion version)
        {
            PacketDecoder decoder = PacketDecoder.ForClient(version, 0);
            Assert.AreEqual(DecodeStatus.Ok, decoder.Decode(bytes, 0, bytes.Length), "decode status");
            Assert.AreEqual(bytes.Length, decoder.Consumed, "Consumed");
            for (int i = 0; i < WarmUp; i++) decoder.Decode(bytes, 0, bytes.Length);
            long best = long.MaxValue;
            for (int attempt = 0; attempt < Attempts; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < Iterations; i++) decoder.Decode(bytes, 0, bytes.Length);
                long after = GC.GetAllocatedBytesForCurrentThread();
                best = Math.Min(best, after - before);
            }
            return (double)best / Iterations;
        }

        // ------------------------------------------------------------------ packets

        private static string Name(MqttVersion v)
        {
            return v == MqttVersion.V311 ? "v3.1.1" : "v5.0";
        }

        private static string PublishName(MqttVersion v, byte qos, int size)
        {
            return "PUBLISH " + Name(v) + " QoS " + qos + " " + (size >= 1024 ? size / 1024 + " KB" : size + " B") + (v == MqttVersion.V500 ? " + properties" : "");
        }

        private static Slice S(string s)
        {
            return Slice.Of(Encoding.UTF8.GetBytes(s));
        }

        private static byte[] Encode(Packet p, MqttVersion v)
        {
            byte[] buffer = new byte[8192];
            int length;
            Assert.AreEqual(EncodeStatus.Ok, PacketEncoder.Encode(p, v, buffer, 0, 0, out length));
            return buffer.AsSpan(0, length).ToArray();
        }

        private static ConnectPacket Connect(MqttVersion v)
        {
            ConnectPacket p = new ConnectPacket
            {
                ClientId = S("nano-sensor-0042"),
                CleanStart = true,
                KeepAlive = 60,
                UserName = S("device"),
                Password = Slice.Of(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }),
                HasWill = true,
                WillQoS = 1,
                WillRetain = true,
                WillTopic = S("devices/0042/status"),
                WillPayload = S("offline"),
            };
            if (v == MqttVersion.V500)
            {
                p.Properties.SessionExpiryInterval = 3600;
                p.Properties.ReceiveMaximum = 16;
                p.Properties.MaximumPacketSize = 8192;
                p.Properties.TopicAliasMaximum = 8;
                p.Properties.RequestProblemInformation = 1;
                p.Properties.AddUserProperty(S("fw"), S("1.2.3"));
                p.WillProperties.WillDelayInterval = 5;
                p.WillProperties.PayloadFormatIndicator = 1;
                p.WillProperties.ContentType = S("text/plain");
            }
            return p;
        }

        private static PublishPacket Publish(MqttVersion v, byte qos, int size)
        {
            byte[] payload = new byte[size];
            new Random(size).NextBytes(payload);
            PublishPacket p = new PublishPacket
            {
                QoS = qos,
                Retain = qos == 1,
                PacketId = qos > 0 ? (ushort)4242 : (ushort)0,
                Topic = S("devices/0042/telemetry/é€"),
                Payload = Slice.Of(payload),
            };
            if (v == MqttVersion.V500)
            {
                p.Properties.MessageExpiryInterval = 120;
                p.Properties.PayloadFormatIndicator = 0;
                p.Properties.ContentType = S("application/octet-stream");
                p.Properties.ResponseTopic = S("devices/0042/reply");
                p.Properties.CorrelationData = Slice.Of(new byte[] { 9, 8, 7, 6 });
                p.Properties.TopicAlias = 3;
                p.Properties.AddUserProperty(S("unit"), S("°C"));
                p.Properties.AddUserProperty(S("seq"), S("17"));
            }
            return p;
        }

        private static AckPacket PubAck(MqttVersion v)
        {
            AckPacket p = new AckPacket(PacketType.PubAck) { PacketId = 4242 };
            if (v == MqttVersion.V500)
            {
                p.ReasonCode = ReasonCode.NoMatchingSubscribers;
                p.Properties.ReasonString = S("nobody listens");
            }
            return p;
        }

        private static SubscribePacket Subscribe(MqttVersion v)
        {
            SubscribePacket p = new SubscribePacket(3) { PacketId = 7 };
            bool v5 = v == MqttVersion.V500;
            p.Add(S("devices/+/cmd"), (byte)(1 | (v5 ? SubscribePacket.NoLocal : 0)));
            p.Add(S("config/#"), (byte)(2 | (v5 ? SubscribePacket.RetainHandlingIfNew : 0)));
            p.Add(S("time"), (byte)(0 | (v5 ? SubscribePacket.RetainAsPublished : 0)));
            if (v5)
            {
                p.Properties.AddSubscriptionIdentifier(300);
                p.Properties.AddUserProperty(S("k"), S("v"));
            }
            return p;
        }

        private static ConnAckPacket ConnAck(MqttVersion v)
        {
            ConnAckPacket p = new ConnAckPacket { SessionPresent = true };
            if (v == MqttVersion.V500)
            {
                p.Properties.SessionExpiryInterval = 3600;
                p.Properties.ReceiveMaximum = 20;
                p.Properties.MaximumQoS = 1;
                p.Properties.RetainAvailable = 0;
                p.Properties.MaximumPacketSize = 65536;
                p.Properties.AssignedClientIdentifier = S("auto-4711");
                p.Properties.TopicAliasMaximum = 10;
                p.Properties.ServerKeepAlive = 30;
                p.Properties.WildcardSubscriptionAvailable = 1;
                p.Properties.SubscriptionIdentifierAvailable = 1;
                p.Properties.SharedSubscriptionAvailable = 0;
                p.Properties.AddUserProperty(S("broker"), S("test"));
            }
            return p;
        }

        private static SubAckPacket SubAck(MqttVersion v)
        {
            SubAckPacket p = new SubAckPacket(PacketType.SubAck) { PacketId = 7, ReasonCodes = Slice.Of(new byte[] { 1, 2, 0x80 }) };
            if (v == MqttVersion.V500) p.Properties.ReasonString = S("one refused");
            return p;
        }
    }
}

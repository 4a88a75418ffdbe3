using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet.Packets;
using NanoMqtt.Protocol;

namespace NanoMqtt.Host.Tests.Protocol
{
    /// <summary>
    /// Mutation fuzzing of <see cref="PacketDecoder"/>: valid packets of every type, both versions
    /// and both directions (encoded by NanoMqtt and by MQTTnet) are mutated and fed to client- and
    /// server-side decoders for 3.1.1 and 5.0. Plus streaming in random chunks and prefix checks.
    /// </summary>
    [TestClass]
    public sealed class FuzzTests
    {
        private const int MutatedInputs = 250000;
        private const int Seed = 0x0F022;
        /// <summary>Bound on a single Decode call. Decoding is linear in the input and allocation
        /// free, so anything near this means a hang, not a slow machine. It is checked on the slowest
        /// input decoded again five times, taking the fastest: one run preempted by a busy machine
        /// does not count, a decoder that really loops does every time.</summary>
        private static readonly TimeSpan DecodeBound = TimeSpan.FromMilliseconds(100);
        /// <summary>Bound on the whole fuzz run (the test budget is 60 s).</summary>
        private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(30);

        private static readonly Lazy<FuzzRun> Run = new Lazy<FuzzRun>(() => FuzzRun.Execute(Seed, MutatedInputs));

        [TestMethod]
        public void MutatedPackets_NoException_NoOverrun_BoundedTime()
        {
            FuzzRun r = Run.Value;
            r.Print();
            Assert.IsTrue(r.Inputs >= 100000, "at least 100,000 mutated inputs");
            if (r.Exceptions.Count > 0) Assert.Fail(r.Exceptions.Count + " exceptions escaped, first: " + r.Exceptions[0]);
            if (r.Overruns.Count > 0) Assert.Fail(r.Overruns.Count + " Consumed/status inconsistencies, first: " + r.Overruns[0]);
            if (r.OutsideReads.Count > 0) Assert.Fail(r.OutsideReads.Count + " results changed with the bytes outside [offset, offset+count), first: " + r.OutsideReads[0]);
            if (r.DuplicateMismatches.Count > 0) Assert.Fail(r.DuplicateMismatches.Count + " duplicated-property packets not rejected as expected, first: " + r.DuplicateMismatches[0]);
            Assert.IsTrue(r.SlowestRetimed < DecodeBound, "the slowest input takes " + r.SlowestRetimed.TotalMilliseconds + " ms to decode, at best of 5 (first seen: " + r.MaxDecode.TotalMilliseconds + " ms)");
            Assert.IsTrue(r.Elapsed < RunBound, "fuzz run took " + r.Elapsed);
        }

        [TestMethod]
        public void MutatedPackets_WhatIsAcceptedCanBeReEncoded()
        {
            FuzzRun r = Run.Value;
            Console.WriteLine("Accepted (Ok) decodes re-encoded: " + r.ReEncoded + "; distinct invariant violations: " + r.Violations.Count);
            if (r.Violations.Count == 0) return;
            List<string> lines = new List<string>();
            foreach (Violation v in r.Violations.Values.OrderBy(v => v.Signature, StringComparer.Ordinal))
            {
                string line = v.Signature + " (" + v.Count + " inputs), smallest input " + Wire.Hex(v.Minimal) + " -> " + v.Detail;
                lines.Add(line);
                Console.WriteLine(line);
            }
            Assert.Fail("the decoder accepted packets the encoder refuses or changes:\n" + string.Join("\n", lines));
        }

        /// <summary>
        /// Found by the re-encode invariant above: a 3.1.1 CONNECT with an empty ClientId and Clean
        /// Session 0 ([MQTT-3.1.3-7]) was accepted by the decoder although the encoder refuses it.
        /// It is now a distinct status, so a broker can answer CONNACK 0x02 [MQTT-3.1.3-8].
        /// </summary>
        [TestMethod]
        public void V311ConnectWithEmptyClientIdAndCleanSession0IsRejectedBothWays()
        {
            byte[] input = Convert.FromHexString("100C00044D515454040002B50000");
            ConnectPacket same = new ConnectPacket { ClientId = Wire.S(""), CleanStart = false, KeepAlive = 0x02B5 };
            int length;
            Assert.AreEqual(EncodeStatus.InvalidField, PacketEncoder.Encode(same, MqttVersion.V311, new byte[64], 0, 0, out length),
                "the encoder refuses this CONNECT");
            PacketDecoder d = PacketDecoder.ForServer(0, 8);
            DecodeStatus st = d.Decode(input, 0, input.Length);
            Assert.AreEqual(DecodeStatus.ClientIdentifierRejected, st, "the decoder refuses the CONNECT the encoder refuses to send");
        }

        [TestMethod]
        public void Streaming_RandomChunks_DecodesEveryPacket()
        {
            Random r = new Random(0x57AE);
            int total = 0;
            foreach (MqttVersion v in new[] { MqttVersion.V311, MqttVersion.V500 })
            {
                Gen g = new Gen(0x5100 + (int)v);
                // Server side: NanoMqtt-encoded client packets, starting with the CONNECT.
                List<byte[]> toServer = new List<byte[]> { NanoEncode(NanoClientPackets.Connect(g, v), v) };
                while (toServer.Count < 400)
                {
                    string kind;
                    Packet p = NanoClientPackets.Next(g, v, out kind);
                    if (kind == "CONNECT" || kind == "AUTH") continue;
                    toServer.Add(NanoEncode(p, v));
                }
                total += Stream(r, toServer, () => PacketDecoder.ForServer(0, 32), v, true);

                // Client side: MQTTnet-encoded server packets.
                MqttNetFormatter net = new MqttNetFormatter(v);
                List<byte[]> toClient = new List<byte[]>();
                while (toClient.Count < 400)
                {
                    string kind;
                    MqttPacket p = NetServerPackets.Next(g, v, out kind);
                    if (kind == "AUTH") continue;
                    toClient.Add(net.Encode(p));
                }
                total += Stream(r, toClient, () => PacketDecoder.ForClient(v, 0), v, false);
            }
            Console.WriteLine("Streaming: " + total + " packets decoded from random-size chunks");
        }

        [TestMethod]
        public void EveryStrictPrefixOfAValidPacket_NeedsMoreData()
        {
            int checkedPrefixes = 0;
            foreach (Sample s in Corpus.Build(0x9E7))
            {
                PacketDecoder d = s.ToServer ? PacketDecoder.ForServer(0, 32) : PacketDecoder.ForClient(s.Version, 0);
                d.Version = s.Version;
                DecodeStatus whole = d.Decode(s.Bytes, 0, s.Bytes.Length);
                Assert.AreEqual(s.Kind == "AUTH" ? DecodeStatus.AuthNotSupported : DecodeStatus.Ok, whole, s + " whole packet");
                Assert.AreEqual(s.Bytes.Length, d.Consumed, s + " Consumed");
                for (int k = 0; k < s.Bytes.Length; k++)
                {
                    d.Version = s.Version;
                    DecodeStatus st = d.Decode(s.Bytes, 0, k);
                    if (st != DecodeStatus.NeedMoreData || d.Consumed != 0)
                        Assert.Fail(s + ": prefix of " + k + " bytes gave " + st + " (Consumed " + d.Consumed + ")");
                    checkedPrefixes++;
                }
            }
            Console.WriteLine("Strict prefixes checked: " + checkedPrefixes);
        }

        private static byte[] NanoEncode(Packet p, MqttVersion v)
        {
            byte[] buffer = new byte[1 << 18];
            int length;
            Assert.AreEqual(EncodeStatus.Ok, PacketEncoder.Encode(p, v, buffer, 0, 0, out length));
            return buffer.AsSpan(0, length).ToArray();
        }

        /// <summary>Feeds the concatenated packets in random chunks through a receive buffer the way a socket loop would.</summary>
        private static int Stream(Random r, List<byte[]> packets, Func<PacketDecoder> create, MqttVersion v, bool nanoEncoded)
        {
            // Reference: each packet decoded alone and re-encoded by NanoMqtt.
            List<byte[]> reference = new List<byte[]>();
            PacketDecoder alone = create();
            foreach (byte[] p in packets)
            {
                Assert.AreEqual(DecodeStatus.Ok, alone.Decode(p, 0, p.Length), "standalone decode");
                byte[] again = NanoEncode(alone.Packet, alone.Version);
                // NanoMqtt's own bytes must survive decode + encode unchanged.
                if (nanoEncoded) DifferentialTests.AssertBytes(p, again, "NanoMqtt round trip");
                reference.Add(again);
            }
            byte[] stream = packets.SelectMany(p => p).ToArray();
            PacketDecoder d = create();
            byte[] rx = new byte[1 << 18];
            int start = 0;
            int filled = 0;
            int fed = 0;
            int decoded = 0;
            int chunks = 0;
            while (decoded < packets.Count)
            {
                while (decoded < packets.Count)
                {
                    DecodeStatus st = d.Decode(rx, start, filled - start);
                    if (st == DecodeStatus.NeedMoreData)
                    {
                        Assert.AreEqual(0, d.Consumed, "Consumed while more data is needed");
                        break;
                    }
                    string context = v + (nanoEncoded ? " to server" : " to client") + " packet " + decoded;
                    Assert.AreEqual(DecodeStatus.Ok, st, context);
                    Assert.AreEqual(packets[decoded].Length, d.Consumed, context + " Consumed");
                    DifferentialTests.AssertBytes(reference[decoded], NanoEncode(d.Packet, d.Version), context + " decoded fields");
                    start += d.Consumed;
                    decoded++;
                }
                if (decoded == packets.Count) break;
                Assert.IsTrue(fed < stream.Length, "the stream ended with " + (packets.Count - decoded) + " packets undecoded");
                if (start > 0 && (rx.Length - filled < 8192 || r.Next(3) == 0))
                {
                    Buffer.BlockCopy(rx, start, rx, 0, filled - start);
                    filled -= start;
                    start = 0;
                }
                int k = r.Next(10);
                int chunk = k < 4 ? r.Next(1, 9) : k < 8 ? r.Next(1, 200) : r.Next(1, 1500);
                chunk = Math.Min(chunk, Math.Min(stream.Length - fed, rx.Length - filled));
                Buffer.BlockCopy(stream, fed, rx, filled, chunk);
                fed += chunk;
                filled += chunk;
                chunks++;
            }
            Assert.AreEqual(stream.Length, fed, "all bytes fed");
            Assert.AreEqual(filled, start, "no bytes left over");
            Console.WriteLine("  " + v + (nanoEncoded ? " client->server (ForServer): " : " server->client (ForClient): ") + packets.Count + " packets, "
                + stream.Length + " bytes in " + chunks + " chunks");
            return packets.Count;
        }

        // ------------------------------------------------------------------ corpus and mutations

        internal sealed class Sample
        {
            public byte[] Bytes;
            public MqttVersion Version;
            public bool ToServer;
            public string Kind;
            public string Origin;

            public override string ToString()
            {
                return Origin + " " + Version + " " + Kind + (ToServer ? " (to server) " : " (to client) ") + Wire.Hex(Bytes);
            }
        }

        internal static class Corpus
        {
            /// <summary>Small valid packets: NanoMqtt- and MQTTnet-encoded, both directions, both versions.</summary>
            public static List<Sample> Build(int seed)
            {
                List<Sample> list = new List<Sample>();
                foreach (MqttVersion v in new[] { MqttVersion.V311, MqttVersion.V500 })
                {
                    Gen g = new Gen(seed + (int)v) { TextSize = 5, DataSize = 10, LargePercent = 1 };
                    MqttNetFormatter net = new MqttNetFormatter(v);
                    for (int i = 0; i < 300; i++)
                    {
                        string kind;
                        Packet p = NanoClientPackets.Next(g, v, out kind);
                        byte[] bytes = NanoEncode(p, v);
                        list.Add(new Sample { Bytes = bytes, Version = v, ToServer = true, Kind = kind, Origin = "NanoMqtt" });
                        // The same packet as MQTTnet would encode it (other property order, defaults left
                        // out). MQTTnet refuses some valid 5.0 CONNECTs (password without user name,
                        // empty ClientId without Clean Start); those are skipped.
                        try
                        {
                            byte[] other = net.Encode(net.Decode(bytes, 0, bytes.Length));
                            list.Add(new Sample { Bytes = other, Version = v, ToServer = true, Kind = kind, Origin = "MQTTnet" });
                        }
                        catch (MQTTnet.Exceptions.MqttProtocolViolationException)
                        {
                        }
                    }
                    for (int i = 0; i < 300; i++)
                    {
                        string kind;
                        MqttPacket p = NetServerPackets.Next(g, v, out kind);
                        list.Add(new Sample { Bytes = net.Encode(p), Version = v, ToServer = false, Kind = kind, Origin = "MQTTnet" });
                    }
                }
                return list;
            }
        }

        private static readonly byte[] Interesting = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x0B, 0x1F, 0x26, 0x7F, 0x80, 0x81, 0xC0, 0xED, 0xF0, 0xF4, 0xFE, 0xFF };

        /// <summary>One mutation of a packet. <paramref name="duplicated"/> is the property identifier
        /// when the mutation duplicated a property (and nothing else), otherwise 0.</summary>
        internal static byte[] Mutate(Random r, byte[] b, MqttVersion v, out string op, out int duplicated)
        {
            duplicated = 0;
            int k = r.Next(100);
            byte[] m;
            if (k < 14)
            {
                op = "bit flip";
                m = (byte[])b.Clone();
                int flips = r.Next(1, 4);
                for (int i = 0; i < flips && m.Length > 0; i++) m[r.Next(m.Length)] ^= (byte)(1 << r.Next(8));
                return MaybeReframe(r, m);
            }
            if (k < 28)
            {
                op = "byte replace";
                m = (byte[])b.Clone();
                if (m.Length > 0) m[r.Next(m.Length)] = r.Next(2) == 0 ? Interesting[r.Next(Interesting.Length)] : (byte)r.Next(256);
                return MaybeReframe(r, m);
            }
            if (k < 40)
            {
                op = "insert";
                int at = r.Next(b.Length + 1);
                byte[] ins = new byte[r.Next(1, 9)];
                for (int i = 0; i < ins.Length; i++) ins[i] = r.Next(2) == 0 ? Interesting[r.Next(Interesting.Length)] : (byte)r.Next(256);
                m = b.Take(at).Concat(ins).Concat(b.Skip(at)).ToArray();
                return MaybeReframe(r, m);
            }
            if (k < 52)
            {
                op = "delete";
                if (b.Length == 0) return b;
                int at = r.Next(b.Length);
                int n = Math.Min(r.Next(1, 9), b.Length - at);
                m = b.Take(at).Concat(b.Skip(at + n)).ToArray();
                return MaybeReframe(r, m);
            }
            if (k < 60)
            {
                op = "truncate";
                return b.Take(r.Next(b.Length)).ToArray();
            }
            if (k < 72)
            {
                op = "remaining length";
                return TamperRemainingLength(r, b);
            }
            if (k < 80)
            {
                op = "first byte";
                m = (byte[])b.Clone();
                if (m.Length > 0) m[0] = (byte)((r.Next(16) << 4) | (r.Next(2) == 0 ? r.Next(16) : (m[0] & 0x0F)));
                return m;
            }
            if (k < 92)
            {
                op = "duplicate property";
                byte[] d = DuplicateProperty(r, b, v, out duplicated);
                if (d != null) return d;
                op = "bit flip (no property to duplicate)";
                m = (byte[])b.Clone();
                if (m.Length > 0) m[r.Next(m.Length)] ^= (byte)(1 << r.Next(8));
                return MaybeReframe(r, m);
            }
            op = "splice length field";
            // Overwrite a random 2-byte window of the body with a big or small length.
            m = (byte[])b.Clone();
            if (m.Length >= 4)
            {
                int at = r.Next(2, m.Length - 1);
                int len = r.Next(3) == 0 ? 0xFFFF : r.Next(3) == 0 ? 0 : r.Next(0, m.Length + 4);
                m[at] = (byte)(len >> 8);
                m[at + 1] = (byte)len;
            }
            return m;
        }

        /// <summary>With probability 3/4, rewrites the remaining length to match the body again, so
        /// the mutation reaches the body parsers instead of only the framing.</summary>
        private static byte[] MaybeReframe(Random r, byte[] m)
        {
            if (r.Next(4) == 0) return m;
            int headerLength;
            int remaining;
            if (!ParseHeader(m, out headerLength, out remaining)) return m;
            return Frame(m[0], m.AsSpan(headerLength).ToArray());
        }

        private static byte[] TamperRemainingLength(Random r, byte[] b)
        {
            int headerLength;
            int remaining;
            if (!ParseHeader(b, out headerLength, out remaining)) return b;
            byte[] body = b.AsSpan(headerLength).ToArray();
            byte[] header;
            switch (r.Next(6))
            {
                case 0:
                    header = VarInt(Math.Max(0, remaining + r.Next(-4, 5)));
                    break;
                case 1:
                    header = VarInt(r.Next(0, body.Length + 300));
                    break;
                case 2:
                    // Not minimally encoded: an extra continuation byte followed by 0x00 [MQTT-1.5.5-1].
                    byte[] vi = VarInt(remaining);
                    if (vi.Length == 4) return b;
                    vi[vi.Length - 1] |= 0x80;
                    header = vi.Concat(new byte[] { 0x00 }).ToArray();
                    break;
                case 3:
                    header = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x7F };
                    break;
                case 4:
                    header = new byte[] { 0xFF, 0xFF, 0xFF, 0x7F };
                    break;
                default:
                    header = new byte[] { (byte)(0x80 | r.Next(128)) };
                    body = Array.Empty<byte>();
                    break;
            }
            return new[] { b[0] }.Concat(header).Concat(body).ToArray();
        }

        private static byte[] DuplicateProperty(Random r, byte[] b, MqttVersion v, out int id)
        {
            id = 0;
            int lengthAt;
            if (v != MqttVersion.V500 || !FindPropertyBlock(b, out lengthAt)) return null;
            int p = lengthAt;
            int blockLength;
            if (!ReadVarInt(b, ref p, out blockLength)) return null;
            int start = p;
            int end = start + blockLength;
            if (end > b.Length) return null;
            List<(int Start, int End, int Id)> props = new List<(int, int, int)>();
            while (p < end)
            {
                int pid = b[p];
                int size = PropertySize(b, p + 1, end, pid);
                if (size < 0) return null;
                props.Add((p, p + 1 + size, pid));
                p += 1 + size;
            }
            if (props.Count == 0 || p != end) return null;
            (int s, int e, int chosen) = props[r.Next(props.Count)];
            id = chosen;
            byte[] copy = b.AsSpan(s, e - s).ToArray();
            int headerLength;
            int remaining;
            ParseHeader(b, out headerLength, out remaining);
            byte[] body = b.AsSpan(headerLength, lengthAt - headerLength).ToArray()
                .Concat(VarInt(blockLength + copy.Length))
                .Concat(b.AsSpan(start, e - start).ToArray())
                .Concat(copy)
                .Concat(b.AsSpan(e).ToArray())
                .ToArray();
            return Frame(b[0], body);
        }

        /// <summary>Where the (first) property length of a 5.0 packet is; false when the bytes do not
        /// have that shape (the second of two stacked mutations may see a damaged packet).</summary>
        private static bool FindPropertyBlock(byte[] b, out int at)
        {
            at = 0;
            int h;
            int remaining;
            if (!ParseHeader(b, out h, out remaining) || h + remaining != b.Length) return false;
            switch (b[0] >> 4)
            {
                case 1: at = h + 10; return b.Length > at && b[h + 6] == 5;
                case 2: at = h + 2; break;
                case 3:
                    if (b.Length < h + 2) return false;
                    at = h + 2 + ((b[h] << 8) | b[h + 1]) + (((b[0] >> 1) & 3) > 0 ? 2 : 0);
                    break;
                case 4: case 5: case 6: case 7: at = h + 3; break;
                case 8: case 9: case 10: case 11: at = h + 2; break;
                case 14: case 15: at = h + 1; break;
                default: return false;
            }
            return at < b.Length;
        }

        /// <summary>Size of a property value per MQTT 5.0 2.2.2.2, or -1 for an unknown identifier
        /// or a value that runs past <paramref name="end"/>.</summary>
        private static int PropertySize(byte[] b, int p, int end, int id)
        {
            int size;
            switch (id)
            {
                case 0x01: case 0x17: case 0x19: case 0x24: case 0x25: case 0x28: case 0x29: case 0x2A:
                    size = 1;
                    break;
                case 0x13: case 0x21: case 0x22: case 0x23:
                    size = 2;
                    break;
                case 0x02: case 0x11: case 0x18: case 0x27:
                    size = 4;
                    break;
                case 0x0B:
                    int q = p;
                    int ignored;
                    if (!ReadVarInt(b, ref q, out ignored)) return -1;
                    size = q - p;
                    break;
                case 0x03: case 0x08: case 0x09: case 0x12: case 0x15: case 0x16: case 0x1A: case 0x1C: case 0x1F:
                    if (p + 2 > end) return -1;
                    size = 2 + ((b[p] << 8) | b[p + 1]);
                    break;
                case 0x26:
                    if (p + 2 > end) return -1;
                    int name = 2 + ((b[p] << 8) | b[p + 1]);
                    if (p + name + 2 > end) return -1;
                    size = name + 2 + ((b[p + name] << 8) | b[p + name + 1]);
                    break;
                default:
                    return -1;
            }
            return p + size <= end ? size : -1;
        }

        internal static bool ParseHeader(byte[] b, out int headerLength, out int remaining)
        {
            headerLength = 0;
            remaining = 0;
            if (b.Length < 2) return false;
            int p = 1;
            if (!ReadVarInt(b, ref p, out remaining)) return false;
            headerLength = p;
            return true;
        }

        private static bool ReadVarInt(byte[] b, ref int p, out int value)
        {
            value = 0;
            for (int i = 0; i < 4; i++)
            {
                if (p >= b.Length) return false;
                int x = b[p++];
                value |= (x & 0x7F) << (7 * i);
                if ((x & 0x80) == 0) return true;
            }
            return false;
        }

        internal static byte[] VarInt(int value)
        {
            List<byte> bytes = new List<byte>();
            do
            {
                int digit = value & 0x7F;
                value >>= 7;
                bytes.Add((byte)(value > 0 ? digit | 0x80 : digit));
            }
            while (value > 0);
            return bytes.ToArray();
        }

        internal static byte[] Frame(byte first, byte[] body)
        {
            return new[] { first }.Concat(VarInt(body.Length)).Concat(body).ToArray();
        }

        // ------------------------------------------------------------------ the run

        internal sealed class Violation
        {
            public string Signature;
            public int Count;
            public byte[] Minimal;
            public string Detail;
        }

        /// <summary>One decoder configuration under test.</summary>
        private sealed class Target
        {
            public string Name;
            public PacketDecoder Decoder;
            public Func<PacketDecoder> Create;
            public MqttVersion Version;
            public bool ServerSide;
            public readonly Dictionary<DecodeStatus, int> Statuses = new Dictionary<DecodeStatus, int>();

            /// <summary>Resets the version a server-side decoder would have after the CONNECT.</summary>
            public void Prepare(PacketDecoder d)
            {
                d.Version = Version;
            }
        }

        private sealed class FuzzRun
        {
            public int Inputs;
            public int Decodes;
            public int ReEncoded;
            public int DuplicateChecks;
            public TimeSpan MaxDecode;
            /// <summary>The slowest input's decode time, at best of five runs after the fuzz run.</summary>
            public TimeSpan SlowestRetimed;
            private Target _slowestTarget;
            private byte[] _slowestWindow;
            private int _slowestOffset;
            private int _slowestLength;
            public TimeSpan Elapsed;
            public readonly List<string> Exceptions = new List<string>();
            public readonly List<string> Overruns = new List<string>();
            public readonly List<string> OutsideReads = new List<string>();
            public readonly List<string> DuplicateMismatches = new List<string>();
            public readonly Dictionary<string, Violation> Violations = new Dictionary<string, Violation>();
            public readonly Dictionary<string, int> Ops = new Dictionary<string, int>();
            private List<Target> _targets;
            private int _corpusSize;

            public static FuzzRun Execute(int seed, int inputs)
            {
                FuzzRun run = new FuzzRun();
                Stopwatch total = Stopwatch.StartNew();
                List<Sample> corpus = Corpus.Build(seed);
                run._corpusSize = corpus.Count;
                run._targets = new List<Target>
                {
                    new Target { Name = "ForClient(V311)", Version = MqttVersion.V311, Create = () => PacketDecoder.ForClient(MqttVersion.V311, 0) },
                    new Target { Name = "ForClient(V500)", Version = MqttVersion.V500, Create = () => PacketDecoder.ForClient(MqttVersion.V500, 0) },
                    new Target { Name = "ForClient(V500, max 256)", Version = MqttVersion.V500, Create = () => PacketDecoder.ForClient(MqttVersion.V500, 256) },
                    new Target { Name = "ForServer(V311)", Version = MqttVersion.V311, ServerSide = true, Create = () => PacketDecoder.ForServer(0, 16) },
                    new Target { Name = "ForServer(V500)", Version = MqttVersion.V500, ServerSide = true, Create = () => PacketDecoder.ForServer(0, 16) },
                };
                foreach (Target t in run._targets) t.Decoder = t.Create();
                Random r = new Random(seed);
                byte[] window = new byte[1 << 16];
                byte[] encoded = new byte[1 << 17];
                for (int i = 0; i < inputs; i++)
                {
                    Sample s = corpus[r.Next(corpus.Count)];
                    string op;
                    int duplicated;
                    byte[] input = Mutate(r, s.Bytes, s.Version, out op, out duplicated);
                    if (r.Next(5) == 0)
                    {
                        // Stack a second mutation now and then.
                        int ignored;
                        string op2;
                        input = Mutate(r, input, s.Version, out op2, out ignored);
                        op += " + " + op2;
                        duplicated = 0;
                    }
                    run.Ops[op.Contains('+') ? "stacked" : op] = run.Ops.GetValueOrDefault(op.Contains('+') ? "stacked" : op) + 1;
                    int offset = r.Next(16);
                    r.NextBytes(window.AsSpan(0, offset + input.Length + 16));
                    Buffer.BlockCopy(input, 0, window, offset, input.Length);
                    for (int ti = 0; ti < run._targets.Count; ti++)
                    {
                        Target t = run._targets[ti];
                        bool matching = t.ServerSide == s.ToServer && t.Version == s.Version && t.Decoder.MaximumPacketSize == 0;
                        DecodeStatus st;
                        int consumed;
                        if (!run.DecodeOne(t, t.Decoder, window, offset, input, out st, out consumed)) continue;
                        if (duplicated != 0 && matching) run.CheckDuplicate(t, s, input, duplicated, st);
                        if (st == DecodeStatus.Ok) run.CheckReEncode(t, t.Decoder, input, encoded);
                        // Decode again after changing every byte outside the input: results must not change.
                        if ((i + ti) % 5 == 0)
                        {
                            r.NextBytes(window.AsSpan(0, offset));
                            r.NextBytes(window.AsSpan(offset + input.Length, 16));
                            DecodeStatus st2;
                            int consumed2;
                            if (run.DecodeOne(t, t.Decoder, window, offset, input, out st2, out consumed2) && (st2 != st || consumed2 != consumed))
                                run.OutsideReads.Add(t.Name + ": " + st + "/" + consumed + " then " + st2 + "/" + consumed2 + " for " + Wire.Hex(input));
                        }
                    }
                    run.Inputs++;
                }
                run.Minimize();
                run.RetimeSlowest();
                run.Elapsed = total.Elapsed;
                return run;
            }

            private void RetimeSlowest()
            {
                if (_slowestTarget == null) return;
                PacketDecoder d = _slowestTarget.Create();
                SlowestRetimed = TimeSpan.MaxValue;
                for (int k = 0; k < 5; k++)
                {
                    _slowestTarget.Prepare(d);
                    long t0 = Stopwatch.GetTimestamp();
                    d.Decode(_slowestWindow, _slowestOffset, _slowestLength);
                    TimeSpan dt = Stopwatch.GetElapsedTime(t0);
                    if (dt < SlowestRetimed) SlowestRetimed = dt;
                }
            }

            /// <summary>Decodes once, timing it and checking status against Consumed; false when it threw.</summary>
            private bool DecodeOne(Target t, PacketDecoder d, byte[] window, int offset, byte[] input, out DecodeStatus st, out int consumed)
            {
                t.Prepare(d);
                st = DecodeStatus.Ok;
                consumed = 0;
                long t0 = Stopwatch.GetTimestamp();
                try
                {
                    st = d.Decode(window, offset, input.Length);
                }
                catch (Exception e)
                {
                    Exceptions.Add(t.Name + ": " + e.GetType().Name + " " + e.Message + " for " + Wire.Hex(input));
                    return false;
                }
                TimeSpan dt = Stopwatch.GetElapsedTime(t0);
                if (dt > MaxDecode)
                {
                    MaxDecode = dt;
                    _slowestTarget = t;
                    _slowestWindow = (byte[])window.Clone();
                    _slowestOffset = offset;
                    _slowestLength = input.Length;
                }
                Decodes++;
                consumed = d.Consumed;
                t.Statuses[st] = t.Statuses.GetValueOrDefault(st) + 1;
                if (consumed > input.Length || consumed < 0)
                    Overruns.Add(t.Name + ": Consumed " + consumed + " > count " + input.Length + " (" + st + ") for " + Wire.Hex(input));
                else if (st == DecodeStatus.NeedMoreData && consumed != 0)
                    Overruns.Add(t.Name + ": Consumed " + consumed + " with NeedMoreData for " + Wire.Hex(input));
                else if (st == DecodeStatus.Ok && (consumed < 2 || d.Packet == null || d.Packet.Type != d.Type))
                    Overruns.Add(t.Name + ": Ok with Consumed " + consumed + ", packet " + d.Packet + ", type " + d.Type + " for " + Wire.Hex(input));
                return true;
            }

            private void CheckDuplicate(Target t, Sample s, byte[] input, int id, DecodeStatus st)
            {
                DuplicateChecks++;
                // User Property may repeat anywhere; Subscription Identifier may repeat in PUBLISH only (2.2.2.2, 3.3.2.3.8).
                // A repeatable one changes nothing: the packet decodes as it did before, which is not
                // always Ok (AUTH is not supported; an UNSUBSCRIBE may hold more filters than the decoder keeps).
                bool repeatable = id == PropertyId.UserProperty || (id == PropertyId.SubscriptionIdentifier && s.Kind == "PUBLISH");
                DecodeStatus expected = repeatable ? Original(t, s) : DecodeStatus.DuplicateProperty;
                if (st != expected)
                    DuplicateMismatches.Add(t.Name + ": property 0x" + id.ToString("X2") + " twice in " + s.Kind + " gave " + st + ", expected " + expected + ": " + Wire.Hex(input));
            }

            private static DecodeStatus Original(Target t, Sample s)
            {
                PacketDecoder d = t.Create();
                t.Prepare(d);
                return d.Decode(s.Bytes, 0, s.Bytes.Length);
            }

            /// <summary>
            /// An accepted packet must be encodable again, and encode(decode(encode(decode(x)))) must
            /// equal encode(decode(x)).
            /// </summary>
            private void CheckReEncode(Target t, PacketDecoder d, byte[] input, byte[] encoded)
            {
                string failure = ReEncodeFailure(t, d, encoded, out string detail);
                ReEncoded++;
                if (failure == null) return;
                string signature = t.Name + " " + d.Type + ": " + failure;
                byte[] trimmed = input.AsSpan(0, d.Consumed).ToArray();
                if (!Violations.TryGetValue(signature, out Violation v))
                {
                    v = new Violation { Signature = signature, Minimal = trimmed, Detail = detail };
                    Violations.Add(signature, v);
                }
                v.Count++;
                if (trimmed.Length < v.Minimal.Length)
                {
                    v.Minimal = trimmed;
                    v.Detail = detail;
                }
            }

            private static string ReEncodeFailure(Target t, PacketDecoder d, byte[] encoded, out string detail)
            {
                detail = null;
                MqttVersion version = d.Version;
                PacketType type = d.Type;
                int length;
                EncodeStatus es;
                try
                {
                    es = PacketEncoder.Encode(d.Packet, version, encoded, 0, 0, out length);
                }
                catch (Exception e)
                {
                    detail = e.ToString();
                    return "re-encode threw " + e.GetType().Name;
                }
                if (es != EncodeStatus.Ok)
                {
                    detail = "decoded Ok as " + version + " " + type + ", PacketEncoder.Encode returned " + es;
                    return "re-encode " + es;
                }
                byte[] first = encoded.AsSpan(0, length).ToArray();
                PacketDecoder check = t.Create();
                check.Version = version;
                DecodeStatus st = check.Decode(first, 0, first.Length);
                if (st != DecodeStatus.Ok || check.Consumed != first.Length)
                {
                    detail = "re-encoded as " + Wire.Hex(first) + ", which decodes as " + st;
                    return "re-encoded bytes rejected (" + st + ")";
                }
                EncodeStatus es2 = PacketEncoder.Encode(check.Packet, check.Version, encoded, 0, 0, out length);
                byte[] second = encoded.AsSpan(0, es2 == EncodeStatus.Ok ? length : 0).ToArray();
                if (es2 != EncodeStatus.Ok || !first.AsSpan().SequenceEqual(second))
                {
                    detail = "first re-encoding " + Wire.Hex(first) + ", second " + Wire.Hex(second) + " (" + es2 + ")";
                    return "re-encoding not stable";
                }
                return null;
            }

            /// <summary>Shrinks each violation's input by removing body bytes while the same violation remains.</summary>
            private void Minimize()
            {
                byte[] encoded = new byte[1 << 17];
                foreach (Violation v in Violations.Values)
                {
                    Target t = _targets.First(x => v.Signature.StartsWith(x.Name + " ", StringComparison.Ordinal));
                    bool progress = true;
                    while (progress)
                    {
                        progress = false;
                        int headerLength;
                        int remaining;
                        if (!ParseHeader(v.Minimal, out headerLength, out remaining)) break;
                        byte[] body = v.Minimal.AsSpan(headerLength).ToArray();
                        for (int i = 0; i < body.Length && !progress; i++)
                        {
                            byte[] candidate = Frame(v.Minimal[0], body.Take(i).Concat(body.Skip(i + 1)).ToArray());
                            PacketDecoder d = t.Create();
                            t.Prepare(d);
                            if (d.Decode(candidate, 0, candidate.Length) != DecodeStatus.Ok) continue;
                            string failure = ReEncodeFailure(t, d, encoded, out string detail);
                            if (failure == null || t.Name + " " + d.Type + ": " + failure != v.Signature) continue;
                            v.Minimal = candidate;
                            v.Detail = detail;
                            progress = true;
                        }
                    }
                }
            }

            public void Print()
            {
                Console.WriteLine("Fuzz: " + Inputs + " mutated inputs from a corpus of " + _corpusSize + " valid packets, "
                    + Decodes + " Decode calls over " + _targets.Count + " decoder configurations, in " + Elapsed.TotalSeconds.ToString("F1") + " s");
                Console.WriteLine("  slowest Decode " + MaxDecode.TotalMilliseconds.ToString("F3") + " ms; accepted and re-encoded " + ReEncoded
                    + "; duplicated-property checks " + DuplicateChecks);
                Console.WriteLine("  mutations: " + string.Join(", ", Ops.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.Key + " " + o.Value)));
                foreach (Target t in _targets)
                    Console.WriteLine("  " + t.Name + ": " + string.Join(", ", t.Statuses.OrderByDescending(s => s.Value).Select(s => s.Key + " " + s.Value)));
            }
        }
    }
}

using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using CsCheck;
using NanoMqtt.Protocol;

namespace NanoMqtt.Host.Tests.Protocol
{
    /// <summary>
    /// Random field values that are valid MQTT: strings are well-formed UTF-8 without U+0000
    /// and mix 1- to 4-byte characters; topic names have no wildcards; topic filters use '+' and '#'
    /// correctly. Sizes are mostly small, sometimes large enough to need 2- and 3-byte lengths.
    /// The draws come from CsCheck's PCG and add up to the case's size, so <see cref="Of{T}"/> makes
    /// any builder here a CsCheck generator: a failing packet shrinks to the smallest that still fails.
    /// </summary>
    internal sealed class Gen
    {
        // One entry per character (the last two are surrogate pairs). U+FEFF checks that nobody
        // strips a BOM inside a string [MQTT-1.5.4-3].
        private static readonly string[] Letters =
        {
            "a", "b", "c", "x", "y", "z", "A", "Q", "Z", "0", "1", "9", " ", "-", "_", ".", "~", "$", "\"", "'",
            "é", "ß", "ñ", "Ω", "€", "中", "ツ", "\uFEFF", "𝄞", "😀",
        };

        private static readonly uint[] U32Edges = { 0, 1, 127, 128, 255, 256, 65535, 65536, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF };
        private static readonly int[] VarIntEdges = { 1, 2, 127, 128, 16383, 16384, 2097151, 2097152, 268435454, 268435455 };

        private readonly PCG _pcg;

        /// <summary>Typical string length in characters.</summary>
        public int TextSize = 12;
        /// <summary>Typical binary/payload length in bytes.</summary>
        public int DataSize = 40;
        /// <summary>Percentage of strings and blobs drawn from the large range.</summary>
        public int LargePercent = 4;

        /// <summary>The sum of every value drawn: CsCheck's measure of the case, smaller is simpler.</summary>
        public ulong Drawn { get; private set; }

        public Gen(int seed) : this(new PCG((uint)seed))
        {
        }

        public Gen(PCG pcg)
        {
            _pcg = pcg;
        }

        /// <summary>A CsCheck generator of what <paramref name="build"/> makes from the draws.</summary>
        public static CsCheck.Gen<T> Of<T>(Func<Gen, T> build)
        {
            return new Builder<T>(build);
        }

        private sealed class Builder<T> : CsCheck.Gen<T>
        {
            private readonly Func<Gen, T> _build;

            public Builder(Func<Gen, T> build)
            {
                _build = build;
            }

            public override T Generate(PCG pcg, Size min, out Size size)
            {
                Gen g = new Gen(pcg);
                T value = _build(g);
                size = new Size(g.Drawn);
                return value;
            }
        }

        public bool Bool()
        {
            return Int(2) == 0;
        }

        public bool Chance(int percent)
        {
            return (int)_pcg.Next(100) < percent;
        }

        public int Int(int maxExclusive)
        {
            int v = (int)_pcg.Next((uint)maxExclusive);
            Drawn += (ulong)v;
            return v;
        }

        public int Int(int minInclusive, int maxExclusive)
        {
            return minInclusive + Int(maxExclusive - minInclusive);
        }

        public T Pick<T>(IReadOnlyList<T> items)
        {
            return items[Int(items.Count)];
        }

        /// <summary>Random bytes over <paramref name="span"/>.</summary>
        public void Fill(Span<byte> span)
        {
            for (int i = 0; i < span.Length; i++) span[i] = (byte)_pcg.Next(256);
            Drawn += (ulong)span.Length;
        }

        public ushort U16()
        {
            return Chance(15) ? Pick(new ushort[] { 0, 1, 127, 128, 255, 256, 0x7FFF, 0x8000, 0xFFFF }) : (ushort)Int(65536);
        }

        public ushort U16NonZero()
        {
            ushort v = U16();
            return v == 0 ? (ushort)1 : v;
        }

        public uint U32()
        {
            if (Chance(20)) return Pick(U32Edges);
            uint v = _pcg.Next();
            Drawn += v >> 16;
            return v;
        }

        public uint U32NonZero()
        {
            uint v = U32();
            return v == 0 ? 1u : v;
        }

        /// <summary>A Subscription Identifier value, 1..268,435,455.</summary>
        public int SubscriptionId()
        {
            return Chance(30) ? Pick(VarIntEdges) : Int(1, VariableByteInteger.Max + 1);
        }

        /// <summary>A length: mostly 0..typical, sometimes up to 40 times that.</summary>
        public int Size(int typical)
        {
            if (Chance(LargePercent)) return Int(typical, typical * 40 + 1);
            return Int(typical + 1);
        }

        public byte[] Bytes()
        {
            return Bytes(Size(DataSize));
        }

        public byte[] Bytes(int length)
        {
            byte[] b = new byte[length];
            Fill(b);
            return b;
        }

        /// <summary>Any valid MQTT string (may contain '/', '+', '#').</summary>
        public string Text()
        {
            return Text(Size(TextSize), false);
        }

        /// <summary>A non-empty string.</summary>
        public string NonEmptyText()
        {
            string s = Text();
            return s.Length == 0 ? "n" : s;
        }

        private string Text(int chars, bool topicLevel)
        {
            StringBuilder sb = new StringBuilder(chars * 2);
            for (int i = 0; i < chars; i++)
            {
                if (!topicLevel && Chance(4))
                {
                    sb.Append(Pick(new[] { "/", "+", "#" }));
                    continue;
                }
                sb.Append(Pick(Letters));
            }
            return sb.ToString();
        }

        /// <summary>A topic level without '/', '+' or '#' (possibly empty).</summary>
        public string Level()
        {
            return Text(Chance(LargePercent) ? Int(8, 300) : Int(0, 7), true);
        }

        /// <summary>A non-empty topic name without wildcards; empty levels are allowed.</summary>
        public string TopicName()
        {
            int levels = Int(1, 6);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < levels; i++)
            {
                if (i > 0) sb.Append('/');
                sb.Append(Level());
            }
            return sb.Length == 0 ? "t" : sb.ToString();
        }

        /// <summary>A valid topic filter: '+' occupies a whole level, '#' only the last.</summary>
        public string TopicFilter()
        {
            int levels = Int(1, 6);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < levels; i++)
            {
                if (i > 0) sb.Append('/');
                if (i == levels - 1 && Chance(20)) sb.Append('#');
                else if (Chance(20)) sb.Append('+');
                else sb.Append(Level());
            }
            return sb.Length == 0 ? "+" : sb.ToString();
        }

        /// <summary>A PUBLISH payload: usually small, rarely big enough for a 3-byte remaining length.</summary>
        public byte[] Payload(bool text)
        {
            if (Chance(1)) return text ? Encoding.UTF8.GetBytes(new string('€', Int(6000, 24000))) : Bytes(Int(16384, 70000));
            return text ? Utf8Payload() : Bytes();
        }

        /// <summary>UTF-8 text as payload bytes (for Payload Format Indicator 1).</summary>
        public byte[] Utf8Payload()
        {
            return Encoding.UTF8.GetBytes(Text(Size(DataSize / 2), false));
        }
    }

    /// <summary>Small conversions shared by the tests.</summary>
    internal static class Wire
    {
        /// <summary>A slice of the UTF-8 bytes of <paramref name="s"/> (encoded by .NET, not by the codec under test); null is absent.</summary>
        public static Slice S(string s)
        {
            return s == null ? new Slice() : Slice.Of(Encoding.UTF8.GetBytes(s));
        }

        /// <summary>A copy of the slice's bytes, or null when absent.</summary>
        public static byte[] Bytes(Slice s)
        {
            if (s.IsAbsent) return null;
            byte[] b = new byte[s.Length];
            Array.Copy(s.Array, s.Offset, b, 0, s.Length);
            return b;
        }

        public static string Hex(byte[] b, int offset, int count)
        {
            return Convert.ToHexString(b, offset, count);
        }

        /// <summary>Hex of the whole array, or of its first 1,024 bytes for big packets (the seeds reproduce the rest).</summary>
        public static string Hex(byte[] b)
        {
            if (b == null) return "null";
            if (b.Length <= 1024) return Convert.ToHexString(b);
            return Convert.ToHexString(b, 0, 1024) + "... (" + b.Length + " bytes)";
        }

        public static MqttUserProperty User(string name, string value)
        {
            return new MqttUserProperty(name, new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(value)));
        }
    }

    /// <summary>Random client-to-server packets built as NanoMqtt packet objects (direction A).</summary>
    internal static class NanoClientPackets
    {
        // MQTT 5.0 Table 3-10: the DISCONNECT reason codes a Client may send.
        public static readonly byte[] ClientDisconnectCodes = { 0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99 };
        // MQTT 5.0 3.4.2.1 / 3.5.2.1: PUBACK and PUBREC reason codes.
        public static readonly byte[] PubAckCodes = { 0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99 };
        // MQTT 5.0 3.6.2.1 / 3.7.2.1: PUBREL and PUBCOMP reason codes.
        public static readonly byte[] PubRelCodes = { 0x00, 0x92 };
        // MQTT 5.0 3.15.2.1: AUTH reason codes.
        public static readonly byte[] AuthCodes = { 0x00, 0x18, 0x19 };

        private static readonly string[] Kinds =
        {
            "CONNECT", "PUBLISH", "PUBLISH", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
            "SUBSCRIBE", "SUBSCRIBE", "UNSUBSCRIBE", "PINGREQ", "DISCONNECT", "AUTH",
        };

        /// <summary>A random packet of a random client-to-server type valid in <paramref name="v"/>.</summary>
        public static Packet Next(Gen g, MqttVersion v, out string kind)
        {
            do kind = g.Pick(Kinds);
            while (kind == "AUTH" && v == MqttVersion.V311);
            return Make(g, v, kind);
        }

        public static Packet Make(Gen g, MqttVersion v, string kind)
        {
            switch (kind)
            {
                case "CONNECT": return Connect(g, v);
                case "PUBLISH": return Publish(g, v);
                case "PUBACK": return Ack(g, v, PacketType.PubAck);
                case "PUBREC": return Ack(g, v, PacketType.PubRec);
                case "PUBREL": return Ack(g, v, PacketType.PubRel);
                case "PUBCOMP": return Ack(g, v, PacketType.PubComp);
                case "SUBSCRIBE": return Subscribe(g, v);
                case "UNSUBSCRIBE": return Unsubscribe(g, v);
                case "PINGREQ": return new PingPacket(PacketType.PingReq);
                case "DISCONNECT": return Disconnect(g, v);
                case "AUTH": return Auth(g);
                default: throw new ArgumentException(kind);
            }
        }

        public static ConnectPacket Connect(Gen g, MqttVersion v)
        {
            ConnectPacket p = new ConnectPacket();
            p.KeepAlive = g.U16();
            p.ClientId = Wire.S(g.Chance(10) ? "" : g.Text());
            p.CleanStart = g.Bool();
            // 3.1.1 [MQTT-3.1.3-7]: a zero-byte ClientId needs CleanSession 1. 5.0 dropped that rule.
            if (v == MqttVersion.V311 && p.ClientId.Length == 0) p.CleanStart = true;
            if (g.Chance(60)) p.UserName = Wire.S(g.Text());
            // 3.1.1 [MQTT-3.1.2-22]: no password without a user name. 5.0 allows it (3.1.2.9).
            if (g.Chance(50) && (v == MqttVersion.V500 || !p.UserName.IsAbsent)) p.Password = Slice.Of(g.Bytes());
            if (g.Chance(50))
            {
                p.HasWill = true;
                p.WillQoS = (byte)g.Int(3);
                p.WillRetain = g.Bool();
                p.WillTopic = Wire.S(g.TopicName());
                if (v == MqttVersion.V500)
                {
                    Fill(g, p.WillProperties, PropertyId.WillDelayInterval, PropertyId.PayloadFormatIndicator, PropertyId.MessageExpiryInterval,
                        PropertyId.ContentType, PropertyId.ResponseTopic, PropertyId.CorrelationData, PropertyId.UserProperty);
                }
                bool text = p.WillProperties.Has(PropertyId.PayloadFormatIndicator) && p.WillProperties.PayloadFormatIndicator == 1;
                p.WillPayload = Slice.Of(text ? g.Utf8Payload() : g.Bytes());
            }
            if (v == MqttVersion.V500)
            {
                Fill(g, p.Properties, PropertyId.SessionExpiryInterval, PropertyId.ReceiveMaximum, PropertyId.MaximumPacketSize,
                    PropertyId.TopicAliasMaximum, PropertyId.RequestResponseInformation, PropertyId.RequestProblemInformation,
                    PropertyId.AuthenticationMethod, PropertyId.UserProperty);
            }
            return p;
        }

        public static PublishPacket Publish(Gen g, MqttVersion v)
        {
            PublishPacket p = new PublishPacket();
            p.QoS = (byte)g.Int(3);
            p.Dup = p.QoS > 0 && g.Bool();
            p.Retain = g.Bool();
            p.PacketId = p.QoS > 0 ? g.U16NonZero() : (ushort)0;
            if (v == MqttVersion.V500)
            {
                // No Subscription Identifier: a Client must not send one in PUBLISH [MQTT-3.3.4-6].
                Fill(g, p.Properties, PropertyId.PayloadFormatIndicator, PropertyId.MessageExpiryInterval, PropertyId.ContentType,
                    PropertyId.ResponseTopic, PropertyId.CorrelationData, PropertyId.TopicAlias, PropertyId.UserProperty);
            }
            bool aliased = p.Properties.Has(PropertyId.TopicAlias);
            p.Topic = Wire.S(aliased && g.Chance(40) ? "" : g.TopicName());
            bool text = p.Properties.Has(PropertyId.PayloadFormatIndicator) && p.Properties.PayloadFormatIndicator == 1;
            p.Payload = Slice.Of(g.Payload(text));
            return p;
        }

        public static AckPacket Ack(Gen g, MqttVersion v, PacketType type)
        {
            AckPacket p = new AckPacket(type);
            p.PacketId = g.U16NonZero();
            if (v == MqttVersion.V500)
            {
                byte[] codes = type == PacketType.PubAck || type == PacketType.PubRec ? PubAckCodes : PubRelCodes;
                p.ReasonCode = g.Chance(40) ? (byte)0 : g.Pick(codes);
                Fill(g, p.Properties, PropertyId.ReasonString, PropertyId.UserProperty);
            }
            return p;
        }

        public static SubscribePacket Subscribe(Gen g, MqttVersion v)
        {
            int n = g.Chance(5) ? g.Int(6, 20) : g.Int(1, 6);
            SubscribePacket p = new SubscribePacket(n);
            p.PacketId = g.U16NonZero();
            for (int i = 0; i < n; i++)
            {
                int options = g.Int(3);
                if (v == MqttVersion.V500)
                {
                    if (g.Bool()) options |= SubscribePacket.NoLocal;
                    if (g.Bool()) options |= SubscribePacket.RetainAsPublished;
                    options |= g.Int(3) << 4;
                }
                p.Add(Wire.S(g.TopicFilter()), (byte)options);
            }
            if (v == MqttVersion.V500) Fill(g, p.Properties, PropertyId.SubscriptionIdentifier, PropertyId.UserProperty);
            return p;
        }

        public static UnsubscribePacket Unsubscribe(Gen g, MqttVersion v)
        {
            int n = g.Chance(5) ? g.Int(6, 20) : g.Int(1, 6);
            UnsubscribePacket p = new UnsubscribePacket(n);
            p.PacketId = g.U16NonZero();
            for (int i = 0; i < n; i++) p.Add(Wire.S(g.TopicFilter()));
            if (v == MqttVersion.V500) Fill(g, p.Properties, PropertyId.UserProperty);
            return p;
        }

        public static ReasonPacket Disconnect(Gen g, MqttVersion v)
        {
            ReasonPacket p = new ReasonPacket(PacketType.Disconnect);
            if (v == MqttVersion.V500)
            {
                p.ReasonCode = g.Chance(40) ? (byte)0 : g.Pick(ClientDisconnectCodes);
                // Server Reference is for the Server's DISCONNECT only (3.14.2.2.5).
                Fill(g, p.Properties, PropertyId.SessionExpiryInterval, PropertyId.ReasonString, PropertyId.UserProperty);
            }
            return p;
        }

        public static ReasonPacket Auth(Gen g)
        {
            ReasonPacket p = new ReasonPacket(PacketType.Auth);
            p.ReasonCode = g.Pick(AuthCodes);
            // Authentication Method is required unless the packet is the empty success form.
            if (p.ReasonCode != 0 || g.Bool())
            {
                p.Properties.AuthenticationMethod = Wire.S(g.NonEmptyText());
                if (g.Bool()) p.Properties.AuthenticationData = Slice.Of(g.Bytes());
                Fill(g, p.Properties, PropertyId.ReasonString, PropertyId.UserProperty);
            }
            return p;
        }

        /// <summary>Sets each listed property with probability 1/2 to a valid random value.</summary>
        public static void Fill(Gen g, Properties props, params int[] ids)
        {
            foreach (int id in ids)
            {
                if (g.Bool()) continue;
                switch (id)
                {
                    case PropertyId.PayloadFormatIndicator: props.PayloadFormatIndicator = (byte)g.Int(2); break;
                    case PropertyId.MessageExpiryInterval: props.MessageExpiryInterval = g.U32(); break;
                    case PropertyId.ContentType: props.ContentType = Wire.S(g.Text()); break;
                    case PropertyId.ResponseTopic: props.ResponseTopic = Wire.S(g.TopicName()); break;
                    case PropertyId.CorrelationData: props.CorrelationData = Slice.Of(g.Bytes()); break;
                    case PropertyId.SubscriptionIdentifier: props.AddSubscriptionIdentifier(g.SubscriptionId()); break;
                    case PropertyId.SessionExpiryInterval: props.SessionExpiryInterval = g.U32(); break;
                    case PropertyId.WillDelayInterval: props.WillDelayInterval = g.U32(); break;
                    case PropertyId.RequestProblemInformation: props.RequestProblemInformation = (byte)g.Int(2); break;
                    case PropertyId.RequestResponseInformation: props.RequestResponseInformation = (byte)g.Int(2); break;
                    case PropertyId.ReasonString: props.ReasonString = Wire.S(g.Text()); break;
                    case PropertyId.ReceiveMaximum: props.ReceiveMaximum = g.U16NonZero(); break;
                    case PropertyId.TopicAliasMaximum: props.TopicAliasMaximum = g.U16(); break;
                    case PropertyId.TopicAlias: props.TopicAlias = g.U16NonZero(); break;
                    case PropertyId.MaximumPacketSize: props.MaximumPacketSize = g.U32NonZero(); break;
                    case PropertyId.AuthenticationMethod:
                        props.AuthenticationMethod = Wire.S(g.NonEmptyText());
                        // Authentication Data only comes with an Authentication Method (3.1.2.11.10).
                        if (g.Bool()) props.AuthenticationData = Slice.Of(g.Bytes());
                        break;
                    case PropertyId.UserProperty:
                        int n = g.Chance(10) ? Properties.DefaultUserPropertyCapacity : g.Int(1, 5);
                        for (int i = 0; i < n; i++) props.AddUserProperty(Wire.S(g.Text()), Wire.S(g.Text()));
                        break;
                    default: throw new ArgumentException("no generator for property " + id);
                }
            }
        }
    }

    /// <summary>Random server-to-client packets built as MQTTnet packet objects (direction B).</summary>
    internal static class NetServerPackets
    {
        private static readonly string[] Kinds =
        {
            "CONNACK", "PUBLISH", "PUBLISH", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
            "SUBACK", "SUBACK", "UNSUBACK", "PINGRESP", "DISCONNECT", "AUTH",
        };

        /// <summary>More user properties than a decoder keeps, to check the overflow count.</summary>
        public const int MaxUserProperties = Properties.DefaultUserPropertyCapacity + 3;
        /// <summary>More subscription identifiers than a decoder keeps.</summary>
        public const int MaxSubscriptionIds = Properties.DefaultSubscriptionIdentifierCapacity + 2;

        private static readonly MqttConnectReasonCode[] ConnectCodes = Enum.GetValues<MqttConnectReasonCode>();
        private static readonly MqttConnectReturnCode[] ReturnCodes = Enum.GetValues<MqttConnectReturnCode>();
        private static readonly MqttPubAckReasonCode[] PubAckCodes = Enum.GetValues<MqttPubAckReasonCode>();
        private static readonly MqttPubRecReasonCode[] PubRecCodes = Enum.GetValues<MqttPubRecReasonCode>();
        private static readonly MqttPubRelReasonCode[] PubRelCodes = Enum.GetValues<MqttPubRelReasonCode>();
        private static readonly MqttPubCompReasonCode[] PubCompCodes = Enum.GetValues<MqttPubCompReasonCode>();
        private static readonly MqttSubscribeReasonCode[] SubAckCodes = Enum.GetValues<MqttSubscribeReasonCode>();
        // 3.1.1 SUBACK return codes (3.9.3): 0x00, 0x01, 0x02 and 0x80 only.
        private static readonly MqttSubscribeReasonCode[] SubAckCodesV311 =
        {
            MqttSubscribeReasonCode.GrantedQoS0, MqttSubscribeReasonCode.GrantedQoS1, MqttSubscribeReasonCode.GrantedQoS2, MqttSubscribeReasonCode.UnspecifiedError,
        };
        private static readonly MqttUnsubscribeReasonCode[] UnsubAckCodes = Enum.GetValues<MqttUnsubscribeReasonCode>();
        private static readonly MqttAuthenticateReasonCode[] AuthCodes = Enum.GetValues<MqttAuthenticateReasonCode>();
        // MQTT 5.0 Table 3-10 minus 0x04 (Disconnect with Will Message), which only a Client sends.
        private static readonly MqttDisconnectReasonCode[] ServerDisconnectCodes =
            Array.FindAll(Enum.GetValues<MqttDisconnectReasonCode>(), c => c != MqttDisconnectReasonCode.DisconnectWithWillMessage);

        /// <summary>A random packet of a random server-to-client type valid in <paramref name="v"/>.</summary>
        public static MqttPacket Next(Gen g, MqttVersion v, out string kind)
        {
            // DISCONNECT from the Server and AUTH exist only in 5.0 (3.1.1 3.14: DISCONNECT is Client to Server).
            do kind = g.Pick(Kinds);
            while (v == MqttVersion.V311 && (kind == "AUTH" || kind == "DISCONNECT"));
            return Make(g, v, kind);
        }

        public static MqttPacket Make(Gen g, MqttVersion v, string kind)
        {
            switch (kind)
            {
                case "CONNACK": return ConnAck(g, v);
                case "PUBLISH": return Publish(g, v);
                case "PUBACK":
                    MqttPubAckPacket puback = new MqttPubAckPacket { PacketIdentifier = g.U16NonZero() };
                    if (v == MqttVersion.V500)
                    {
                        puback.ReasonCode = g.Chance(40) ? MqttPubAckReasonCode.Success : g.Pick(PubAckCodes);
                        puback.ReasonString = ReasonString(g);
                        puback.UserProperties = Users(g);
                    }
                    return puback;
                case "PUBREC":
                    MqttPubRecPacket pubrec = new MqttPubRecPacket { PacketIdentifier = g.U16NonZero() };
                    if (v == MqttVersion.V500)
                    {
                        pubrec.ReasonCode = g.Chance(40) ? MqttPubRecReasonCode.Success : g.Pick(PubRecCodes);
                        pubrec.ReasonString = ReasonString(g);
                        pubrec.UserProperties = Users(g);
                    }
                    return pubrec;
                case "PUBREL":
                    MqttPubRelPacket pubrel = new MqttPubRelPacket { PacketIdentifier = g.U16NonZero() };
                    if (v == MqttVersion.V500)
                    {
                        pubrel.ReasonCode = g.Pick(PubRelCodes);
                        pubrel.ReasonString = ReasonString(g);
                        pubrel.UserProperties = Users(g);
                    }
                    return pubrel;
                case "PUBCOMP":
                    MqttPubCompPacket pubcomp = new MqttPubCompPacket { PacketIdentifier = g.U16NonZero() };
                    if (v == MqttVersion.V500)
                    {
                        pubcomp.ReasonCode = g.Pick(PubCompCodes);
                        pubcomp.ReasonString = ReasonString(g);
                        pubcomp.UserProperties = Users(g);
                    }
                    return pubcomp;
                case "SUBACK":
                    MqttSubAckPacket suback = new MqttSubAckPacket { PacketIdentifier = g.U16NonZero(), ReasonCodes = new List<MqttSubscribeReasonCode>() };
                    int subCount = g.Chance(5) ? g.Int(6, 40) : g.Int(1, 6);
                    for (int i = 0; i < subCount; i++) suback.ReasonCodes.Add(g.Pick(v == MqttVersion.V500 ? SubAckCodes : SubAckCodesV311));
                    if (v == MqttVersion.V500)
                    {
                        suback.ReasonString = ReasonString(g);
                        suback.UserProperties = Users(g);
                    }
                    return suback;
                case "UNSUBACK":
                    MqttUnsubAckPacket unsuback = new MqttUnsubAckPacket { PacketIdentifier = g.U16NonZero(), ReasonCodes = new List<MqttUnsubscribeReasonCode>() };
                    if (v == MqttVersion.V500)
                    {
                        int unsubCount = g.Chance(5) ? g.Int(6, 40) : g.Int(1, 6);
                        for (int i = 0; i < unsubCount; i++) unsuback.ReasonCodes.Add(g.Pick(UnsubAckCodes));
                        unsuback.ReasonString = ReasonString(g);
                        unsuback.UserProperties = Users(g);
                    }
                    return unsuback;
                case "PINGRESP": return new MqttPingRespPacket();
                case "DISCONNECT":
                    // A Server must not send a Session Expiry Interval in DISCONNECT [MQTT-3.14.2-2].
                    return new MqttDisconnectPacket
                    {
                        ReasonCode = g.Chance(30) ? MqttDisconnectReasonCode.NormalDisconnection : g.Pick(ServerDisconnectCodes),
                        ReasonString = ReasonString(g),
                        ServerReference = g.Chance(30) ? g.Text() : null,
                        UserProperties = Users(g),
                    };
                case "AUTH":
                    MqttAuthPacket auth = new MqttAuthPacket { ReasonCode = g.Pick(AuthCodes) };
                    if (auth.ReasonCode != MqttAuthenticateReasonCode.Success || g.Bool())
                    {
                        auth.AuthenticationMethod = g.NonEmptyText();
                        auth.AuthenticationData = g.Bool() ? g.Bytes() : null;
                        auth.ReasonString = ReasonString(g);
                        auth.UserProperties = Users(g);
                    }
                    return auth;
                default: throw new ArgumentException(kind);
            }
        }

        public static MqttConnAckPacket ConnAck(Gen g, MqttVersion v)
        {
            MqttConnAckPacket p = new MqttConnAckPacket();
            if (v == MqttVersion.V311)
            {
                p.ReturnCode = g.Chance(50) ? MqttConnectReturnCode.ConnectionAccepted : g.Pick(ReturnCodes);
                // 3.1.1 [MQTT-3.2.2-4]: Session Present is 0 with a non-zero return code.
                p.IsSessionPresent = p.ReturnCode == MqttConnectReturnCode.ConnectionAccepted && g.Bool();
                return p;
            }
            p.ReasonCode = g.Chance(50) ? MqttConnectReasonCode.Success : g.Pick(ConnectCodes);
            // 5.0 [MQTT-3.2.2-6]: Session Present is 0 with a non-zero reason code.
            p.IsSessionPresent = p.ReasonCode == MqttConnectReasonCode.Success && g.Bool();
            p.SessionExpiryInterval = g.Bool() ? 0 : g.U32();
            p.ReceiveMaximum = g.Bool() ? (ushort)0 : g.U16NonZero();
            p.MaximumQoS = (MqttQualityOfServiceLevel)g.Int(3);
            p.RetainAvailable = g.Bool();
            p.MaximumPacketSize = g.Bool() ? 0 : g.U32NonZero();
            p.AssignedClientIdentifier = OptionalText(g);
            p.TopicAliasMaximum = g.Bool() ? (ushort)0 : g.U16();
            p.ReasonString = ReasonString(g);
            p.WildcardSubscriptionAvailable = g.Bool();
            p.SubscriptionIdentifiersAvailable = g.Bool();
            p.SharedSubscriptionAvailable = g.Bool();
            p.ServerKeepAlive = g.Bool() ? (ushort)0 : g.U16();
            p.ResponseInformation = g.Chance(20) ? OptionalText(g) : null;
            p.ServerReference = g.Chance(20) ? OptionalText(g) : null;
            if (g.Chance(20))
            {
                p.AuthenticationMethod = g.NonEmptyText();
                p.AuthenticationData = g.Bool() ? g.Bytes() : null;
            }
            p.UserProperties = Users(g);
            return p;
        }

        public static MqttPublishPacket Publish(Gen g, MqttVersion v)
        {
            MqttPublishPacket p = new MqttPublishPacket();
            p.QualityOfServiceLevel = (MqttQualityOfServiceLevel)g.Int(3);
            p.Dup = p.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce && g.Bool();
            p.Retain = g.Bool();
            p.PacketIdentifier = p.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce ? g.U16NonZero() : (ushort)0;
            p.Topic = g.TopicName();
            bool text = false;
            if (v == MqttVersion.V500)
            {
                p.PayloadFormatIndicator = (MqttPayloadFormatIndicator)g.Int(2);
                text = p.PayloadFormatIndicator == MqttPayloadFormatIndicator.CharacterData;
                p.MessageExpiryInterval = g.Bool() ? 0 : g.U32();
                p.ContentType = g.Bool() ? OptionalText(g) : null;
                p.ResponseTopic = g.Chance(30) ? g.TopicName() : null;
                p.CorrelationData = g.Chance(30) ? g.Bytes() : null;
                p.TopicAlias = g.Chance(30) ? g.U16NonZero() : (ushort)0;
                if (p.TopicAlias != 0 && g.Chance(40)) p.Topic = "";
                if (g.Chance(40))
                {
                    int n = g.Int(1, MaxSubscriptionIds + 1);
                    p.SubscriptionIdentifiers = new List<uint>();
                    for (int i = 0; i < n; i++) p.SubscriptionIdentifiers.Add((uint)g.SubscriptionId());
                }
                p.UserProperties = Users(g);
            }
            byte[] payload = g.Payload(text);
            p.Payload = new ReadOnlySequence<byte>(payload);
            return p;
        }

        /// <summary>null, empty or text (MQTTnet sends neither null nor empty, see the comparisons).</summary>
        public static string OptionalText(Gen g)
        {
            int k = g.Int(4);
            return k == 0 ? null : k == 1 ? "" : g.Text();
        }

        private static string ReasonString(Gen g)
        {
            return g.Chance(60) ? null : OptionalText(g);
        }

        private static List<MqttUserProperty> Users(Gen g)
        {
            if (g.Chance(60)) return null;
            int n = g.Chance(15) ? g.Int(Properties.DefaultUserPropertyCapacity - 1, MaxUserProperties + 1) : g.Int(1, 4);
            List<MqttUserProperty> list = new List<MqttUserProperty>();
            for (int i = 0; i < n; i++) list.Add(Wire.User(g.Text(), g.Text()));
            return list;
        }
    }
}

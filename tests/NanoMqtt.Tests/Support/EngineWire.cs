using System.Collections;
using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;

namespace NanoMqtt.Tests.Support
{
    /// <summary>
    /// The engine on a link the test drives by hand: the test plays the broker one packet at a
    /// time (any CONNACK it likes), and every packet the engine sends is decoded and described in
    /// one line: "CONNECT", "CONNECT clean", "PUBLISH m1 2 q1", "PUBLISH m1 2 q1 dup", "PUBREL 3",
    /// "PUBCOMP 9 rc=0x92", "SUBSCRIBE 1", "DISCONNECT expiry=0". Drain joins them with ", ".
    /// </summary>
    public class EngineWire : EngineHarness
    {
        public const string OutTopic = "dev/state";
        public const string InTopic = "dev/cmd/led";

        public readonly MqttVersion Version;

        /// <summary>What the last CONNECT asked for.</summary>
        public bool LastConnectClean;
        public bool LastConnectHasExpiry;
        public uint LastConnectExpiry;
        /// <summary>5.0 Receive Maximum of the last CONNECT (0 when absent).</summary>
        public int LastConnectReceiveMaximum;
        /// <summary>Session Expiry of the last DISCONNECT, or -1 when it carried none.</summary>
        public long LastDisconnectExpiry = -1;
        /// <summary>Packet id of the last SUBSCRIBE sent.</summary>
        public ushort LastSubscribeId;
        /// <summary>Packet ids of the PUBLISH packets sent, in order.</summary>
        public readonly ArrayList PublishIds = new ArrayList();

        private readonly byte[] _out = new byte[4096];
        private readonly byte[] _in = new byte[4096];
        private readonly PacketDecoder _server = PacketDecoder.ForServer(0, 16);

        public EngineWire(SessionConfig config)
            : base(config)
        {
            Version = config.Version;
            _server.Version = config.Version;
        }

        /// <summary>The harness's device configuration (one subscription, "dev/cmd/#" at QoS 2).</summary>
        public static EngineWire Create(int version)
        {
            return new EngineWire(DefaultConfig((MqttVersion)version));
        }

        /// <summary>The last packet from the device, as the broker decoded it (valid until the next).</summary>
        public PacketDecoder Decoded
        {
            get { return _server; }
        }

        /// <summary>BeginConnect; returns the description of the CONNECT.</summary>
        public string Connect()
        {
            int n = Engine.BeginConnect(_out, 0);
            Assert.IsTrue(n > 0, "CONNECT encoded");
            return Describe(n);
        }

        public SessionStatus ConnAck(bool sessionPresent)
        {
            return ConnAck(sessionPresent, 0, 0, 0);
        }

        /// <summary>Feeds a CONNACK; 5.0 properties Receive Maximum and Maximum Packet Size when non-zero.</summary>
        public SessionStatus ConnAck(bool sessionPresent, byte reason, int receiveMaximum, int maximumPacketSize)
        {
            ConnAckPacket a = new ConnAckPacket();
            a.SessionPresent = sessionPresent;
            a.ReasonCode = reason;
            if (Version == MqttVersion.V500)
            {
                if (receiveMaximum > 0) a.Properties.ReceiveMaximum = (ushort)receiveMaximum;
                if (maximumPacketSize > 0) a.Properties.MaximumPacketSize = (uint)maximumPacketSize;
            }
            return Feed(a);
        }

        /// <summary>Connects, accepts with <paramref name="sessionPresent"/> and returns what the engine sends then.</summary>
        public string Online(bool sessionPresent)
        {
            Connect();
            return Accept(sessionPresent);
        }

        /// <summary>After <see cref="Connect"/>: accepts with <paramref name="sessionPresent"/> and returns what the engine sends then.</summary>
        public string Accept(bool sessionPresent)
        {
            Assert.AreEqual((int)SessionStatus.Ok, (int)ConnAck(sessionPresent), "CONNACK accepted");
            return Drain();
        }

        /// <summary>First connection of a fresh device: CONNACK 0, SUBSCRIBE answered; the SUBSCRIBE took packet id 1.</summary>
        public void FirstOnline()
        {
            Assert.AreEqual("SUBSCRIBE 1", Online(false));
            Assert.AreEqual((int)SessionStatus.Ok, (int)SubAck(1, 2));
        }

        /// <summary>The link is gone (no DISCONNECT).</summary>
        public void Lose()
        {
            Engine.ConnectionLost();
        }

        public SessionStatus Feed(Packet packet)
        {
            int length;
            EncodeStatus es = PacketEncoder.Encode(packet, Version, _in, 0, 0, out length);
            Assert.AreEqual((int)EncodeStatus.Ok, (int)es, "test packet encodes");
            int used;
            SessionStatus st = Engine.Receive(_in, 0, length, out used);
            TakeEvents();
            return st;
        }

        public SessionStatus Ack(PacketType type, int packetId)
        {
            return Ack(type, packetId, 0);
        }

        public SessionStatus Ack(PacketType type, int packetId, byte reason)
        {
            AckPacket a = new AckPacket(type);
            a.PacketId = (ushort)packetId;
            a.ReasonCode = reason;
            return Feed(a);
        }

        public SessionStatus SubAck(int packetId, byte code)
        {
            SubAckPacket a = new SubAckPacket(PacketType.SubAck);
            a.PacketId = (ushort)packetId;
            byte[] codes = new byte[Config.Subscriptions.Length];
            for (int i = 0; i < codes.Length; i++) codes[i] = code;
            a.ReasonCodes = Slice.Of(codes);
            return Feed(a);
        }

        /// <summary>The broker answers an UNSUBSCRIBE.</summary>
        public SessionStatus UnsubAck(int packetId)
        {
            SubAckPacket a = new SubAckPacket(PacketType.UnsubAck);
            a.PacketId = (ushort)packetId;
            a.ReasonCodes = Slice.Of(Version == MqttVersion.V500 ? new byte[] { 0 } : new byte[0]);
            return Feed(a);
        }

        /// <summary>The broker acknowledges a SUBSCRIBE of <paramref name="filters"/> filters with <paramref name="code"/> each.</summary>
        public SessionStatus SubAck(int packetId, byte code, int filters)
        {
            SubAckPacket a = new SubAckPacket(PacketType.SubAck);
            a.PacketId = (ushort)packetId;
            byte[] codes = new byte[filters];
            for (int i = 0; i < codes.Length; i++) codes[i] = code;
            a.ReasonCodes = Slice.Of(codes);
            return Feed(a);
        }

        /// <summary>
        /// Sends the packets' bytes (however large) in reads of <paramref name="chunk"/> bytes, the
        /// way the link driver does: what Receive leaves is kept for the next read, in a buffer of
        /// twice the maximum packet size. Returns the first status that is not Ok or NeedMoreData
        /// (or the last one).
        /// </summary>
        public SessionStatus Stream(byte[] bytes, int length, int chunk)
        {
            string sent;
            return Stream(bytes, length, chunk, false, out sent);
        }

        /// <summary>As <see cref="Stream(byte[], int, int)"/> in reads as large as the buffer takes, sending
        /// what the engine has to send after each read, as the link driver does (a flood is larger than the
        /// acknowledgement queue); returns the packets sent, described as <see cref="Drain"/> does.</summary>
        public string StreamSending(byte[] bytes, int length)
        {
            string sent;
            SessionStatus st = Stream(bytes, length, length, true, out sent);
            Assert.IsTrue(st == SessionStatus.Ok || st == SessionStatus.NeedMoreData, "status " + (int)st);
            return sent;
        }

        private SessionStatus Stream(byte[] bytes, int length, int chunk, bool send, out string said)
        {
            said = "";
            byte[] rx = new byte[Config.MaxPacketSize * 2];
            int held = 0;
            int sent = 0;
            SessionStatus st = SessionStatus.Ok;
            while (sent < length || held > 0)
            {
                int n = length - sent;
                if (n > chunk) n = chunk;
                if (n > rx.Length - held) n = rx.Length - held;
                System.Array.Copy(bytes, sent, rx, held, n);
                sent += n;
                held += n;
                int used;
                st = Engine.Receive(rx, 0, held, out used);
                TakeEvents();
                System.Array.Copy(rx, used, rx, 0, held - used);
                held -= used;
                if (st != SessionStatus.Ok && st != SessionStatus.NeedMoreData) return st;
                string d = send ? Drain() : "";
                if (d.Length > 0) said += (said.Length > 0 ? ", " : "") + d;
                if (n == 0 && used == 0 && d.Length == 0) return st;
            }
            return st;
        }

        /// <summary>A PUBLISH on <paramref name="topic"/> encoded with no size limit, appended to <paramref name="into"/> at <paramref name="at"/>; returns the new end.</summary>
        public int Encode(string topic, string payload, byte qos, int packetId, byte[] into, int at)
        {
            PublishPacket p = new PublishPacket();
            p.Topic = Slice.FromString(topic);
            p.Payload = Slice.FromString(payload);
            p.QoS = qos;
            p.PacketId = (ushort)packetId;
            int length;
            Assert.AreEqual((int)EncodeStatus.Ok, (int)PacketEncoder.Encode(p, Version, into, at, 0, out length), "test packet encodes");
            return at + length;
        }

        /// <summary>The broker delivers a message on the command topic.</summary>
        public SessionStatus Deliver(string payload, byte qos, int packetId, bool dup)
        {
            return Deliver(InTopic, payload, qos, packetId, dup);
        }

        public SessionStatus Deliver(string topic, string payload, byte qos, int packetId, bool dup)
        {
            PublishPacket p = new PublishPacket();
            p.Topic = Slice.FromString(topic);
            p.Payload = Slice.FromString(payload);
            p.QoS = qos;
            p.PacketId = (ushort)packetId;
            p.Dup = dup;
            return Feed(p);
        }

        /// <summary>The broker releases incoming QoS 2 message <paramref name="packetId"/>; what the engine sends then is drained.</summary>
        public SessionStatus Release(int packetId)
        {
            SessionStatus st = Ack(PacketType.PubRel, packetId);
            Drain();
            return st;
        }

        public PublishResult Publish(string payload, byte qos)
        {
            return Publish(OutTopic, payload, qos);
        }

        public PublishResult Publish(string topic, string payload, byte qos)
        {
            PublishResult r = Engine.Publish(Slice.FromString(topic), Slice.FromString(payload), qos, false);
            TakeEvents();
            return r;
        }

        /// <summary>Ends the session on purpose; events taken.</summary>
        public void EndSession()
        {
            Engine.EndSession();
            TakeEvents();
        }

        /// <summary>The next packet the engine sends, described, or null.</summary>
        public string Next()
        {
            int n = Engine.NextOutput(_out, 0);
            TakeEvents();
            return n == 0 ? null : Describe(n);
        }

        /// <summary>Everything the engine sends now, described and joined with ", " ("" for nothing).</summary>
        public string Drain()
        {
            string all = "";
            for (int i = 0; i < 1000; i++)
            {
                string s = Next();
                if (s == null) return all;
                all = all.Length == 0 ? s : all + ", " + s;
            }
            throw new System.Exception("the engine never stops sending: " + all);
        }

        /// <summary>Records of <paramref name="type"/> committed in the journal's chain on flash (its base and the parts after it).</summary>
        public int CountRecords(int type)
        {
            Journal journal = Engine.Journal;
            int n = 0;
            for (int i = 0; i < journal.ChainParts; i++)
            {
                byte[] file = Flash.Snapshot(Config.JournalName, (journal.BasePart + i) % journal.Parts);
                int p = 0;
                while (p + Journal.RecordOverhead <= file.Length)
                {
                    int length = (file[p + 1] << 8) | file[p + 2];
                    if (file[p] == type) n++;
                    p += Journal.RecordOverhead + length;
                }
            }
            return n;
        }

        private string Describe(int n)
        {
            DecodeStatus st = _server.Decode(_out, 0, n);
            if (st != DecodeStatus.Ok) return "MALFORMED " + (int)st;
            Assert.AreEqual(n, _server.Consumed, "one whole packet per NextOutput");
            switch (_server.Type)
            {
                case PacketType.Connect:
                    {
                        ConnectPacket c = _server.Connect;
                        LastConnectClean = c.CleanStart;
                        LastConnectHasExpiry = c.Properties.Has(PropertyId.SessionExpiryInterval);
                        LastConnectExpiry = c.Properties.SessionExpiryInterval;
                        LastConnectReceiveMaximum = c.Properties.Has(PropertyId.ReceiveMaximum) ? c.Properties.ReceiveMaximum : 0;
                        return c.CleanStart ? "CONNECT clean" : "CONNECT";
                    }
                case PacketType.Publish:
                    {
                        PublishPacket p = _server.Publish;
                        PublishIds.Add((int)p.PacketId);
                        return "PUBLISH " + p.Payload.ToString() + " " + p.PacketId + " q" + p.QoS + (p.Dup ? " dup" : "");
                    }
                case PacketType.PubAck:
                    return AckText("PUBACK");
                case PacketType.PubRec:
                    return AckText("PUBREC");
                case PacketType.PubRel:
                    return AckText("PUBREL");
                case PacketType.PubComp:
                    return AckText("PUBCOMP");
                case PacketType.Subscribe:
                    LastSubscribeId = _server.Subscribe.PacketId;
                    return "SUBSCRIBE " + _server.Subscribe.PacketId + (_server.Subscribe.Count > 1 ? " x" + _server.Subscribe.Count : "");
                case PacketType.Unsubscribe:
                    LastSubscribeId = _server.Unsubscribe.PacketId;
                    return "UNSUBSCRIBE " + _server.Unsubscribe.PacketId + " " + _server.Unsubscribe.GetFilter(0).ToString();
                case PacketType.Disconnect:
                    {
                        Properties props = _server.Reason.Properties;
                        LastDisconnectExpiry = props.Has(PropertyId.SessionExpiryInterval) ? props.SessionExpiryInterval : -1;
                        string reason = _server.Reason.ReasonCode != 0 ? " rc=0x" + Hex.Format(new byte[] { _server.Reason.ReasonCode }, 0, 1) : "";
                        return (LastDisconnectExpiry >= 0 ? "DISCONNECT expiry=" + LastDisconnectExpiry : "DISCONNECT") + reason;
                    }
                default:
                    return "TYPE " + (int)_server.Type;
            }
        }

        private string AckText(string name)
        {
            AckPacket a = _server.Ack;
            string s = name + " " + a.PacketId;
            if (a.ReasonCode != 0) s += " rc=0x" + Hex.Format(new byte[] { a.ReasonCode }, 0, 1);
            return s;
        }
    }
}

using System.Collections;
using NanoMqtt.Protocol;

namespace NanoMqtt.Tests.Support
{
    /// <summary>
    /// One client's view of an MQTT 5.0 / 3.1.1 broker, as real brokers behave: the session
    /// (subscription, messages queued for the client, QoS 2 ids held) survives the link unless the
    /// client asks for a clean start or the broker loses it. It records every protocol rule the
    /// client breaks in <see cref="Violation"/>.
    /// </summary>
    public class BrokerModel
    {
        private class Message
        {
            public string Payload;
            public string Topic;
            public byte QoS;
            public ushort PacketId;
            public int State; // 0 queued, 1 awaiting PUBACK/PUBREC, 2 awaiting PUBCOMP
        }

        private readonly PacketDecoder _decoder = PacketDecoder.ForServer(0, 16);
        private readonly ArrayList _output = new ArrayList();
        private readonly ArrayList _toClient = new ArrayList();
        private readonly ArrayList _heldIds = new ArrayList();
        private readonly ArrayList _outputPackets = new ArrayList();
        private readonly byte[] _buffer = new byte[8192];
        private MqttVersion _version = MqttVersion.V500;
        private bool _connected;
        private bool _hasSession;
        private bool _subscribed;
        private bool _discardAtClose;
        private int _clientReceiveMaximum = 65535;

        /// <summary>Receive Maximum announced in 5.0 CONNACKs (0: not announced).</summary>
        public int ReceiveMaximum;
        /// <summary>The next CONNECT finds no session (a broker restart without persistence).</summary>
        public bool LoseSessionOnNextConnect;
        /// <summary>Answer the next CONNECT with this refusal code (0: accept).</summary>
        public byte RefuseNextConnect;
        /// <summary>5.0: the Session Expiry the broker grants instead of the client's (-1: the client's).</summary>
        public long SessionExpiryOverride = -1;
        /// <summary>Server Keep Alive announced in 5.0 CONNACKs (0: not announced).</summary>
        public ushort ServerKeepAlive;
        /// <summary>Highest QoS a SUBACK grants (RabbitMQ grants 1 for 2); 2 grants what was asked.</summary>
        public byte MaximumGrantedQoS = 2;
        /// <summary>Retained messages by topic (payloads), kept whatever happens to sessions.</summary>
        public readonly ArrayList RetainedTopics = new ArrayList();
        public readonly ArrayList RetainedPayloads = new ArrayList();
        /// <summary>Take PUBREL without answering PUBCOMP (to leave the client waiting across a link loss).</summary>
        public bool SilentPubRel;
        /// <summary>Take the client's PUBREC without answering PUBREL (it goes at the next connection).</summary>
        public bool HoldPubRel;
        /// <summary>Send past the client's Receive Maximum, as Mosquitto 2.0 does with QoS 2.</summary>
        public bool IgnoreReceiveMaximum;
        /// <summary>Ids to the client are taken this far apart (2: no two held at once are consecutive).</summary>
        public int IdStep = 1;
        /// <summary>Payloads the broker accepted from the client, in order, duplicates included.</summary>
        public readonly ArrayList Delivered = new ArrayList();
        /// <summary>The first protocol rule the client broke, or null.</summary>
        public string Violation;
        /// <summary>The device's outgoing flows as the wire shows them, checked packet by packet.</summary>
        public readonly WireRules Rules = new WireRules();
        /// <summary>The next packet of this type from the client is lost on the way: the device wrote it,
        /// the broker never sees it (None: nothing is lost). The link should drop after it, as TCP's would.</summary>
        public PacketType LoseFromClient = PacketType.None;
        /// <summary>The next packet of this type to the client is lost on the way (None: nothing is lost).</summary>
        public PacketType LoseToClient = PacketType.None;
        /// <summary>Packets lost on the way so far, both directions.</summary>
        public int Lost;

        /// <summary>The retained payload on <paramref name="topic"/>, or null.</summary>
        public string Retained(string topic)
        {
            int i = RetainedTopics.IndexOf(topic);
            return i < 0 ? null : (string)RetainedPayloads[i];
        }
        /// <summary>CONNECTs seen, and how many of them asked for a clean start.</summary>
        public int Connects;
        public int CleanConnects;
        /// <summary>SUBSCRIBE packets seen.</summary>
        public int Subscribes;
        /// <summary>Session Present of the last CONNACK.</summary>
        public bool LastSessionPresent;
        /// <summary>Every packet type received from the client on the current connection, in order.</summary>
        public readonly ArrayList Received = new ArrayList();

        public bool IsConnected
        {
            get { return _connected; }
        }

        public bool HasSession
        {
            get { return _hasSession; }
        }

        /// <summary>Messages for the client not yet acknowledged by it.</summary>
        public int PendingForClient
        {
            get { return _toClient.Count; }
        }

        /// <summary>An outside publisher sends to the device's command topic.</summary>
        public void Inject(string payload, byte qos)
        {
            Inject("dev/cmd", payload, qos);
        }

        /// <summary>An outside publisher sends to <paramref name="topic"/> (which the device subscribed to).</summary>
        public void Inject(string topic, string payload, byte qos)
        {
            if (!_hasSession || !_subscribed) return;
            Message m = new Message();
            m.Topic = topic;
            m.Payload = payload;
            m.QoS = qos;
            _toClient.Add(m);
            if (_connected) SendQueued();
        }

        /// <summary>The link drops (no DISCONNECT).</summary>
        public void Drop()
        {
            _output.Clear();
            _outputPackets.Clear();
            if (!_connected) return;
            _connected = false;
            if (_discardAtClose) Discard();
        }

        /// <summary>Next packet for the client, or null.</summary>
        public byte[] Take()
        {
            if (_output.Count == 0) return null;
            byte[] b = (byte[])_output[0];
            _output.RemoveAt(0);
            Rules.Reached((Packet)_outputPackets[0]);
            _outputPackets.RemoveAt(0);
            return b;
        }

        /// <summary>Bytes from the client (whole packets).</summary>
        public void FromClient(byte[] bytes, int offset, int count)
        {
            int used = 0;
            while (used < count)
            {
                DecodeStatus st = _decoder.Decode(bytes, offset + used, count - used);
                if (st != DecodeStatus.Ok)
                {
                    Fail("client sent a malformed packet: " + (int)st);
                    return;
                }
                used += _decoder.Consumed;
                Received.Add((int)_decoder.Type);
                if (_decoder.Type == PacketType.Publish) Fail(Rules.Sent(_decoder.Publish));
                if (_decoder.Type == PacketType.PubRel) Fail(Rules.SentPubRel(_decoder.Ack.PacketId));
                if (_decoder.Type == LoseFromClient)
                {
                    LoseFromClient = PacketType.None;
                    Lost++;
                    continue;
                }
                Handle();
            }
        }

        private void Handle()
        {
            PacketType type = _decoder.Type;
            if (type == PacketType.Connect)
            {
                HandleConnect(_decoder.Connect);
                return;
            }
            if (!_connected)
            {
                Fail("packet before CONNECT");
                return;
            }
            switch (type)
            {
                case PacketType.Publish:
                    HandlePublish(_decoder.Publish);
                    break;
                case PacketType.PubAck:
                case PacketType.PubComp:
                    Acknowledged(_decoder.Ack.PacketId, type == PacketType.PubAck ? 1 : 2);
                    break;
                case PacketType.PubRec:
                    {
                        Message m = FindToClient(_decoder.Ack.PacketId);
                        if (m != null)
                        {
                            m.State = 2;
                            if (!HoldPubRel) Send(Ack(PacketType.PubRel, m.PacketId));
                        }
                        break;
                    }
                case PacketType.PubRel:
                    {
                        int i = _heldIds.IndexOf((int)_decoder.Ack.PacketId);
                        if (i >= 0) _heldIds.RemoveAt(i);
                        if (!SilentPubRel) Send(Ack(PacketType.PubComp, _decoder.Ack.PacketId));
                        break;
                    }
                case PacketType.Subscribe:
                    {
                        Subscribes++;
                        _subscribed = true;
                        SubAckPacket a = new SubAckPacket(PacketType.SubAck);
                        a.PacketId = _decoder.Subscribe.PacketId;
                        byte[] codes = new byte[_decoder.Subscribe.Count];
                        for (int i = 0; i < codes.Length; i++)
                        {
                            byte asked = (byte)(_decoder.Subscribe.GetOptions(i) & 3);
                            codes[i] = asked < MaximumGrantedQoS ? asked : MaximumGrantedQoS;
                        }
                        a.ReasonCodes = Slice.Of(codes);
                        Send(a);
                        break;
                    }
                case PacketType.Disconnect:
                    if (_version == MqttVersion.V500 && _decoder.Reason.Properties.Has(PropertyId.SessionExpiryInterval)
                        && _decoder.Reason.Properties.SessionExpiryInterval == 0) _discardAtClose = true;
                    Drop();
                    break;
                case PacketType.PingReq:
                    Send(new PingPacket(PacketType.PingResp));
                    break;
            }
        }

        private void HandleConnect(ConnectPacket c)
        {
            if (_connected)
            {
                Fail("second CONNECT on one connection");
                return;
            }
            Connects++;
            _version = c.Version;
            if (RefuseNextConnect != 0)
            {
                ConnAckPacket refusal = new ConnAckPacket();
                refusal.ReasonCode = RefuseNextConnect;
                RefuseNextConnect = 0;
                Send(refusal);
                return;
            }
            _connected = true;
            Rules.NewConnection();
            Received.Clear();
            Received.Add((int)PacketType.Connect);
            if (c.CleanStart) CleanConnects++;
            if (c.CleanStart || LoseSessionOnNextConnect) Discard();
            LoseSessionOnNextConnect = false;
            bool present = _hasSession;
            _hasSession = true;
            _discardAtClose = _version == MqttVersion.V311 ? c.CleanStart
                : !c.Properties.Has(PropertyId.SessionExpiryInterval) || c.Properties.SessionExpiryInterval == 0;
            _clientReceiveMaximum = _version == MqttVersion.V500 && c.Properties.Has(PropertyId.ReceiveMaximum) ? c.Properties.ReceiveMaximum : 65535;
            if (_version == MqttVersion.V500 && !c.Properties.Has(PropertyId.SessionExpiryInterval) && !c.CleanStart)
                Fail("5.0 CONNECT without Session Expiry: the session would end at disconnect");
            LastSessionPresent = present;
            ConnAckPacket ack = new ConnAckPacket();
            ack.SessionPresent = present;
            if (_version == MqttVersion.V500 && ReceiveMaximum > 0) ack.Properties.ReceiveMaximum = (ushort)ReceiveMaximum;
            if (_version == MqttVersion.V500 && ServerKeepAlive > 0) ack.Properties.ServerKeepAlive = ServerKeepAlive;
            if (_version == MqttVersion.V500 && SessionExpiryOverride >= 0)
            {
                ack.Properties.SessionExpiryInterval = (uint)SessionExpiryOverride;
                _discardAtClose = SessionExpiryOverride == 0;
            }
            Send(ack);
            // Resume: PUBRELs and unacknowledged PUBLISHes again (DUP), then what was queued.
            for (int i = 0; i < _toClient.Count; i++)
            {
                Message m = (Message)_toClient[i];
                if (m.State == 2) Send(Ack(PacketType.PubRel, m.PacketId));
                else if (m.State == 1) SendPublish(m, true);
            }
            SendQueued();
        }

        private void HandlePublish(PublishPacket p)
        {
            string payload = p.Payload.ToString();
            if (p.Retain)
            {
                string topic = p.Topic.ToString();
                int r = RetainedTopics.IndexOf(topic);
                if (r >= 0) RetainedPayloads[r] = payload;
                else
                {
                    RetainedTopics.Add(topic);
                    RetainedPayloads.Add(payload);
                }
            }
            if (p.QoS == 0)
            {
                Delivered.Add(payload);
                return;
            }
            if (p.QoS == 1)
            {
                Delivered.Add(payload);
                Send(Ack(PacketType.PubAck, p.PacketId));
                return;
            }
            // An id held here is a resend (WireRules checks the device never reuses one it holds).
            if (_heldIds.IndexOf((int)p.PacketId) < 0)
            {
                if (_version == MqttVersion.V500 && ReceiveMaximum > 0 && _heldIds.Count >= ReceiveMaximum) Fail("client exceeded Receive Maximum");
                _heldIds.Add((int)p.PacketId);
                Delivered.Add(payload);
            }
            Send(Ack(PacketType.PubRec, p.PacketId));
        }

        private void Acknowledged(ushort packetId, int expectedState)
        {
            Message m = FindToClient(packetId);
            if (m == null || m.State != expectedState) return;
            _toClient.Remove(m);
            SendQueued();
        }

        private void SendQueued()
        {
            int inFlight = 0;
            for (int i = 0; i < _toClient.Count; i++)
            {
                if (((Message)_toClient[i]).State > 0) inFlight++;
            }
            for (int i = 0; i < _toClient.Count && (IgnoreReceiveMaximum || inFlight < _clientReceiveMaximum); i++)
            {
                Message m = (Message)_toClient[i];
                if (m.State != 0) continue;
                m.PacketId = FreeId();
                m.State = 1;
                inFlight++;
                SendPublish(m, false);
            }
        }

        private void SendPublish(Message m, bool dup)
        {
            PublishPacket p = new PublishPacket();
            p.Topic = Slice.FromString(m.Topic);
            p.Payload = Slice.FromString(m.Payload);
            p.QoS = m.QoS;
            p.PacketId = m.PacketId;
            p.Dup = dup;
            Send(p);
            if (m.QoS == 0) _toClient.Remove(m);
        }

        // The lowest id no message to the client holds: a broker may take an id again as soon as its
        // flow completes, so a client that forgets a completion on flash meets the id again at once.
        private ushort FreeId()
        {
            for (int id = 1; id <= 65535; id += IdStep)
            {
                if (FindToClient((ushort)id) == null) return (ushort)id;
            }
            return 0;
        }

        private Message FindToClient(ushort packetId)
        {
            for (int i = 0; i < _toClient.Count; i++)
            {
                Message m = (Message)_toClient[i];
                if (m.State > 0 && m.PacketId == packetId) return m;
            }
            return null;
        }

        private void Discard()
        {
            _hasSession = false;
            _subscribed = false;
            _toClient.Clear();
            _heldIds.Clear();
        }

        private static AckPacket Ack(PacketType type, ushort packetId)
        {
            AckPacket a = new AckPacket(type);
            a.PacketId = packetId;
            return a;
        }

        private void Send(Packet packet)
        {
            int length;
            EncodeStatus st = PacketEncoder.Encode(packet, _version, _buffer, 0, 0, out length);
            if (st != EncodeStatus.Ok)
            {
                Fail("broker model could not encode " + (int)packet.Type);
                return;
            }
            if (packet.Type == LoseToClient)
            {
                LoseToClient = PacketType.None;
                Lost++;
                return;
            }
            byte[] bytes = new byte[length];
            System.Array.Copy(_buffer, bytes, length);
            _output.Add(bytes);
            _outputPackets.Add(packet);
        }

        private void Fail(string why)
        {
            if (Violation == null && why != null) Violation = why;
        }

        /// <summary>How often <paramref name="payload"/> was delivered.</summary>
        public int CountDelivered(string payload)
        {
            int n = 0;
            for (int i = 0; i < Delivered.Count; i++)
            {
                if ((string)Delivered[i] == payload) n++;
            }
            return n;
        }
    }
}

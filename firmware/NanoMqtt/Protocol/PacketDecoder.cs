namespace NanoMqtt.Protocol
{
    /// <summary>
    /// Frames and decodes packets in place. One instance holds one reusable object per packet type
    /// it accepts, sharing one property store; a decoded packet is valid until the next call.
    /// A client-side decoder accepts what brokers send; a server-side one (test brokers) accepts
    /// what clients send.
    /// </summary>
    public sealed class PacketDecoder
    {
        private readonly bool _serverSide;

        /// <summary>Protocol version used for packets after CONNECT (a server-side decoder adopts the CONNECT's).</summary>
        public MqttVersion Version;
        /// <summary>Largest packet accepted, fixed header included; 0 means MQTT's own limit.</summary>
        public int MaximumPacketSize;

        /// <summary>Property store shared by the packet objects.</summary>
        public readonly Properties Properties;
        /// <summary>Last CONNECT (server side only).</summary>
        public readonly ConnectPacket Connect;
        /// <summary>Last CONNACK (client side only).</summary>
        public readonly ConnAckPacket ConnAck;
        /// <summary>Last PUBLISH.</summary>
        public readonly PublishPacket Publish;
        /// <summary>Last PUBACK, PUBREC, PUBREL or PUBCOMP.</summary>
        public readonly AckPacket Ack;
        /// <summary>Last SUBSCRIBE (server side only).</summary>
        public readonly SubscribePacket Subscribe;
        /// <summary>Last UNSUBSCRIBE (server side only).</summary>
        public readonly UnsubscribePacket Unsubscribe;
        /// <summary>Last SUBACK or UNSUBACK (client side only).</summary>
        public readonly SubAckPacket SubAck;
        /// <summary>Last DISCONNECT or AUTH.</summary>
        public readonly ReasonPacket Reason;
        /// <summary>PINGRESP (client side) or PINGREQ (server side).</summary>
        public readonly PingPacket Ping;

        /// <summary>Type of the packet last framed (valid after Ok and after body errors).</summary>
        public PacketType Type { get; private set; }
        /// <summary>The decoded packet object after Ok.</summary>
        public Packet Packet { get; private set; }
        /// <summary>Bytes the last packet occupied (0 while more data is needed).</summary>
        public int Consumed { get; private set; }

        private PacketDecoder(bool serverSide, MqttVersion version, int maximumPacketSize, int filterCapacity, int userPropertyCapacity)
        {
            _serverSide = serverSide;
            Version = version;
            MaximumPacketSize = maximumPacketSize;
            Properties = new Properties(userPropertyCapacity, serverSide ? 1 : Properties.DefaultSubscriptionIdentifierCapacity);
            Publish = new PublishPacket(Properties);
            Ack = new AckPacket(PacketType.PubAck, Properties);
            Reason = new ReasonPacket(PacketType.Disconnect, Properties);
            if (serverSide)
            {
                Connect = new ConnectPacket(Properties, new Properties());
                Subscribe = new SubscribePacket(filterCapacity, Properties);
                Unsubscribe = new UnsubscribePacket(filterCapacity, Properties);
                Ping = new PingPacket(PacketType.PingReq);
            }
            else
            {
                ConnAck = new ConnAckPacket(Properties);
                SubAck = new SubAckPacket(PacketType.SubAck, Properties);
                Ping = new PingPacket(PacketType.PingResp);
            }
        }

        /// <summary>A decoder for a client: CONNACK, PUBLISH, acknowledgements, SUBACK, UNSUBACK, PINGRESP, DISCONNECT, AUTH.</summary>
        public static PacketDecoder ForClient(MqttVersion version, int maximumPacketSize)
        {
            return ForClient(version, maximumPacketSize, Properties.DefaultUserPropertyCapacity);
        }

        /// <summary>A client decoder that keeps at most <paramref name="userPropertyCapacity"/> user properties per packet (the rest are counted).</summary>
        public static PacketDecoder ForClient(MqttVersion version, int maximumPacketSize, int userPropertyCapacity)
        {
            return new PacketDecoder(false, version, maximumPacketSize, 0, userPropertyCapacity);
        }

        /// <summary>A decoder for a broker: CONNECT, PUBLISH, acknowledgements, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT, AUTH.</summary>
        public static PacketDecoder ForServer(int maximumPacketSize, int filterCapacity)
        {
            return new PacketDecoder(true, MqttVersion.V500, maximumPacketSize, filterCapacity, Properties.DefaultUserPropertyCapacity);
        }

        /// <summary>
        /// Reads a fixed header: the first byte, then the remaining length. Needs at most 5 bytes.
        /// </summary>
        public static DecodeStatus ReadFixedHeader(byte[] buffer, int offset, int count, out int firstByte, out int headerLength, out int remainingLength)
        {
            firstByte = 0;
            headerLength = 0;
            remainingLength = 0;
            if (count < 1) return DecodeStatus.NeedMoreData;
            firstByte = buffer[offset];
            int p = offset + 1;
            DecodeStatus st = VariableByteInteger.Read(buffer, ref p, offset + count, out remainingLength);
            if (st != DecodeStatus.Ok) return st;
            headerLength = p - offset;
            return DecodeStatus.Ok;
        }

        /// <summary>
        /// Decodes the packet at the start of <paramref name="count"/> bytes. NeedMoreData means read
        /// on; a packet too large is refused as soon as its header is seen. Any other non-Ok status
        /// means the peer broke the protocol and the connection should be closed.
        /// </summary>
        public DecodeStatus Decode(byte[] buffer, int offset, int count)
        {
            Packet = null;
            Consumed = 0;
            Type = PacketType.None;
            int first;
            int headerLength;
            int remaining;
            DecodeStatus st = ReadFixedHeader(buffer, offset, count, out first, out headerLength, out remaining);
            if (st != DecodeStatus.Ok) return st;
            PacketType type = (PacketType)(first >> 4);
            int flags = first & 0x0F;
            Type = type;
            if (type == PacketType.None || (type == PacketType.Auth && Version == MqttVersion.V311)) return DecodeStatus.UnknownPacketType;
            Packet packet = Select(type);
            if (packet == null) return DecodeStatus.UnexpectedPacketType;
            if (type != PacketType.Publish)
            {
                int required = type == PacketType.PubRel || type == PacketType.Subscribe || type == PacketType.Unsubscribe ? 2 : 0;
                if (flags != required) return DecodeStatus.BadFlags;
            }
            int total = headerLength + remaining;
            if (MaximumPacketSize > 0 && total > MaximumPacketSize) return DecodeStatus.PacketTooLarge;
            if (count < total) return DecodeStatus.NeedMoreData;
            Consumed = total;
            int start = offset + headerLength;
            st = packet.ReadBody(buffer, start, start + remaining, flags, Version);
            if (st != DecodeStatus.Ok) return st;
            if (type == PacketType.Connect) Version = Connect.Version;
            Packet = packet;
            return type == PacketType.Auth ? DecodeStatus.AuthNotSupported : DecodeStatus.Ok;
        }

        private Packet Select(PacketType type)
        {
            switch (type)
            {
                case PacketType.Publish:
                    return Publish;
                case PacketType.PubAck:
                case PacketType.PubRec:
                case PacketType.PubRel:
                case PacketType.PubComp:
                    Ack.SetType(type);
                    return Ack;
                case PacketType.Disconnect:
                case PacketType.Auth:
                    Reason.SetType(type);
                    return Reason;
                case PacketType.Connect:
                    return Connect;
                case PacketType.Subscribe:
                    return Subscribe;
                case PacketType.Unsubscribe:
                    return Unsubscribe;
                case PacketType.ConnAck:
                    return ConnAck;
                case PacketType.SubAck:
                case PacketType.UnsubAck:
                    if (SubAck == null) return null;
                    SubAck.SetType(type);
                    return SubAck;
                case PacketType.PingReq:
                    return _serverSide ? Ping : null;
                case PacketType.PingResp:
                    return _serverSide ? null : Ping;
                default:
                    return null;
            }
        }
    }
}

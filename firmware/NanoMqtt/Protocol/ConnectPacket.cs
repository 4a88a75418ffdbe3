namespace NanoMqtt.Protocol
{
    /// <summary>CONNECT: the first packet a client sends. Properties are written only for MQTT 5.0.</summary>
    public sealed class ConnectPacket : Packet
    {
        private const int FlagUserName = 0x80;
        private const int FlagPassword = 0x40;
        private const int FlagWillRetain = 0x20;
        private const int FlagWill = 0x04;
        private const int FlagClean = 0x02;

        /// <summary>Protocol level found by the decoder.</summary>
        public MqttVersion Version = MqttVersion.V500;
        /// <summary>Clean Start (5.0) / Clean Session (3.1.1).</summary>
        public bool CleanStart;
        /// <summary>Keep Alive in seconds; 0 turns it off.</summary>
        public ushort KeepAlive;
        /// <summary>Client identifier (absent is sent as empty).</summary>
        public Slice ClientId;
        /// <summary>User name, or absent.</summary>
        public Slice UserName;
        /// <summary>Password, or absent.</summary>
        public Slice Password;
        /// <summary>Whether a Last Will is carried.</summary>
        public bool HasWill;
        /// <summary>QoS of the will message.</summary>
        public byte WillQoS;
        /// <summary>Retain flag of the will message.</summary>
        public bool WillRetain;
        /// <summary>Topic of the will message.</summary>
        public Slice WillTopic;
        /// <summary>Payload of the will message.</summary>
        public Slice WillPayload;
        /// <summary>Will properties (5.0); may be null when none are ever sent.</summary>
        public readonly Properties WillProperties;
        /// <summary>CONNECT properties (5.0).</summary>
        public readonly Properties Properties;

        /// <summary>A CONNECT with its own property storage.</summary>
        public ConnectPacket()
            : this(new Properties(), new Properties())
        {
        }

        /// <summary>A CONNECT using the given property storage.</summary>
        public ConnectPacket(Properties properties, Properties willProperties)
        {
            Properties = properties;
            WillProperties = willProperties;
        }

        /// <inheritdoc/>
        public override PacketType Type
        {
            get { return PacketType.Connect; }
        }

        internal override EncodeStatus Check(MqttVersion version)
        {
            EncodeStatus st = CheckString(ClientId);
            if (st == EncodeStatus.Ok) st = CheckString(UserName);
            if (st != EncodeStatus.Ok) return st;
            if (Password.Length > 0xFFFF) return EncodeStatus.DataTooLong;
            if (version == MqttVersion.V311)
            {
                if (!Password.IsAbsent && UserName.IsAbsent) return EncodeStatus.InvalidField;
                if (ClientId.Length == 0 && !CleanStart) return EncodeStatus.InvalidField;
            }
            else
            {
                st = PropertyCodec.Check(Properties, PropertyCodec.ConnectMask, 0);
                if (st != EncodeStatus.Ok) return st;
            }
            if (!HasWill) return EncodeStatus.Ok;
            if (WillQoS > 2) return EncodeStatus.InvalidQoS;
            st = CheckString(WillTopic);
            if (st != EncodeStatus.Ok) return st;
            if (WillTopic.Length == 0 || !Topic.IsValidName(WillTopic)) return EncodeStatus.InvalidTopic;
            if (WillPayload.Length > 0xFFFF) return EncodeStatus.DataTooLong;
            return version == MqttVersion.V500 ? PropertyCodec.Check(WillProperties, PropertyCodec.WillMask, 0) : EncodeStatus.Ok;
        }

        internal override void WriteBody(byte[] b, ref int p, MqttVersion version)
        {
            ByteWriter.U16(b, ref p, 4);
            ByteWriter.U8(b, ref p, 'M');
            ByteWriter.U8(b, ref p, 'Q');
            ByteWriter.U8(b, ref p, 'T');
            ByteWriter.U8(b, ref p, 'T');
            ByteWriter.U8(b, ref p, (int)version);
            int flags = 0;
            if (!UserName.IsAbsent) flags |= FlagUserName;
            if (!Password.IsAbsent) flags |= FlagPassword;
            if (HasWill) flags |= FlagWill | (WillQoS << 3) | (WillRetain ? FlagWillRetain : 0);
            if (CleanStart) flags |= FlagClean;
            ByteWriter.U8(b, ref p, flags);
            ByteWriter.U16(b, ref p, KeepAlive);
            if (version == MqttVersion.V500) PropertyCodec.Write(b, ref p, Properties);
            ByteWriter.Prefixed(b, ref p, ClientId);
            if (HasWill)
            {
                if (version == MqttVersion.V500) PropertyCodec.Write(b, ref p, WillProperties);
                ByteWriter.Prefixed(b, ref p, WillTopic);
                ByteWriter.Prefixed(b, ref p, WillPayload);
            }
            if (!UserName.IsAbsent) ByteWriter.Prefixed(b, ref p, UserName);
            if (!Password.IsAbsent) ByteWriter.Prefixed(b, ref p, Password);
        }

        internal override DecodeStatus ReadBody(byte[] b, int p, int end, int flags, MqttVersion version)
        {
            bool hasUser;
            bool hasPassword;
            DecodeStatus st = ReadVariableHeader(b, ref p, end, out hasUser, out hasPassword);
            if (st != DecodeStatus.Ok) return st;
            Properties.Clear();
            if (WillProperties != null) WillProperties.Clear();
            if (Version == MqttVersion.V500)
            {
                st = PropertyCodec.Read(b, ref p, end, Properties, PropertyCodec.ConnectMask, false);
                if (st != DecodeStatus.Ok) return st;
            }
            st = ByteReader.String(b, ref p, end, out ClientId);
            if (st != DecodeStatus.Ok) return st;
            if (Version == MqttVersion.V311 && ClientId.Length == 0 && !CleanStart) return DecodeStatus.ClientIdentifierRejected;
            st = ReadWill(b, ref p, end);
            if (st != DecodeStatus.Ok) return st;
            UserName = new Slice();
            Password = new Slice();
            if (hasUser) st = ByteReader.String(b, ref p, end, out UserName);
            if (st == DecodeStatus.Ok && hasPassword) st = ByteReader.Binary(b, ref p, end, out Password);
            if (st != DecodeStatus.Ok) return st;
            return p == end ? DecodeStatus.Ok : DecodeStatus.TrailingBytes;
        }

        // Protocol name and level, connect flags, keep-alive.
        private DecodeStatus ReadVariableHeader(byte[] b, ref int p, int end, out bool hasUser, out bool hasPassword)
        {
            hasUser = false;
            hasPassword = false;
            Slice name;
            int level;
            int connectFlags;
            int keepAlive;
            DecodeStatus st = ByteReader.String(b, ref p, end, out name);
            if (st == DecodeStatus.Ok) st = ByteReader.U8(b, ref p, end, out level);
            else level = 0;
            if (st != DecodeStatus.Ok) return st;
            if (!IsProtocolName(name) || (level != (int)MqttVersion.V311 && level != (int)MqttVersion.V500))
                return DecodeStatus.UnsupportedProtocol;
            Version = (MqttVersion)level;
            st = ByteReader.U8(b, ref p, end, out connectFlags);
            if (st != DecodeStatus.Ok) return st;
            if ((connectFlags & 0x01) != 0) return DecodeStatus.ReservedBitsSet;
            CleanStart = (connectFlags & FlagClean) != 0;
            HasWill = (connectFlags & FlagWill) != 0;
            WillQoS = (byte)((connectFlags >> 3) & 3);
            WillRetain = (connectFlags & FlagWillRetain) != 0;
            if (WillQoS == 3) return DecodeStatus.InvalidQoS;
            if (!HasWill && (WillQoS != 0 || WillRetain)) return DecodeStatus.BadFlags;
            hasUser = (connectFlags & FlagUserName) != 0;
            hasPassword = (connectFlags & FlagPassword) != 0;
            if (Version == MqttVersion.V311 && hasPassword && !hasUser) return DecodeStatus.ProtocolError;
            st = ByteReader.U16(b, ref p, end, out keepAlive);
            KeepAlive = (ushort)keepAlive;
            return st;
        }

        private DecodeStatus ReadWill(byte[] b, ref int p, int end)
        {
            WillTopic = new Slice();
            WillPayload = new Slice();
            if (!HasWill) return DecodeStatus.Ok;
            DecodeStatus st;
            if (Version == MqttVersion.V500)
            {
                if (WillProperties == null) return DecodeStatus.TooManyEntries;
                st = PropertyCodec.Read(b, ref p, end, WillProperties, PropertyCodec.WillMask, false);
                if (st != DecodeStatus.Ok) return st;
            }
            st = ByteReader.String(b, ref p, end, out WillTopic);
            if (st != DecodeStatus.Ok) return st;
            if (WillTopic.Length == 0 || !Topic.IsValidName(WillTopic)) return DecodeStatus.InvalidTopic;
            return ByteReader.Binary(b, ref p, end, out WillPayload);
        }

        private static bool IsProtocolName(Slice name)
        {
            return name.Length == 4 && name[0] == 'M' && name[1] == 'Q' && name[2] == 'T' && name[3] == 'T';
        }
    }
}

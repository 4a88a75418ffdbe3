namespace NanoMqtt.Protocol
{
    /// <summary>Reads and writes the MQTT 5.0 property block of any packet.</summary>
    internal static class PropertyCodec
    {
        private const int KindUnknown = 0;
        private const int KindByte = 1;
        private const int KindU16 = 2;
        private const int KindU32 = 3;
        private const int KindVarInt = 4;
        private const int KindString = 5;
        private const int KindBinary = 6;
        private const int KindPair = 7;

        // Which properties each packet may carry (bit n = property identifier n).
        public const ulong ConnectMask = (1UL << 0x11) | (1UL << 0x21) | (1UL << 0x27) | (1UL << 0x22) | (1UL << 0x19)
            | (1UL << 0x17) | (1UL << 0x26) | (1UL << 0x15) | (1UL << 0x16);
        public const ulong WillMask = (1UL << 0x18) | (1UL << 0x01) | (1UL << 0x02) | (1UL << 0x03) | (1UL << 0x08)
            | (1UL << 0x09) | (1UL << 0x26);
        public const ulong ConnAckMask = (1UL << 0x11) | (1UL << 0x21) | (1UL << 0x24) | (1UL << 0x25) | (1UL << 0x27)
            | (1UL << 0x12) | (1UL << 0x22) | (1UL << 0x1F) | (1UL << 0x26) | (1UL << 0x28) | (1UL << 0x29)
            | (1UL << 0x2A) | (1UL << 0x13) | (1UL << 0x1A) | (1UL << 0x1C) | (1UL << 0x15) | (1UL << 0x16);
        public const ulong PublishMask = (1UL << 0x01) | (1UL << 0x02) | (1UL << 0x23) | (1UL << 0x08) | (1UL << 0x09)
            | (1UL << 0x26) | (1UL << 0x0B) | (1UL << 0x03);
        public const ulong AckMask = (1UL << 0x1F) | (1UL << 0x26);
        public const ulong SubscribeMask = (1UL << 0x0B) | (1UL << 0x26);
        public const ulong UnsubscribeMask = 1UL << 0x26;
        public const ulong DisconnectMask = (1UL << 0x11) | (1UL << 0x1F) | (1UL << 0x26) | (1UL << 0x1C);
        public const ulong AuthMask = (1UL << 0x15) | (1UL << 0x16) | (1UL << 0x1F) | (1UL << 0x26);

        private static int KindOf(int id)
        {
            switch (id)
            {
                case 0x01: case 0x17: case 0x19: case 0x24: case 0x25: case 0x28: case 0x29: case 0x2A:
                    return KindByte;
                case 0x13: case 0x21: case 0x22: case 0x23:
                    return KindU16;
                case 0x02: case 0x11: case 0x18: case 0x27:
                    return KindU32;
                case 0x0B:
                    return KindVarInt;
                case 0x03: case 0x08: case 0x12: case 0x15: case 0x1A: case 0x1C: case 0x1F:
                    return KindString;
                case 0x09: case 0x16:
                    return KindBinary;
                case 0x26:
                    return KindPair;
                default:
                    return KindUnknown;
            }
        }

        private static bool IsValidNumber(int id, uint v)
        {
            switch (id)
            {
                case PropertyId.PayloadFormatIndicator:
                case PropertyId.RequestProblemInformation:
                case PropertyId.RequestResponseInformation:
                case PropertyId.MaximumQoS:
                case PropertyId.RetainAvailable:
                case PropertyId.WildcardSubscriptionAvailable:
                case PropertyId.SubscriptionIdentifierAvailable:
                case PropertyId.SharedSubscriptionAvailable:
                    return v <= 1;
                case PropertyId.ReceiveMaximum:
                case PropertyId.TopicAlias:
                case PropertyId.MaximumPacketSize:
                    return v != 0;
                case PropertyId.SubscriptionIdentifier:
                    return v != 0 && v <= VariableByteInteger.Max;
                default:
                    return true;
            }
        }

        private static bool IsValidString(Slice s)
        {
            return s.Length <= 0xFFFF && Utf8.Validate(s.Array, s.Offset, s.Length) == DecodeStatus.Ok;
        }

        /// <summary>Checks the properties can be sent in a packet whose allowed set is <paramref name="allowed"/>.</summary>
        public static EncodeStatus Check(Properties props, ulong allowed, int maxSubscriptionIds)
        {
            if (props == null) return EncodeStatus.Ok;
            ulong present = props.PresentMask;
            if ((present & ~allowed) != 0) return EncodeStatus.InvalidProperty;
            if (props.SubscriptionIdentifierCount > maxSubscriptionIds) return EncodeStatus.InvalidProperty;
            if (props.Has(PropertyId.AuthenticationData) && !props.Has(PropertyId.AuthenticationMethod)) return EncodeStatus.InvalidProperty;
            for (int id = 1; (present >> id) != 0; id++)
            {
                if ((present & (1UL << id)) == 0) continue;
                int kind = KindOf(id);
                if (kind == KindString && !IsValidString(props.GetSlice(id))) return EncodeStatus.InvalidString;
                if (kind == KindBinary && props.GetSlice(id).Length > 0xFFFF) return EncodeStatus.DataTooLong;
                if ((kind == KindByte || kind == KindU16 || kind == KindU32) && !IsValidNumber(id, props.GetNumber(id)))
                    return EncodeStatus.InvalidProperty;
            }
            for (int i = 0; i < props.SubscriptionIdentifierCount; i++)
            {
                if (!IsValidNumber(PropertyId.SubscriptionIdentifier, (uint)props.GetSubscriptionIdentifier(i))) return EncodeStatus.InvalidProperty;
            }
            for (int i = 0; i < props.UserPropertyCount; i++)
            {
                if (!IsValidString(props.GetUserPropertyName(i)) || !IsValidString(props.GetUserPropertyValue(i)))
                    return EncodeStatus.InvalidString;
            }
            // Measured once here; Write (measuring and writing passes) reuses it.
            props.ContentLength = ContentLength(props);
            return EncodeStatus.Ok;
        }

        /// <summary>Bytes of the property block's content (without its length prefix).</summary>
        public static int ContentLength(Properties props)
        {
            int n = 0;
            WriteContent(null, ref n, props);
            return n;
        }

        /// <summary>Writes the length prefix and the properties in identifier order. <see cref="Check"/> must have run first.</summary>
        public static void Write(byte[] b, ref int p, Properties props)
        {
            int length = props == null ? 0 : props.ContentLength;
            ByteWriter.VarInt(b, ref p, length);
            if (b == null) p += length;
            else if (props != null) WriteContent(b, ref p, props);
        }

        private static void WriteContent(byte[] b, ref int p, Properties props)
        {
            ulong present = props.PresentMask;
            for (int id = 1; (present >> id) != 0; id++)
            {
                if ((present & (1UL << id)) != 0) WriteProperty(b, ref p, props, id);
            }
        }

        // One property id; the repeatable ones (Subscription Identifier, User Property) once per value.
        private static void WriteProperty(byte[] b, ref int p, Properties props, int id)
        {
            switch (KindOf(id))
            {
                case KindByte:
                    ByteWriter.U8(b, ref p, id);
                    ByteWriter.U8(b, ref p, (int)props.GetNumber(id));
                    break;
                case KindU16:
                    ByteWriter.U8(b, ref p, id);
                    ByteWriter.U16(b, ref p, (int)props.GetNumber(id));
                    break;
                case KindU32:
                    ByteWriter.U8(b, ref p, id);
                    ByteWriter.U32(b, ref p, props.GetNumber(id));
                    break;
                case KindVarInt:
                    for (int i = 0; i < props.SubscriptionIdentifierCount; i++)
                    {
                        ByteWriter.U8(b, ref p, id);
                        ByteWriter.VarInt(b, ref p, props.GetSubscriptionIdentifier(i));
                    }
                    break;
                case KindString:
                case KindBinary:
                    ByteWriter.U8(b, ref p, id);
                    ByteWriter.Prefixed(b, ref p, props.GetSlice(id));
                    break;
                case KindPair:
                    for (int i = 0; i < props.UserPropertyCount; i++)
                    {
                        ByteWriter.U8(b, ref p, id);
                        ByteWriter.Prefixed(b, ref p, props.GetUserPropertyName(i));
                        ByteWriter.Prefixed(b, ref p, props.GetUserPropertyValue(i));
                    }
                    break;
            }
        }

        /// <summary>Reads a property block (length prefix and content) into <paramref name="props"/>.</summary>
        public static DecodeStatus Read(byte[] b, ref int p, int end, Properties props, ulong allowed, bool multipleSubscriptionIds)
        {
            props.Clear();
            int length;
            DecodeStatus st = ByteReader.VarInt(b, ref p, end, out length);
            if (st != DecodeStatus.Ok) return st;
            if (end - p < length) return DecodeStatus.Truncated;
            int blockEnd = p + length;
            while (p < blockEnd)
            {
                int id;
                st = ByteReader.VarInt(b, ref p, blockEnd, out id);
                if (st != DecodeStatus.Ok) return st;
                if (id >= 64 || (allowed & (1UL << id)) == 0) return DecodeStatus.UnknownProperty;
                int kind = KindOf(id);
                bool repeatable = kind == KindPair || (kind == KindVarInt && multipleSubscriptionIds);
                if (!repeatable && props.Has(id)) return DecodeStatus.DuplicateProperty;
                st = kind == KindByte || kind == KindU16 || kind == KindU32
                    ? ReadNumber(b, ref p, blockEnd, props, id, kind)
                    : ReadValue(b, ref p, blockEnd, props, id, kind);
                if (st != DecodeStatus.Ok) return st;
            }
            // Authentication Data means nothing without its method.
            if (props.Has(PropertyId.AuthenticationData) && !props.Has(PropertyId.AuthenticationMethod)) return DecodeStatus.ProtocolError;
            return DecodeStatus.Ok;
        }

        private static DecodeStatus ReadNumber(byte[] b, ref int p, int end, Properties props, int id, int kind)
        {
            int small = 0;
            uint number;
            DecodeStatus st;
            if (kind == KindU32) st = ByteReader.U32(b, ref p, end, out number);
            else
            {
                st = kind == KindByte ? ByteReader.U8(b, ref p, end, out small) : ByteReader.U16(b, ref p, end, out small);
                number = (uint)small;
            }
            if (st != DecodeStatus.Ok) return st;
            if (!IsValidNumber(id, number)) return DecodeStatus.InvalidPropertyValue;
            props.SetNumber(id, number);
            return DecodeStatus.Ok;
        }

        // Subscription identifiers, strings, binary data and user properties.
        private static DecodeStatus ReadValue(byte[] b, ref int p, int end, Properties props, int id, int kind)
        {
            DecodeStatus st;
            Slice s;
            if (kind == KindVarInt)
            {
                int value;
                st = ByteReader.VarInt(b, ref p, end, out value);
                if (st != DecodeStatus.Ok) return st;
                if (value == 0) return DecodeStatus.InvalidPropertyValue;
                props.AddSubscriptionIdentifier(value);
                return DecodeStatus.Ok;
            }
            if (kind == KindString || kind == KindBinary)
            {
                st = kind == KindString ? ByteReader.String(b, ref p, end, out s) : ByteReader.Binary(b, ref p, end, out s);
                if (st == DecodeStatus.Ok) props.SetSlice(id, s);
                return st;
            }
            Slice name;
            st = ByteReader.String(b, ref p, end, out name);
            if (st != DecodeStatus.Ok) return st;
            st = ByteReader.String(b, ref p, end, out s);
            if (st == DecodeStatus.Ok) props.AddUserProperty(name, s);
            return st;
        }
    }
}

namespace NanoMqtt.Protocol
{
    /// <summary>
    /// One MQTT control packet's fields. Instances are allocated once and reused; encoding and
    /// decoding go through <see cref="PacketEncoder"/> and <see cref="PacketDecoder"/>.
    /// </summary>
    public abstract class Packet
    {
        /// <summary>The control packet type.</summary>
        public abstract PacketType Type { get; }

        /// <summary>Low nibble of the first byte.</summary>
        internal virtual int HeaderFlags
        {
            get { return 0; }
        }

        /// <summary>Refuses fields MQTT forbids before a byte is written.</summary>
        internal abstract EncodeStatus Check(MqttVersion version);

        /// <summary>Writes (or, with a null buffer, measures) everything after the fixed header.</summary>
        internal abstract void WriteBody(byte[] b, ref int p, MqttVersion version);

        /// <summary>Reads the bytes between <paramref name="p"/> and <paramref name="end"/>, which hold exactly the remaining length.</summary>
        internal abstract DecodeStatus ReadBody(byte[] b, int p, int end, int flags, MqttVersion version);

        internal static EncodeStatus CheckString(Slice s)
        {
            if (s.Length > 0xFFFF) return EncodeStatus.InvalidString;
            if (s.Array == null) return EncodeStatus.Ok;
            return Utf8.Validate(s.Array, s.Offset, s.Length) == DecodeStatus.Ok ? EncodeStatus.Ok : EncodeStatus.InvalidString;
        }

        internal static DecodeStatus ReadPacketId(byte[] b, ref int p, int end, out ushort packetId)
        {
            int id;
            DecodeStatus st = ByteReader.U16(b, ref p, end, out id);
            packetId = (ushort)id;
            if (st != DecodeStatus.Ok) return st;
            return id == 0 ? DecodeStatus.ZeroPacketId : DecodeStatus.Ok;
        }
    }
}

using System;
using System.IO;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using NanoMqtt.Protocol;

namespace NanoMqtt.Host.Tests.Protocol
{
    /// <summary>
    /// MQTTnet 5.2's own wire codec, used as the reference implementation in the differential tests.
    /// It goes through the public <see cref="MqttPacketFormatterAdapter"/>, which picks
    /// <c>MQTTnet.Formatter.V3.MqttV3PacketFormatter</c> for 3.1.1 and
    /// <c>MQTTnet.Formatter.V5.MqttV5PacketFormatter</c> (MqttV5PacketEncoder/Decoder) for 5.0.
    /// MQTTnet's formatters never frame a stream themselves (the channel adapter does that), so
    /// <see cref="Frame"/> splits the fixed header off and builds the <see cref="ReceivedMqttPacket"/>
    /// the formatter expects.
    /// </summary>
    internal sealed class MqttNetFormatter
    {
        private readonly MqttPacketFormatterAdapter _adapter;

        /// <summary>A formatter fixed to one protocol version.</summary>
        public MqttNetFormatter(MqttVersion version)
        {
            ProtocolVersion = ToMqttNet(version);
            _adapter = new MqttPacketFormatterAdapter(ProtocolVersion, new MqttBufferWriter(4096, 65536));
        }

        /// <summary>The MQTTnet protocol version this formatter speaks.</summary>
        public MqttProtocolVersion ProtocolVersion { get; }

        /// <summary>MQTTnet's name for a NanoMqtt protocol version.</summary>
        public static MqttProtocolVersion ToMqttNet(MqttVersion version)
        {
            return version == MqttVersion.V311 ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500;
        }

        /// <summary>Encodes <paramref name="packet"/> (fixed header, variable header and payload) into a new array.</summary>
        public byte[] Encode(MqttPacket packet)
        {
            // MqttPacketBuffer keeps a PUBLISH payload as a second segment; ToArray joins both.
            return _adapter.Encode(packet).ToArray();
        }

        /// <summary>Decodes exactly one whole packet occupying <paramref name="count"/> bytes.</summary>
        public MqttPacket Decode(byte[] buffer, int offset, int count)
        {
            return _adapter.Decode(Frame(buffer, offset, count));
        }

        /// <summary>The protocol version MQTTnet's broker side would pick for this CONNECT.</summary>
        public static MqttProtocolVersion DetectConnectVersion(byte[] buffer, int offset, int count)
        {
            MqttPacketFormatterAdapter adapter = new MqttPacketFormatterAdapter(new MqttBufferWriter(256, 4096));
            adapter.DetectProtocolVersion(Frame(buffer, offset, count));
            return adapter.ProtocolVersion;
        }

        /// <summary>
        /// Splits one packet into first byte and body. Throws <see cref="InvalidDataException"/> when
        /// the fixed header is malformed or the packet does not occupy exactly <paramref name="count"/> bytes.
        /// </summary>
        public static ReceivedMqttPacket Frame(byte[] buffer, int offset, int count)
        {
            if (count < 2) throw new InvalidDataException("a packet has at least two bytes");
            byte first = buffer[offset];
            int p = offset + 1;
            int end = offset + count;
            int remaining = 0;
            int shift = 0;
            while (true)
            {
                if (p >= end) throw new InvalidDataException("remaining length runs past the data");
                int b = buffer[p++];
                remaining |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) break;
                shift += 7;
                if (shift > 21) throw new InvalidDataException("remaining length longer than four bytes");
            }
            int headerLength = p - offset;
            int total = headerLength + remaining;
            if (total != count) throw new InvalidDataException("the packet frames " + total + " bytes but " + count + " were given");
            return new ReceivedMqttPacket(first, new ArraySegment<byte>(buffer, p, remaining), total);
        }
    }
}

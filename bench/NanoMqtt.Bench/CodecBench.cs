using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using NanoMqtt.Protocol;

namespace NanoMqtt.Bench;

/// <summary>Encode and decode of the same packets: NanoMqtt's codec vs MQTTnet 5.2's formatter.</summary>
internal static class CodecBench
{
    private sealed record Case(string Name, MqttVersion Version, Packet Nano, MqttPacket Peer, bool ClientDecodes);

    private static IEnumerable<Case> Cases()
    {
        foreach (var v in new[] { MqttVersion.V311, MqttVersion.V500 })
        {
            string tag = v == MqttVersion.V500 ? "5.0" : "3.1.1";
            var connect = new ConnectPacket { ClientId = Slice.FromString("nanomqtt-0011223344ff"), KeepAlive = 60, UserName = Slice.FromString("device"), Password = Slice.FromString("secret") };
            if (v == MqttVersion.V500) { connect.Properties.SessionExpiryInterval = 86400; connect.Properties.ReceiveMaximum = 32; }
            var peerConnect = new MqttConnectPacket { ClientId = "nanomqtt-0011223344ff", KeepAlivePeriod = 60, Username = "device", Password = "secret"u8.ToArray(), SessionExpiryInterval = v == MqttVersion.V500 ? 86400u : 0, ReceiveMaximum = (ushort)(v == MqttVersion.V500 ? 32 : 0) };
            yield return new Case($"CONNECT {tag}", v, connect, peerConnect, false);
            foreach (int size in new[] { 16, 256, 4096 })
                foreach (byte qos in new byte[] { 0, 1, 2 })
                {
                    var payload = new byte[size];
                    var nano = new PublishPacket(new Properties()) { Topic = Slice.FromString("nanomqtt/dev/in/meter"), Payload = Slice.Of(payload), QoS = qos, PacketId = (ushort)(qos > 0 ? 7 : 0) };
                    var peer = new MqttPublishPacket { Topic = "nanomqtt/dev/in/meter", PayloadSegment = new ArraySegment<byte>(payload), QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos, PacketIdentifier = (ushort)(qos > 0 ? 7 : 0) };
                    if (v == MqttVersion.V500)
                    {
                        nano.Properties.MessageExpiryInterval = 300;
                        nano.Properties.ContentType = Slice.FromString("text/plain");
                        peer.MessageExpiryInterval = 300;
                        peer.ContentType = "text/plain";
                    }
                    yield return new Case($"PUBLISH {tag} QoS {qos} {size} B", v, nano, peer, true);
                }
            yield return new Case($"PUBACK {tag}", v, new AckPacket(PacketType.PubAck) { PacketId = 7 }, new MqttPubAckPacket { PacketIdentifier = 7 }, true);
            var subscribe = new SubscribePacket(1) { PacketId = 3 };
            subscribe.Add(Slice.FromString("nanomqtt/dev/out/+/set"), 1);
            var peerSubscribe = new MqttSubscribePacket { PacketIdentifier = 3 };
            peerSubscribe.TopicFilters.Add(new MqttTopicFilter { Topic = "nanomqtt/dev/out/+/set", QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });
            yield return new Case($"SUBSCRIBE {tag}", v, subscribe, peerSubscribe, false);
        }
    }

    public static void Run(bool quick)
    {
        int n = quick ? 5000 : 200000;
        Console.WriteLine("| packet | NanoMqtt encode | MQTTnet encode | ratio | NanoMqtt decode | MQTTnet decode | ratio | B/op NanoMqtt enc/dec | B/op MQTTnet enc/dec |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var c in Cases())
        {
            var buffer = new byte[8192];
            PacketEncoder.Encode(c.Nano, c.Version, buffer, 0, 0, out int length);
            var decoder = c.ClientDecodes ? PacketDecoder.ForClient(c.Version, 0) : PacketDecoder.ForServer(0, 4);
            decoder.Version = c.Version;
            var adapter = new MqttPacketFormatterAdapter(c.Version == MqttVersion.V500 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311, new MqttBufferWriter(8192, 65536));
            int header = 1;
            while ((buffer[header] & 0x80) != 0) header++;
            header++;
            var received = new ReceivedMqttPacket(buffer[0], new ArraySegment<byte>(buffer, header, length - header), length);

            var nanoEnc = Measure.Run(() => PacketEncoder.Encode(c.Nano, c.Version, buffer, 0, 0, out _), n);
            var peerEnc = Measure.Run(() => adapter.Encode(c.Peer), n);
            var nanoDec = Measure.Run(() => decoder.Decode(buffer, 0, length), n);
            var peerDec = Measure.Run(() => adapter.Decode(received), n);
            Console.WriteLine($"| {c.Name} | {nanoEnc.Ns:F0} ns | {peerEnc.Ns:F0} ns | {peerEnc.Ns / nanoEnc.Ns:F1} | {nanoDec.Ns:F0} ns | {peerDec.Ns:F0} ns | {peerDec.Ns / nanoDec.Ns:F1} | {nanoEnc.Bytes:F0} / {nanoDec.Bytes:F0} | {peerEnc.Bytes:F0} / {peerDec.Bytes:F0} |");
        }
    }
}

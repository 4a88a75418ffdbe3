using NanoMqtt.Host;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Bench;

/// <summary>The session engine's cost per message, its flash wear and its RAM footprint.</summary>
internal static class EngineBench
{
    private sealed class Handler : IMessageHandler
    {
        public int Deliver(PublishPacket message, byte[] effect, int offset, int capacity)
        {
            effect[offset] = 0;
            effect[offset + 1] = message.Payload.Length > 0 ? message.Payload[0] : (byte)0;
            return 2;
        }
        public void Commit() { }
        public void Forget() { }
        public void Restore(byte[] effect, int offset, int length) { }
    }

    private sealed class Loop
    {
        public readonly SessionEngine Engine;
        public readonly MemoryFileStore Store = new();
        private readonly byte[] _in = new byte[2048], _out = new byte[2048];
        private readonly PublishPacket _command = new() { Topic = Slice.FromString("nanomqtt/dev/out/relay/set"), Payload = Slice.FromString("on") };
        private readonly AckPacket _ack = new(PacketType.PubAck);
        private readonly Slice _topic = Slice.FromString("nanomqtt/dev/in/meter"), _payload = Slice.FromString("temperature=21.5");
        private ushort _incoming = 1;

        public Loop(SessionConfig config)
        {
            Engine = new SessionEngine(config, Store, new Handler());
            Engine.Open();
            Engine.BeginConnect(_out, 0);
            PacketEncoder.Encode(new ConnAckPacket(), config.Version, _in, 0, 0, out int n);
            Engine.Receive(_in, 0, n, out _);
            while (Engine.NextOutput(_out, 0) > 0) { }
        }

        /// <summary>Publish at <paramref name="qos"/> and complete the flow as a broker would.</summary>
        public void PublishOne(byte qos)
        {
            Engine.Publish(_topic, _payload, qos, false);
            int n = Engine.NextOutput(_out, 0);
            var decoder = Decoder;
            decoder.Decode(_out, 0, n);
            ushort id = decoder.Publish.PacketId;
            Feed(qos == 1 ? PacketType.PubAck : PacketType.PubRec, id);
            if (qos == 2) Feed(PacketType.PubComp, id);
        }

        /// <summary>A command arrives at <paramref name="qos"/> and is dispatched and acknowledged.</summary>
        public void ReceiveOne(byte qos)
        {
            _command.QoS = qos;
            _command.PacketId = _incoming;
            PacketEncoder.Encode(_command, MqttVersion.V500, _in, 0, 0, out int n);
            Engine.Receive(_in, 0, n, out _);
            while (Engine.NextOutput(_out, 0) > 0) { }
            if (qos == 2) Feed(PacketType.PubRel, _incoming);
            _incoming = (ushort)(_incoming % 60000 + 1);
        }

        private void Feed(PacketType type, ushort id)
        {
            _ack.SetType(type);
            _ack.PacketId = id;
            PacketEncoder.Encode(_ack, MqttVersion.V500, _in, 0, 0, out int n);
            Engine.Receive(_in, 0, n, out _);
            while (Engine.NextOutput(_out, 0) > 0) { }
        }

        private static readonly PacketDecoder Decoder = PacketDecoder.ForServer(0, 1);
    }

    private static SessionConfig Defaults() => new()
    {
        ClientId = "nanomqtt-0011223344ff", WillTopic = "nanomqtt/nanomqtt-0011223344ff/status",
        Subscriptions = new[] { "nanomqtt/nanomqtt-0011223344ff/out/+/set" }, SubscriptionOptions = new byte[] { 2 },
    };

    public static void SteadyState(bool quick)
    {
        int n = quick ? 2000 : 100000;
        var loop = new Loop(Defaults());
        Console.WriteLine("| flow | ns per message | bytes allocated per message |");
        Console.WriteLine("|---|---|---|");
        foreach (byte qos in new byte[] { 1, 2 })
        {
            var p = Measure.Run(() => loop.PublishOne(qos), n);
            Console.WriteLine($"| publish QoS {qos} → {(qos == 1 ? "PUBACK" : "PUBREC → PUBREL → PUBCOMP")} | {p.Ns:F0} | {p.Bytes:F1} |");
        }
        foreach (byte qos in new byte[] { 1, 2 })
        {
            var r = Measure.Run(() => loop.ReceiveOne(qos), n);
            Console.WriteLine($"| receive QoS {qos} → dispatch → {(qos == 1 ? "PUBACK" : "PUBREC → PUBREL → PUBCOMP")} | {r.Ns:F0} | {r.Bytes:F1} |");
        }
        Console.WriteLine("(journal in RAM: this is the engine's CPU cost; flash time depends on the part)");
    }

    public static void Footprint(string repositoryRoot)
    {
        long Heap(SessionConfig c)
        {
            var store = new MemoryFileStore();
            var handler = new Handler();
            var existing = NanoHeapEstimate.Existing(c, store, handler);
            var e = new SessionEngine(c, store, handler);
            e.Open();
            return NanoHeapEstimate.Of(e, NanoHeapEstimate.LibraryTypes(), existing).Bytes;
        }
        var tight = Defaults();
        tight.MaxPacketSize = 512;
        tight.InflightCapacity = 4;
        tight.IncomingQoS2Capacity = 8;
        tight.OutboxMessages = 16;
        tight.OutboxBytes = 4096;
        tight.AppStateKeys = 4;
        Console.WriteLine("| profile | engine heap on the 32-bit nanoCLR (estimate: 12-byte blocks, structs as objects) |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| defaults: 1 KB packets, 16 in flight, 32 incoming QoS 2, 64-message outbox | {Heap(Defaults()):N0} bytes |");
        Console.WriteLine($"| tight: 512 B packets, 4 in flight, 8 incoming QoS 2, 16-message outbox | {Heap(tight):N0} bytes |");
        string nano = Path.Combine(repositoryRoot, "nano", "Library", "bin", "Debug", "net10.0", "NanoMqtt.dll");
        Console.WriteLine(File.Exists(nano)
            ? $"nano build of the library (mscorlib only): {new FileInfo(nano).Length:N0} bytes ({nano[(repositoryRoot.Length + 1)..]})"
            : "nano build of the library: run 'dotnet build nano' first to measure it");
    }
}

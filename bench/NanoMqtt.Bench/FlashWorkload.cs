using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;

namespace NanoMqtt.Bench;

/// <summary>
/// The flash scenarios' traffic, driven through the engine's public API only: a connected device
/// and a broker played packet by packet. A flow is qos1-out, qos2-out, qos1-in or qos2-in; in
/// mode "alone" each message's flow completes before the next one starts (one message a second);
/// in mode "drain" messages go in batches as a broker or a publishing app makes them: the broker
/// sends up to the device's Receive Maximum in one read and acknowledges what is in flight in one
/// read; the app publishes until the engine holds as much as it can take.
/// </summary>
internal sealed class FlashWorkload
{
    public static readonly string[] Flows = { "qos1-out", "qos2-out", "qos1-in", "qos2-in" };
    private const string Topic = "nanomqtt/nanomqtt-0011223344ff/in/door";
    private const string Payload = "{\"level\":1,\"n\":12345}";
    public static readonly int TopicBytes = Topic.Length, PayloadBytes = Payload.Length;
    /// <summary>The application's effect per command: the output's key and its level.</summary>
    public const int EffectBytes = 2;

    private sealed class Outputs : IMessageHandler
    {
        public int Applied;
        public int Deliver(PublishPacket message, byte[] effect, int offset, int capacity)
        {
            Applied++;
            // The GPIO app's effect: the output's key and its new level.
            effect[offset] = 1;
            effect[offset + 1] = (byte)(Applied & 1);
            return 2;
        }
        public void Commit() { }
        public void Forget() { }
        public void Restore(byte[] effect, int offset, int length) { }
    }

    private readonly SessionEngine _engine;
    private readonly Outputs _outputs = new();
    private readonly MqttVersion _version;
    private readonly byte[] _in = new byte[64 * 1024], _out = new byte[4096];
    private readonly PacketDecoder _sent = PacketDecoder.ForServer(0, 1);
    private readonly PublishPacket _command = new() { Topic = Slice.FromString("nanomqtt/nanomqtt-0011223344ff/out/relay-1/set"), Payload = Slice.FromString("toggle") };
    private readonly AckPacket _ack = new(PacketType.PubAck);
    private readonly Slice _topic = Slice.FromString(Topic), _payload = Slice.FromString(Payload);
    private readonly List<ushort> _inflight = new();
    private ushort _nextIncoming = 1;

    public static SessionConfig Config(MqttVersion version) => new()
    {
        Version = version,
        ClientId = "nanomqtt-0011223344ff", WillTopic = "nanomqtt/nanomqtt-0011223344ff/status",
        Subscriptions = new[] { "nanomqtt/nanomqtt-0011223344ff/out/+/set" }, SubscriptionOptions = new byte[] { 2 },
    };

    /// <summary>Journal parts for every workload (the bench's --parts option; the engine's default otherwise).</summary>
    public static int Parts = Journal.DefaultParts;

    public FlashWorkload(IFileStore files, MqttVersion version = MqttVersion.V500, int journalBytes = JournalSize.Default)
    {
        _version = version;
        var config = Config(version);
        config.JournalBytes = journalBytes;
        config.JournalParts = Parts;
        _engine = new SessionEngine(config, files, _outputs);
        _engine.Open();
        _engine.BeginConnect(_out, 0);
        PacketEncoder.Encode(new ConnAckPacket(), version, _in, 0, 0, out int n);
        _engine.Receive(_in, 0, n, out _);
        Drain();
        // The SUBACK for the subscription the CONNECT was followed by.
        var subAck = new SubAckPacket(PacketType.SubAck) { PacketId = LastSubscribeId, ReasonCodes = Slice.Of(new byte[] { 2 }) };
        PacketEncoder.Encode(subAck, version, _in, 0, 0, out n);
        _engine.Receive(_in, 0, n, out _);
        Drain();
    }

    public SessionEngine Engine => _engine;
    /// <summary>Drains of outgoing messages publish each burst as one batch (one commit).</summary>
    public bool Batched = true;
    public int Applied => _outputs.Applied;
    private ushort LastSubscribeId { get; set; }

    /// <summary>Runs <paramref name="messages"/> messages of <paramref name="flow"/> in <paramref name="mode"/>.</summary>
    public void Run(string flow, string mode, int messages)
    {
        bool alone = mode == "alone";
        switch (flow)
        {
            case "qos1-out": Publish(1, messages, alone); break;
            case "qos2-out": Publish(2, messages, alone); break;
            case "qos1-in": Receive(1, messages, alone); break;
            case "qos2-in": Receive(2, messages, alone); break;
            default: throw new ArgumentException("unknown flow " + flow);
        }
    }

    private void Publish(byte qos, int messages, bool alone)
    {
        int done = 0;
        while (done < messages)
        {
            int batch = 0;
            bool inBatch = Batched && !alone;
            if (inBatch) _engine.BeginBatch();
            while (done + batch < messages && (batch == 0 || !alone))
            {
                var result = _engine.Publish(_topic, _payload, qos, false);
                if (result != PublishResult.Accepted) break;
                batch++;
            }
            if (inBatch && _engine.EndBatch() != JournalStatus.Ok) throw new InvalidOperationException("the journal refused a batch");
            if (batch == 0) throw new InvalidOperationException("the engine took no message");
            int acked = 0;
            while (acked < batch)
            {
                Drain();
                if (_inflight.Count == 0) throw new InvalidOperationException("nothing in flight");
                acked += AcknowledgeInFlight(qos);
            }
            done += batch;
        }
    }

    // The broker acknowledges everything in flight in one read (QoS 2: PUBRECs, then PUBCOMPs).
    private int AcknowledgeInFlight(byte qos)
    {
        var sent = new List<ushort>(_inflight);
        _inflight.Clear();
        FeedAcks(qos == 1 ? PacketType.PubAck : PacketType.PubRec, sent);
        if (qos == 2)
        {
            var released = new List<ushort>(_released);
            _released.Clear();
            FeedAcks(PacketType.PubComp, released);
        }
        return sent.Count;
    }

    private readonly List<ushort> _released = new();

    private void Receive(byte qos, int messages, bool alone)
    {
        // The broker sends up to the Receive Maximum the device announces (half its QoS 2 id table).
        int window = alone ? 1 : Config(_version).IncomingQoS2Capacity / 2;
        int done = 0;
        while (done < messages)
        {
            int batch = Math.Min(window, messages - done);
            int length = 0;
            var ids = new List<ushort>();
            for (int i = 0; i < batch; i++)
            {
                _command.QoS = qos;
                _command.PacketId = _nextIncoming;
                ids.Add(_nextIncoming);
                _nextIncoming = (ushort)(_nextIncoming % 65535 + 1);
                PacketEncoder.Encode(_command, _version, _in, length, 0, out int n);
                length += n;
            }
            Feed(length);
            Drain();
            if (qos == 2)
            {
                FeedAcks(PacketType.PubRel, ids);
                Drain();
            }
            done += batch;
        }
    }

    private void FeedAcks(PacketType type, List<ushort> ids)
    {
        int length = 0;
        foreach (ushort id in ids)
        {
            _ack.SetType(type);
            _ack.PacketId = id;
            PacketEncoder.Encode(_ack, _version, _in, length, 0, out int n);
            length += n;
        }
        Feed(length);
    }

    private void Feed(int length)
    {
        int at = 0;
        while (at < length)
        {
            var st = _engine.Receive(_in, at, length - at, out int used);
            if (st != SessionStatus.Ok && st != SessionStatus.NeedMoreData) throw new InvalidOperationException("engine refused the broker's bytes: " + st);
            Drain();
            if (used == 0 && st == SessionStatus.NeedMoreData) throw new InvalidOperationException("engine stalled");
            at += used;
        }
    }

    // Sends what the engine has to send, noting what a broker must answer.
    private void Drain()
    {
        int n;
        while ((n = _engine.NextOutput(_out, 0)) > 0)
        {
            if (_sent.Decode(_out, 0, n) != DecodeStatus.Ok) continue;
            if (_sent.Type == PacketType.Publish) _inflight.Add(_sent.Publish.PacketId);
            else if (_sent.Type == PacketType.PubRel) _released.Add(_sent.Ack.PacketId);
            else if (_sent.Type == PacketType.Subscribe) LastSubscribeId = _sent.Subscribe.PacketId;
        }
    }
}

using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using NanoMqtt.Host;
using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Bench;

/// <summary>
/// Against Mosquitto on loopback: commands queued for an offline device; the link comes back;
/// time until the application has the first and the last of them. NanoMqtt (session engine,
/// link driver, TCP, journal on disk) vs an MQTTnet client resuming the same kind of session.
/// </summary>
internal static class ResumeLatency
{
    private sealed class Counter : IMessageHandler
    {
        public int Count;
        public long FirstTicks;
        public long LastTicks;
        private int _delivered;
        public int Deliver(PublishPacket message, byte[] effect, int offset, int capacity)
        {
            _delivered++;
            return 0;
        }
        // The messages of one read are acted on together, once they are on flash.
        public void Commit()
        {
            bool first = Count == 0;
            Count += _delivered;
            _delivered = 0;
            long now = Stopwatch.GetTimestamp();
            if (first) FirstTicks = now;
            LastTicks = now;
        }
        public void Forget() => _delivered = 0;
        public void Restore(byte[] effect, int offset, int length) { }
    }

    public static (double First, double Last, int Reconnects) NanoMqtt(int port, int messages, int qos, MqttVersion version)
    {
        string folder = Path.Combine(Path.GetTempPath(), "nanomqtt-bench-dev-" + Guid.NewGuid().ToString("N"));
        try
        {
            string id = "bench-" + Guid.NewGuid().ToString("N")[..8];
            var session = new SessionConfig
            {
                Version = version, ClientId = id, Subscriptions = new[] { $"b/{id}/cmd" }, SubscriptionOptions = new[] { (byte)qos },
                JournalBytes = 1 << 20,
            };
            var link = new LinkConfig { Host = "127.0.0.1", Port = port, ReadTimeoutMs = 1, BackoffBaseMs = 1 };
            var handler = new Counter();
            var engine = new SessionEngine(session, new DirectoryFileStore(folder), handler);
            engine.Open();
            var driver = new LinkDriver(engine, session, link, new TcpTransport(2000), new SystemClock(), new SystemRandom());
            while (driver.State != LinkState.Online || engine.State.PendingSubscribeId != 0) driver.Poll();
            driver.SetNetworkAvailable(false);
            Publish(port, $"b/{id}/cmd", messages, qos);
            handler.Count = 0;
            long start = Stopwatch.GetTimestamp();
            int sessions = driver.Sessions;
            driver.SetNetworkAvailable(true);
            var timeout = Stopwatch.StartNew();
            string firstError = "";
            while (handler.Count < messages && timeout.ElapsedMilliseconds < 30000)
            {
                driver.Poll();
                while (driver.TryGetEvent(out var e, out int arg))
                    if (e == SessionEvent.ProtocolError && firstError == "") firstError = $"{e} {arg} after {handler.Count} (incoming {engine.State.Incoming.Count})";
            }
            if (handler.Count < messages) throw new InvalidOperationException($"NanoMqtt got {handler.Count}/{messages} (connections {driver.Sessions}, last error {driver.LastError}, incoming {engine.State.Incoming.Count}, journal {engine.Journal.Length} B, {engine.Journal.Compactions} compactions, first error {firstError})");
            return (Ms(start, handler.FirstTicks), Ms(start, handler.LastTicks), driver.Sessions - sessions - 1);
        }
        finally
        {
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    public static (double First, double Last) MqttNet(int port, int messages, int qos, MqttVersion version)
    {
        string id = "bench-mqttnet-" + Guid.NewGuid().ToString("N")[..8];
        var factory = new MqttClientFactory();
        using var client = factory.CreateMqttClient();
        var protocol = version == MqttVersion.V500 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311;
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(id).WithProtocolVersion(protocol)
            .WithCleanSession(false).WithSessionExpiryInterval(3600).Build();
        int count = 0;
        long first = 0, last = 0;
        client.ApplicationMessageReceivedAsync += e =>
        {
            long now = Stopwatch.GetTimestamp();
            if (Interlocked.Increment(ref count) == 1) first = now;
            last = now;
            return Task.CompletedTask;
        };
        client.ConnectAsync(options).GetAwaiter().GetResult();
        client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"b/{id}/cmd", (MqttQualityOfServiceLevel)qos).Build()).GetAwaiter().GetResult();
        client.DisconnectAsync().GetAwaiter().GetResult();
        Publish(port, $"b/{id}/cmd", messages, qos);
        count = 0;
        long start = Stopwatch.GetTimestamp();
        client.ConnectAsync(options).GetAwaiter().GetResult();
        var timeout = Stopwatch.StartNew();
        while (Volatile.Read(ref count) < messages && timeout.ElapsedMilliseconds < 30000) Thread.SpinWait(100);
        if (count < messages) throw new InvalidOperationException($"MQTTnet got {count}/{messages}");
        client.DisconnectAsync().GetAwaiter().GetResult();
        return (Ms(start, first), Ms(start, last));
    }

    private static void Publish(int port, string topic, int messages, int qos)
    {
        using var backend = new MqttClientFactory().CreateMqttClient();
        backend.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("backend-" + Guid.NewGuid().ToString("N")[..6]).Build()).GetAwaiter().GetResult();
        for (int i = 0; i < messages; i++)
            backend.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("cmd" + i).WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).Build()).GetAwaiter().GetResult();
        backend.DisconnectAsync().GetAwaiter().GetResult();
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}

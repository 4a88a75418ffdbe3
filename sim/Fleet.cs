using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using NanoMqtt.Link;

namespace NanoMqtt.Sim;

/// <summary>
/// Many virtual devices in one process against one broker. The storm: every device online; all
/// links cut; a backend queues one QoS 1 and one QoS 2 command per device; the broker becomes
/// unreachable and the links come back, so every device fails, backs off with jitter and retries;
/// then the broker returns. Reports reconnect percentiles, peak connects per second and lost commands.
/// </summary>
public static class Fleet
{
    public static async Task<bool> StormAsync(int count, string host, int port, TextWriter output, int outageMs = 3000)
    {
        string root = Path.Combine(Path.GetTempPath(), "nanomqtt-fleet-" + Guid.NewGuid().ToString("N"));
        await using var proxy = new OutageProxy(host, port);
        proxy.Start();
        var devices = new List<VirtualDevice>(count);
        try
        {
            var board = Setup.Board("esp32-devkitc");
            for (int i = 0; i < count; i++)
            {
                var config = Setup.Config(null, "127.0.0.1", proxy.Port, false, null, null, null, $"nanomqtt-fleet-{i:D4}", null);
                var d = new VirtualDevice(config, board, Path.Combine(root, config.ClientId), readTimeoutMs: 0, backoffBaseMs: 1000, backoffCapMs: 8000);
                devices.Add(d);
            }
            output.WriteLine($"fleet: {count} devices against {host}:{port}");
            var clock = Stopwatch.StartNew();
            foreach (var d in devices) d.SetLink(true);
            if (!Run(devices, () => devices.All(d => d.Driver.State == LinkState.Online && d.Engine.State.HasFingerprint), 60000))
            {
                output.WriteLine($"only {devices.Count(d => d.Driver.State == LinkState.Online)} of {count} came online");
                return false;
            }
            output.WriteLine($"all online and subscribed in {clock.ElapsedMilliseconds} ms");

            foreach (var d in devices) d.SetLink(false);
            using (var backend = new MqttClientFactory().CreateMqttClient())
            {
                await backend.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId("fleet-backend-" + Guid.NewGuid().ToString("N")[..6]).Build());
                foreach (var d in devices)
                {
                    await Send(backend, $"{d.Prefix}/out/relay-1/set", "on", 1);
                    await Send(backend, $"{d.Prefix}/out/relay-2/set", "toggle", 2);
                }
                await backend.DisconnectAsync();
            }
            output.WriteLine($"queued {2 * count} commands (QoS 1 'on', QoS 2 'toggle') while the devices were offline");

            proxy.Stop();
            foreach (var d in devices) d.SetLink(true);
            Run(devices, () => false, outageMs);
            int attempts = devices.Sum(d => d.Driver.Attempts);
            output.WriteLine($"broker unreachable for {outageMs} ms: {attempts} connection attempts in all, backing off with jitter");
            proxy.Start();
            var back = clock.ElapsedMilliseconds;
            var onlineAt = new long[count];
            var connects = new List<long>();
            bool done = Run(devices, () =>
            {
                for (int i = 0; i < count; i++)
                {
                    if (onlineAt[i] != 0 || devices[i].Driver.State != LinkState.Online) continue;
                    onlineAt[i] = clock.ElapsedMilliseconds - back;
                    connects.Add(onlineAt[i]);
                }
                return devices.All(d => d.Commands.Applied >= 2 && d.Engine.State.Incoming.Count == 0);
            }, 120000);
            var sorted = onlineAt.OrderBy(t => t).ToArray();
            long P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
            int peak = connects.Count == 0 ? 0 : connects.Max(t => connects.Count(u => u >= t && u < t + 1000));
            int lost = devices.Count(d => !(d.Lamp("relay-1") && d.Lamp("relay-2") && d.Commands.Applied == 2));
            bool resumed = devices.All(d => d.LastSessionPresent);
            output.WriteLine($"reconnect after the broker returned: p50 {P(0.5)} ms, p90 {P(0.9)} ms, p99 {P(0.99)} ms, max {sorted[^1]} ms; peak {peak} connects/s");
            output.WriteLine($"sessions resumed: {devices.Count(d => d.LastSessionPresent)}/{count}; commands lost or applied twice: {lost} device(s)");
            return done && lost == 0 && resumed;
        }
        finally
        {
            foreach (var d in devices) d.SetLink(false);
            try { Directory.Delete(root, true); } catch (IOException) { }
        }
    }

    /// <summary>Runs <paramref name="count"/> devices against the broker, with a status line every 5 s, until <paramref name="seconds"/> pass (0: until stopped).</summary>
    public static void Run(int count, string host, int port, TextWriter output, int seconds)
    {
        string root = Path.Combine(Environment.CurrentDirectory, ".nanomqtt-sim", "fleet");
        var board = Setup.Board("esp32-devkitc");
        var devices = new List<VirtualDevice>(count);
        for (int i = 0; i < count; i++)
        {
            var config = Setup.Config(null, host, port, false, null, null, null, $"nanomqtt-fleet-{i:D4}", null);
            devices.Add(new VirtualDevice(config, board, Path.Combine(root, config.ClientId), readTimeoutMs: 0, backoffBaseMs: 1000, backoffCapMs: 60000));
        }
        output.WriteLine($"fleet: {count} devices against {host}:{port}; journals in {root}; command one with: mosquitto_pub -h {host} -p {port} -t '{devices[0].Prefix}/out/relay-1/set' -m on -q 1");
        var stop = seconds > 0 ? DateTime.UtcNow.AddSeconds(seconds) : DateTime.MaxValue;
        var next = DateTime.UtcNow;
        while (DateTime.UtcNow < stop)
        {
            foreach (var d in devices) d.Step();
            if (DateTime.UtcNow >= next)
            {
                next = DateTime.UtcNow.AddSeconds(5);
                output.WriteLine($"{DateTime.Now:HH:mm:ss} online {devices.Count(d => d.Driver.State == LinkState.Online)}/{count}, " +
                    $"resumed {devices.Count(d => d.LastSessionPresent)}, commands applied {devices.Sum(d => d.Commands.Applied)}, refused {devices.Sum(d => d.Commands.Refused)}, " +
                    $"in flight {devices.Sum(d => d.Engine.State.Inflight.Count)}, queued {devices.Sum(d => d.Engine.State.Outbox.Count)}");
            }
            Thread.Sleep(1);
        }
        foreach (var d in devices) d.SetLink(false);
    }

    private static bool Run(List<VirtualDevice> devices, Func<bool> done, int timeoutMs)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            foreach (var d in devices) d.Step();
            if (done()) return true;
            Thread.Sleep(1);
        }
        return false;
    }

    private static Task Send(IMqttClient client, string topic, string payload, int qos) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).Build());
}

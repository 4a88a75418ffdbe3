using System.Globalization;
using NanoMqtt.Bench;
using NanoMqtt.Protocol;

// Usage: dotnet run -c Release --project bench/NanoMqtt.Bench [-- --quick]
bool quick = args.Contains("--quick");
int runs = quick ? 2 : 15;
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

Console.WriteLine($"NanoMqtt benchmarks ({(quick ? "quick" : "full")}: {runs} runs each, median), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine();
Console.WriteLine("Resume latency against Mosquitto on loopback: link restored -> first / 100th queued command in the application");
Console.WriteLine("| version | QoS | NanoMqtt first | NanoMqtt 100th | MQTTnet first | MQTTnet 100th | ratio 100th (MQTTnet / NanoMqtt) |");
Console.WriteLine("|---|---|---|---|---|---|---|");
using (var mosquitto = new Mosquitto())
{
    foreach (var version in new[] { MqttVersion.V311, MqttVersion.V500 })
        foreach (int qos in new[] { 1, 2 })
        {
            ResumeLatency.NanoMqtt(mosquitto.Port, 100, qos, version);
            ResumeLatency.MqttNet(mosquitto.Port, 100, qos, version);
            var nano = Enumerable.Range(0, runs).Select(_ => ResumeLatency.NanoMqtt(mosquitto.Port, 100, qos, version)).ToList();
            var peer = Enumerable.Range(0, runs).Select(_ => ResumeLatency.MqttNet(mosquitto.Port, 100, qos, version)).ToList();
            double nf = Median(nano.Select(x => x.First)), nl = Median(nano.Select(x => x.Last));
            double pf = Median(peer.Select(x => x.First)), pl = Median(peer.Select(x => x.Last));
            Console.WriteLine($"| {(version == MqttVersion.V500 ? "5.0" : "3.1.1")} | {qos} | {nf:F1} ms | {nl:F1} ms | {pf:F1} ms | {pl:F1} ms | {pl / nl:F2} |");
        }
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.OrderBy(v => v).ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

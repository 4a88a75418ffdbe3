using System.Globalization;
using NanoMqtt.Bench;
using NanoMqtt.Protocol;

// Usage: dotnet run -c Release --project bench/NanoMqtt.Bench [-- --quick] [--flash | --backlog] [--trace DIR] [--json FILE]
bool quick = args.Contains("--quick");
bool flashOnly = args.Contains("--flash");
bool backlogOnly = args.Contains("--backlog");
string? Option(string name) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
string? traceDir = Option("--trace");
string? jsonFile = Option("--json");
if (Option("--parts") is string parts) FlashWorkload.Parts = int.Parse(parts, CultureInfo.InvariantCulture);
int runs = quick ? 2 : 15;
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string root = FindRoot();

Console.WriteLine($"NanoMqtt benchmarks ({(quick ? "quick smoke run" : "full")}), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine();
if (!backlogOnly)
{
    Console.WriteLine("## Flash: journal commits and erases on the LittleFS cost model (ESP32 settings), per message");
    if (traceDir != null) Directory.CreateDirectory(traceDir);
    if (quick) FlashBench.WearMessages = 400_000;
    var flashRows = FlashBench.Run(root, traceDir);
    FlashBench.Print(flashRows);
    if (jsonFile != null) FlashBench.WriteJson(flashRows, jsonFile);
    Console.WriteLine();
    if (flashOnly) return;
    Console.WriteLine("## Codec: NanoMqtt vs MQTTnet 5.2's formatter, same packets (ns/op, best of 3; ratio = MQTTnet / NanoMqtt)");
    CodecBench.Run(quick);
    Console.WriteLine();
    Console.WriteLine("## Session engine, steady state per message");
    EngineBench.SteadyState(quick);
    Console.WriteLine();
    Console.WriteLine("## Footprint");
    EngineBench.Footprint(root);
    Console.WriteLine();
}

using (var mosquitto = new Mosquitto())
{
    if (!backlogOnly) ResumeLatencies(mosquitto.Port);
    Backlog(mosquitto.Port);
}

void ResumeLatencies(int port)
{
    Console.WriteLine($"## Resume latency against Mosquitto on loopback: link restored -> first / 100th queued command in the application (median of {runs})");
    Console.WriteLine("| version | QoS | NanoMqtt first | NanoMqtt 100th | MQTTnet first | MQTTnet 100th | ratio 100th (MQTTnet / NanoMqtt) |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    foreach (var version in new[] { MqttVersion.V311, MqttVersion.V500 })
        foreach (int qos in new[] { 1, 2 })
        {
            ResumeLatency.NanoMqtt(port, 100, qos, version);
            ResumeLatency.MqttNet(port, 100, qos, version);
            var nano = Enumerable.Range(0, runs).Select(_ => ResumeLatency.NanoMqtt(port, 100, qos, version)).ToList();
            var peer = Enumerable.Range(0, runs).Select(_ => ResumeLatency.MqttNet(port, 100, qos, version)).ToList();
            double nf = Median(nano.Select(x => x.First)), nl = Median(nano.Select(x => x.Last));
            double pf = Median(peer.Select(x => x.First)), pl = Median(peer.Select(x => x.Last));
            Console.WriteLine($"| {(version == MqttVersion.V500 ? "5.0" : "3.1.1")} | {qos} | {nf:F1} ms | {nl:F1} ms | {pf:F1} ms | {pl:F1} ms | {pl / nl:F2} |");
        }
    Console.WriteLine();
}

// Stock Mosquitto 2.0 sends past the Receive Maximum (each PUBCOMP for the oldest message in
// flight lets up to 32 more go), so the QoS 2 drain also counts the device's reconnects.
void Backlog(int port)
{
    int backlog = quick ? 200 : 1000;
    int drains = quick ? 1 : 5;
    Console.WriteLine($"## Backlog drain against Mosquitto (MQTT 5.0): {backlog} messages queued for an offline client, drained after reconnect (median of {drains})");
    Console.WriteLine("| QoS | NanoMqtt msg/s | NanoMqtt reconnects (worst) | MQTTnet msg/s | ratio (NanoMqtt / MQTTnet) |");
    Console.WriteLine("|---|---|---|---|---|");
    var rate = new Dictionary<int, double>();
    foreach (int qos in new[] { 1, 2 })
    {
        var nano = Enumerable.Range(0, drains).Select(_ => ResumeLatency.NanoMqtt(port, backlog, qos, MqttVersion.V500)).ToList();
        double nanoRate = Median(nano.Select(r => backlog / (r.Last / 1000)));
        double peer = Median(Enumerable.Range(0, drains).Select(_ => backlog / (ResumeLatency.MqttNet(port, backlog, qos, MqttVersion.V500).Last / 1000)));
        rate[qos] = nanoRate;
        Console.WriteLine($"| {qos} | {nanoRate:F0} | {nano.Max(r => r.Reconnects)} | {peer:F0} | {nanoRate / peer:F2} |");
    }
    Console.WriteLine($"NanoMqtt's QoS 2 drain took {rate[1] / rate[2]:F2}× the time of its QoS 1 drain.");
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.OrderBy(v => v).ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "NanoMqtt.Host.slnx"))) return dir.FullName;
    return Environment.CurrentDirectory;
}

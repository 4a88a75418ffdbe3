using System.Globalization;
using NanoMqtt.Bench;
using NanoMqtt.Protocol;

// Usage: dotnet run -c Release --project bench/NanoMqtt.Bench [-- --quick] [--flash] [--trace DIR] [--json FILE]
bool quick = args.Contains("--quick");
bool flashOnly = args.Contains("--flash");
string? Option(string name) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
string? traceDir = Option("--trace");
string? jsonFile = Option("--json");
if (Option("--parts") is string parts) FlashWorkload.Parts = int.Parse(parts, CultureInfo.InvariantCulture);
int runs = quick ? 2 : 15;
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string root = FindRoot();

Console.WriteLine($"NanoMqtt benchmarks ({(quick ? "quick smoke run" : "full")}), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine();
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

using (var mosquitto = new Mosquitto())
{
    Console.WriteLine($"## Resume latency against Mosquitto on loopback: link restored -> first / 100th queued command in the application (median of {runs})");
    Console.WriteLine("| version | QoS | NanoMqtt first | NanoMqtt 100th | MQTTnet first | MQTTnet 100th | ratio 100th (MQTTnet / NanoMqtt) |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
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
    Console.WriteLine();
    int backlog = quick ? 200 : 1000;
    int drains = quick ? 1 : 5;
    Console.WriteLine($"## Backlog drain against Mosquitto: {backlog} messages queued for an offline client, drained after reconnect (median of {drains})");
    Console.WriteLine("| QoS | NanoMqtt msg/s | MQTTnet msg/s | ratio (NanoMqtt / MQTTnet) |");
    Console.WriteLine("|---|---|---|---|");
    foreach (int qos in new[] { 1, 2 })
    {
        double nano = Median(Enumerable.Range(0, drains).Select(_ => backlog / (ResumeLatency.NanoMqtt(mosquitto.Port, backlog, qos, MqttVersion.V500).Last / 1000)));
        double peer = Median(Enumerable.Range(0, drains).Select(_ => backlog / (ResumeLatency.MqttNet(mosquitto.Port, backlog, qos, MqttVersion.V500).Last / 1000)));
        Console.WriteLine($"| {qos} | {nano:F0} | {peer:F0} | {nano / peer:F2} |");
    }
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

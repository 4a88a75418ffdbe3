using System.IO.Compression;
using System.Text.Json;
using NanoMqtt.Host.Flash;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;

namespace NanoMqtt.Bench;

/// <summary>
/// What the journal costs the ESP32's flash, on the LittleFS cost model (block 4096 B, program
/// 128 B, cache 512 B, inline 512 B), per flow and mode, side by side: this design, the design
/// before it (its recorded file operations replayed), a store that rewrites its whole queue on
/// every change, and the physical floor (the bytes the flow must record / 4096).
/// </summary>
internal static class FlashBench
{
    private const double EraseMs = 45;
    private const double SecondsPerYear = 365.25 * 24 * 3600;

    public sealed record Row(string Name, string Flow, string Mode, string Design, int Messages, long Commits, long Erases,
        long ProgrammedBytes, double FloorErases, double Years256PerSecond, double Years256PerMinute, double Years64PerSecond, double Years64PerMinute);

    private static readonly (string Mode, int Messages)[] Modes = { ("alone", 1000), ("drain", 100), ("drain", 1000) };

    /// <summary>Most messages a wear run sends. A wear run goes on until every block of the partition
    /// has been erased (LittleFS moves its metadata pair every 513 compactions, so only a run that has
    /// gone round the partition shows how the erases spread), or this many messages.</summary>
    public static int WearMessages = 2_000_000;

    public static List<Row> Run(string root, string? traceDir)
    {
        var rows = new List<Row>();
        foreach (string flow in FlashWorkload.Flows)
            foreach (var (mode, messages) in Modes)
            {
                string name = $"{flow}-{mode}-{messages}";
                double floor = FloorBytes(flow) * messages / 4096.0;
                rows.Add(NanoMqtt(name, flow, mode, messages, floor, traceDir, true));
                // Without the batch an app could use, each Publish of a burst is a commit of its own.
                if (mode == "drain" && flow.EndsWith("-out", StringComparison.Ordinal)) rows.Add(NanoMqtt(name, flow, mode, messages, floor, null, false));
                rows.Add(Before(root, name, flow, mode, messages, floor));
                rows.Add(RewriteQueue(name, flow, mode, messages, floor));
            }
        return rows;
    }

    public static void Print(List<Row> rows)
    {
        Console.WriteLine("| scenario | design | commits/msg | erases/msg | × floor | bytes programmed/msg | flash ms/msg | years 256 KB at 1/s · 1/min | years 64 KB at 1/s · 1/min |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            double n = r.Messages;
            string years64 = double.IsNaN(r.Years64PerSecond) ? "does not fit" : $"{Years(r.Years64PerSecond)} · {Years(r.Years64PerMinute)}";
            string years = r.Mode == "alone" ? $"{Years(r.Years256PerSecond)} · {Years(r.Years256PerMinute)}" : "";
            Console.WriteLine($"| {r.Name} | {r.Design} | {r.Commits / n:F2} | {r.Erases / n:F3} | {r.Erases / r.FloorErases:F1} | {r.ProgrammedBytes / n:F0} | {r.Erases / n * EraseMs:F1} | {years} | {(r.Mode == "alone" ? years64 : "")} |");
        }
        Console.WriteLine($"(floor: the bytes a flow must record / 4096 erases; flash time at {EraseMs:F0} ms per 4 KB erase; years: the hottest block at 100,000 cycles, as the model's allocator spread the erases)");
    }

    public static void WriteJson(List<Row> rows, string path)
    {
        var doc = new
        {
            scenarios = rows.Select(r => new
            {
                name = r.Name, flow = r.Flow, mode = r.Mode, design = r.Design, messages = r.Messages,
                commits = r.Commits, erases = r.Erases, programmed_bytes = r.ProgrammedBytes, floor_erases = Math.Round(r.FloorErases, 4),
                years_256k_1_per_s = Finite(r.Years256PerSecond), years_64k_1_per_s = Finite(r.Years64PerSecond),
            }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static double? Finite(double v) => double.IsFinite(v) ? Math.Round(v, 2) : null;

    private static string Years(double y) => double.IsPositiveInfinity(y) ? "∞" : y >= 100 ? $"{y:F0}" : $"{y:F1}";

    // What each flow must put on flash per message, at the least: the message and its completion
    // (out), the effect and the id (in), without any journal framing.
    private static int FloorBytes(string flow)
    {
        int message = RecordType.TopicAt + FlashWorkload.TopicBytes + FlashWorkload.PayloadBytes;
        return flow switch
        {
            "qos1-out" => message + 2,
            "qos2-out" => message + 2 + 2,
            "qos1-in" => FlashWorkload.EffectBytes,
            _ => 2 + FlashWorkload.EffectBytes + 2,
        };
    }

    private static Row NanoMqtt(string name, string flow, string mode, int messages, double floor, string? traceDir, bool batched)
    {
        StreamWriter? trace = traceDir == null ? null : new StreamWriter(Path.Combine(traceDir, name + ".trace"));
        try
        {
            var model = new LittleFsModel();
            IFileStore store = model;
            if (trace != null)
            {
                TracingFileStore.WriteHeader(trace, name, messages);
                store = new TracingFileStore(model, trace);
            }
            var workload = new FlashWorkload(store) { Batched = batched };
            trace?.WriteLine("# measure");
            var start = model.Snapshot();
            workload.Run(flow, mode, messages);
            var cost = model.Snapshot().Since(start);
            var (y1, y60) = mode == "alone" ? Wear(flow, 64, JournalSize.Default) : (double.NaN, double.NaN);
            var (s1, s60) = mode == "alone" ? Wear(flow, 16, JournalSize.ForPartition(64 * 1024)) : (double.NaN, double.NaN);
            return new Row(name, flow, mode, batched ? "nanomqtt" : "nanomqtt-per-publish", messages, cost.Commits, cost.Erases, cost.ProgrammedBytes, floor, y1, y60, s1, s60);
        }
        finally
        {
            trace?.Dispose();
        }
    }

    // One message a second until the erases have gone round a partition of <paramref name="blocks"/>
    // blocks, with the journal bound a partition that size gets: the years until its hottest block
    // wears out (conservative: the first round is the least even).
    private static (double, double) Wear(string flow, int blocks, int journalBytes)
    {
        var model = new LittleFsModel(blockCount: blocks);
        var workload = new FlashWorkload(model, MqttVersion.V500, journalBytes);
        model.Reset();
        return WearOut(model, n => workload.Run(flow, "alone", n));
    }

    private static (double, double) RewriteWear(string flow, int blocks)
    {
        var model = new LittleFsModel(blockCount: blocks);
        var store = new RewriteQueueStore(model);
        return WearOut(model, n => store.Run(flow, true, n));
    }

    private static (double, double) WearOut(LittleFsModel model, Action<int> send)
    {
        int sent = 0;
        const int chunk = 10_000;
        while (sent < WearMessages && model.EraseCounts.Any(c => c == 0))
        {
            send(chunk);
            sent += chunk;
        }
        return Life(model, model.Erases, sent);
    }

    private static (double PerSecond, double PerMinute) Life(LittleFsModel model, long erases, int messages)
    {
        double perMessage = (double)erases / messages;
        return (model.YearsToWearOut(perMessage), model.YearsToWearOut(perMessage / 60));
    }

    private static Row Before(string root, string name, string flow, string mode, int messages, double floor)
    {
        string path = Path.Combine(root, "bench", "NanoMqtt.Bench", "FlashTraces", "before", name + ".trace.gz");
        string[] lines;
        using (var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
            lines = reader.ReadToEnd().Split('\n');
        int split = Array.IndexOf(lines, "# measure");
        var model = new LittleFsModel();
        TraceReplay.Run(new StringReader(string.Join('\n', lines[..split])), model);
        var start = model.Snapshot();
        TraceReplay.Run(new StringReader(string.Join('\n', lines[split..])), model);
        var cost = model.Snapshot().Since(start);
        var (y1, y60) = Life(model, cost.Erases, messages);
        // Its default 64 KB journal cannot fit a 64 KB partition.
        return new Row(name, flow, mode, "before", messages, cost.Commits, cost.Erases, cost.ProgrammedBytes, floor, y1, y60, double.NaN, double.NaN);
    }

    private static Row RewriteQueue(string name, string flow, string mode, int messages, double floor)
    {
        var model = new LittleFsModel();
        var start = model.Snapshot();
        new RewriteQueueStore(model).Run(flow, mode == "alone", messages);
        var cost = model.Snapshot().Since(start);
        var (y1, y60) = mode == "alone" ? RewriteWear(flow, 64) : (double.NaN, double.NaN);
        var (s1, s60) = mode == "alone" ? RewriteWear(flow, 16) : (double.NaN, double.NaN);
        return new Row(name, flow, mode, "rewrite-queue", messages, cost.Commits, cost.Erases, cost.ProgrammedBytes, floor, y1, y60, s1, s60);
    }
}

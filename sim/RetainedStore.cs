using System.Buffers;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace NanoMqtt.Sim;

/// <summary>The embedded broker's retained messages in a JSON file: loaded at start, written on every change.</summary>
internal static class RetainedStore
{
    private sealed record Entry(string Topic, string Payload, int QoS);

    public static void Attach(MqttServer server, string file)
    {
        server.LoadingRetainedMessageAsync += e =>
        {
            e.LoadedRetainedMessages = Load(file);
            return Task.CompletedTask;
        };
        server.RetainedMessageChangedAsync += e =>
        {
            Save(file, e.StoredRetainedMessages);
            return Task.CompletedTask;
        };
        server.RetainedMessagesClearedAsync += _ =>
        {
            Save(file, new List<MqttApplicationMessage>());
            return Task.CompletedTask;
        };
    }

    private static List<MqttApplicationMessage> Load(string file)
    {
        if (!File.Exists(file)) return new();
        try
        {
            var entries = JsonSerializer.Deserialize<List<Entry>>(File.ReadAllText(file)) ?? new();
            return entries.Select(m => new MqttApplicationMessageBuilder().WithTopic(m.Topic).WithPayload(Convert.FromBase64String(m.Payload))
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)m.QoS).WithRetainFlag().Build()).ToList();
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            // A torn or foreign file loses only the retained messages, never the start.
            Console.Error.WriteLine($"warning: {file} is not a retained-message store ({e.Message}); starting without retained messages");
            return new();
        }
    }

    private static void Save(string file, IEnumerable<MqttApplicationMessage> messages)
    {
        var entries = messages.Select(m => new Entry(m.Topic, Convert.ToBase64String(m.Payload.ToArray()), (int)m.QualityOfServiceLevel)).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        string temp = file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(entries));
        File.Move(temp, file, overwrite: true);
    }
}

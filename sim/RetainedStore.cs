using System.Buffers;
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
        var entries = JsonFile.Load<List<Entry>>(file, "a retained-message store");
        try
        {
            return entries.Select(m => new MqttApplicationMessageBuilder().WithTopic(m.Topic).WithPayload(Convert.FromBase64String(m.Payload))
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)m.QoS).WithRetainFlag().Build()).ToList();
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"warning: {file} is not a retained-message store ({e.Message}); starting without it");
            return new();
        }
    }

    private static void Save(string file, IEnumerable<MqttApplicationMessage> messages) =>
        JsonFile.Save(file, messages.Select(m => new Entry(m.Topic, Convert.ToBase64String(m.Payload.ToArray()), (int)m.QualityOfServiceLevel)).ToList());
}

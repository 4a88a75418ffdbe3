using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace NanoMqtt.Sim;

/// <summary>
/// The embedded broker's persistent sessions in a JSON file, so they outlive the sim: for each
/// client that asked for one, its subscriptions and the QoS 1/2 messages queued for it and not yet
/// acknowledged. MQTTnet 5.2 cannot be handed a session, so at the next start each one is made
/// again the way a client makes it (connect without a clean start, subscribe, disconnect), and its
/// messages are queued into it; the device then finds Session Present 1 and its messages. What a
/// broker keeps of a QoS 2 flow half done (an id awaiting PUBREL) is not kept. Written when the
/// broker stops (the sim quits).
/// </summary>
internal sealed class SessionStore
{
    private sealed record Filter(string Topic, int QoS);
    private sealed record Message(string Topic, string Payload, int QoS, bool Retain);
    private sealed record Session(string ClientId, bool V5, uint Expiry, List<Filter> Filters, List<Message> Pending);

    private readonly string _file;
    private readonly ConcurrentDictionary<string, Session> _sessions = new();

    private SessionStore(string file) => _file = file;

    /// <summary>Follows <paramref name="server"/>'s sessions; call before it starts.</summary>
    public static SessionStore Attach(MqttServer server, string file)
    {
        var store = new SessionStore(file);
        server.ValidatingConnectionAsync += e =>
        {
            bool persistent = e.ProtocolVersion == MqttProtocolVersion.V500 ? e.CleanSession != true && e.SessionExpiryInterval > 0 : e.CleanSession == false;
            if (!persistent || string.IsNullOrEmpty(e.ClientId)) store._sessions.TryRemove(e.ClientId ?? "", out _);
            else store._sessions.AddOrUpdate(e.ClientId, id => new Session(id, e.ProtocolVersion == MqttProtocolVersion.V500, e.SessionExpiryInterval, new(), new()),
                (_, s) => s with { V5 = e.ProtocolVersion == MqttProtocolVersion.V500, Expiry = e.SessionExpiryInterval });
            return Task.CompletedTask;
        };
        server.ClientSubscribedTopicAsync += e => store.Change(e.ClientId, s =>
        {
            s.Filters.RemoveAll(f => f.Topic == e.TopicFilter.Topic);
            s.Filters.Add(new Filter(e.TopicFilter.Topic, (int)e.TopicFilter.QualityOfServiceLevel));
        });
        server.ClientUnsubscribedTopicAsync += e => store.Change(e.ClientId, s => s.Filters.RemoveAll(f => f.Topic == e.TopicFilter));
        server.ApplicationMessageEnqueuedOrDroppedAsync += e => store.Change(e.ReceiverClientId, s =>
        {
            var m = e.ApplicationMessage;
            if (!e.IsDropped && m.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
                s.Pending.Add(new Message(m.Topic, Convert.ToBase64String(m.Payload.ToArray()), (int)m.QualityOfServiceLevel, m.Retain));
        });
        server.ClientAcknowledgedPublishPacketAsync += e => store.Change(e.ClientId, s =>
        {
            if (!e.IsCompleted) return;
            string payload = Convert.ToBase64String(e.PublishPacket.Payload.ToArray());
            int i = s.Pending.FindIndex(m => m.Topic == e.PublishPacket.Topic && m.Payload == payload);
            if (i >= 0) s.Pending.RemoveAt(i);
        });
        server.SessionDeletedAsync += e =>
        {
            store._sessions.TryRemove(e.Id, out _);
            return Task.CompletedTask;
        };
        return store;
    }

    private Task Change(string clientId, Action<Session> change)
    {
        if (clientId != null && _sessions.TryGetValue(clientId, out var s))
        {
            lock (s) change(s);
        }
        return Task.CompletedTask;
    }

    /// <summary>Makes the stored sessions again in <paramref name="server"/> (started, on <paramref name="port"/>).</summary>
    public async Task RestoreAsync(MqttServer server, int port)
    {
        foreach (var saved in Load())
        {
            using var client = new MqttClientFactory().CreateMqttClient();
            var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(saved.ClientId).WithCleanStart(false)
                .WithProtocolVersion(saved.V5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311);
            if (saved.V5) options = options.WithSessionExpiryInterval(saved.Expiry);
            await client.ConnectAsync(options.Build());
            if (saved.Filters.Count > 0)
            {
                var subscribe = new MqttClientSubscribeOptionsBuilder();
                foreach (var f in saved.Filters) subscribe = subscribe.WithTopicFilter(f.Topic, (MqttQualityOfServiceLevel)f.QoS);
                await client.SubscribeAsync(subscribe.Build());
            }
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithSessionExpiryInterval(saved.Expiry).Build());
            var session = await server.GetSessionAsync(saved.ClientId);
            foreach (var m in saved.Pending)
            {
                session.TryEnqueueApplicationMessage(new MqttApplicationMessageBuilder().WithTopic(m.Topic)
                    .WithPayload(Convert.FromBase64String(m.Payload)).WithQualityOfServiceLevel((MqttQualityOfServiceLevel)m.QoS).WithRetainFlag(m.Retain).Build(), out _);
            }
        }
    }

    /// <summary>Writes the sessions to the file (atomically: a torn write leaves the previous one).</summary>
    public void Save()
    {
        var sessions = _sessions.Values.Select(s =>
        {
            lock (s) return s with { Filters = s.Filters.ToList(), Pending = s.Pending.ToList() };
        }).ToList();
        JsonFile.Save(_file, sessions);
    }

    private List<Session> Load() => JsonFile.Load<List<Session>>(_file, "a session store");
}

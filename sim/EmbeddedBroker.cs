using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace NanoMqtt.Sim;

/// <summary>An MQTTnet broker with persistent sessions on a free loopback port.</summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private SessionStore? _sessions;

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Session Expiry of the last DISCONNECT each client sent (5.0).</summary>
    public readonly System.Collections.Concurrent.ConcurrentDictionary<string, uint> LastDisconnectExpiry = new();

    /// <summary>
    /// A broker on a free loopback port. With <paramref name="retainedFile"/> its retained messages
    /// are kept in that file and come back at the next start; with <paramref name="sessionsFile"/>
    /// its persistent sessions do too (<see cref="SessionStore"/>), written when it stops.
    /// </summary>
    public static async Task<EmbeddedBroker> StartAsync(string? retainedFile = null, string? sessionsFile = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder().WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).WithPersistentSessions().Build();
        var server = factory.CreateMqttServer(options);
        var broker = new EmbeddedBroker(server, port);
        // MQTT 3.1.1 (3.1.3.1) lets a clean-session client connect with an empty ClientId and have
        // the broker give it one; mosquitto_pub and mosquitto_sub do so unless given -i. MQTTnet 5.2
        // assigns one only to 5.0 clients and refuses 3.1.1 ones, and its event exposes the CONNECT
        // read-only, so the identifier is written into the packet it validates (a test guards this).
        server.ValidatingConnectionAsync += e =>
        {
            if (string.IsNullOrEmpty(e.ClientId) && e.CleanSession == true) AssignClientId(e, "anonymous-" + Guid.NewGuid().ToString("N")[..12]);
            return Task.CompletedTask;
        };
        server.InterceptingInboundPacketAsync += e =>
        {
            if (e.Packet is MQTTnet.Packets.MqttDisconnectPacket d) broker.LastDisconnectExpiry[e.ClientId] = d.SessionExpiryInterval;
            // MQTTnet 5.2 acknowledges a QoS 1 PUBLISH with DUP=1 but never delivers it to a QoS 0
            // subscription (mosquitto_sub's), so the device's resend after a link cut would vanish
            // there. DUP tells the receiver nothing it may act on (MQTT 3.3.1.1): clearing it on
            // the way in changes nothing else.
            if (e.Packet is MQTTnet.Packets.MqttPublishPacket p && p.Dup) p.Dup = false;
            return Task.CompletedTask;
        };
        if (retainedFile != null) RetainedStore.Attach(server, retainedFile);
        if (sessionsFile != null) broker._sessions = SessionStore.Attach(server, sessionsFile);
        await server.StartAsync();
        if (broker._sessions != null) await broker._sessions.RestoreAsync(server, port);
        return broker;
    }

    private static readonly System.Reflection.FieldInfo? ConnectPacketField =
        typeof(ValidatingConnectionEventArgs).GetField("_connectPacket", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    private static void AssignClientId(ValidatingConnectionEventArgs e, string clientId)
    {
        e.AssignedClientIdentifier = clientId;
        if (ConnectPacketField?.GetValue(e) is MQTTnet.Packets.MqttConnectPacket connect) connect.ClientId = clientId;
    }

    /// <summary>True when the broker holds a session for <paramref name="clientId"/>.</summary>
    public async Task<bool> HasSessionAsync(string clientId) =>
        (await _server.GetSessionsAsync()).Any(s => s.Id == clientId);

    public async ValueTask DisposeAsync()
    {
        _sessions?.Save();
        await _server.StopAsync(new MqttServerStopOptionsBuilder().Build());
        _server.Dispose();
    }
}

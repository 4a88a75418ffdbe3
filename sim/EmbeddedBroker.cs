using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace NanoMqtt.Sim;

/// <summary>An MQTTnet broker with persistent sessions on a free loopback port.</summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Session Expiry of the last DISCONNECT each client sent (5.0).</summary>
    public readonly System.Collections.Concurrent.ConcurrentDictionary<string, uint> LastDisconnectExpiry = new();

    public static async Task<EmbeddedBroker> StartAsync()
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
        server.InterceptingInboundPacketAsync += e =>
        {
            if (e.Packet is MQTTnet.Packets.MqttDisconnectPacket d) broker.LastDisconnectExpiry[e.ClientId] = d.SessionExpiryInterval;
            return Task.CompletedTask;
        };
        await server.StartAsync();
        return broker;
    }

    /// <summary>True when the broker holds a session for <paramref name="clientId"/>.</summary>
    public async Task<bool> HasSessionAsync(string clientId) =>
        (await _server.GetSessionsAsync()).Any(s => s.Id == clientId);

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(new MqttServerStopOptionsBuilder().Build());
        _server.Dispose();
    }
}

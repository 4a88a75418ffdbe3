using System.Threading.Tasks;
using MQTTnet.Server;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>An in-process MQTTnet 5.2 broker with persistent sessions (always available).</summary>
    public sealed class MqttNetBroker : IBroker
    {
        private MqttServer _server;

        public MqttNetBroker()
        {
            Port = FreePort.Next();
        }

        public string Name => "MQTTnet";
        public int Port { get; }
        public bool SupportsV5 => true;
        public int Subscribes;

        public async Task StartAsync()
        {
            var factory = new MqttServerFactory();
            var options = factory.CreateServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback)
                .WithDefaultEndpointPort(Port)
                .WithPersistentSessions()
                .Build();
            _server = factory.CreateMqttServer(options);
            _server.InterceptingSubscriptionAsync += e =>
            {
                System.Threading.Interlocked.Increment(ref Subscribes);
                return Task.CompletedTask;
            };
            await _server.StartAsync();
        }

        public async Task StopAsync()
        {
            if (_server == null) return;
            await _server.StopAsync(new MqttServerStopOptionsBuilder().Build());
            _server.Dispose();
            _server = null;
        }

        public async ValueTask DisposeAsync() => await StopAsync();
    }
}

using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>Another client (MQTTnet) that publishes commands and watches topics.</summary>
    public sealed class Publisher : IPeer
    {
        private readonly IMqttClient _client;
        public List<(string Topic, string Payload, bool Retain)> Received { get; } = new();
        public string Name => "MQTTnet";

        private Publisher(IMqttClient client)
        {
            _client = client;
            _client.ApplicationMessageReceivedAsync += e =>
            {
                lock (Received) Received.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString(), e.ApplicationMessage.Retain));
                return Task.CompletedTask;
            };
        }

        public static async Task<Publisher> ConnectAsync(int port, string clientId = "backend", int version = 5, (string User, string Password)? credentials = null)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId)
                .WithProtocolVersion(version == 5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311).WithCleanStart(true);
            if (credentials is { } c) builder = builder.WithCredentials(c.User, c.Password);
            var options = builder.Build();
            await client.ConnectAsync(options);
            return new Publisher(client);
        }

        public Task PublishAsync(string topic, string payload, int qos, bool retain = false) =>
            _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).WithRetainFlag(retain).Build());

        public Task<bool> WaitAsync(Func<List<(string Topic, string Payload, bool Retain)>, bool> done, int timeoutMs) =>
            Peers.WaitAsync(Received, done, timeoutMs);

        public Task SubscribeAsync(string filter) =>
            _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());

        public async ValueTask DisposeAsync()
        {
            try { await _client.DisconnectAsync(); } catch (Exception) { }
            _client.Dispose();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>Another client (MQTTnet) that publishes commands and watches topics.</summary>
    public sealed class Publisher : IAsyncDisposable
    {
        private readonly IMqttClient _client;
        public readonly List<(string Topic, string Payload, bool Retain)> Received = new();

        private Publisher(IMqttClient client)
        {
            _client = client;
            _client.ApplicationMessageReceivedAsync += e =>
            {
                lock (Received) Received.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString(), e.ApplicationMessage.Retain));
                return Task.CompletedTask;
            };
        }

        public static async Task<Publisher> ConnectAsync(int port, string clientId = "backend")
        {
            var client = new MqttClientFactory().CreateMqttClient();
            var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId)
                .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true).Build();
            await client.ConnectAsync(options);
            return new Publisher(client);
        }

        public Task PublishAsync(string topic, string payload, int qos, bool retain = false) =>
            _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).WithRetainFlag(retain).Build());

        /// <summary>Waits until <paramref name="done"/> holds for what was received, or the timeout; false on timeout.</summary>
        public async Task<bool> WaitAsync(Func<List<(string Topic, string Payload, bool Retain)>, bool> done, int timeoutMs)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (DateTime.UtcNow < deadline)
            {
                lock (Received) if (done(Received)) return true;
                await Task.Delay(20);
            }
            lock (Received) return done(Received);
        }

        public Task SubscribeAsync(string filter) =>
            _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());

        public async ValueTask DisposeAsync()
        {
            try { await _client.DisconnectAsync(); } catch (Exception) { }
            _client.Dispose();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>Another client on the broker: the backend that commands the device, or an observer of what it publishes.</summary>
    public interface IPeer : IAsyncDisposable
    {
        /// <summary>The client library it is written with.</summary>
        string Name { get; }
        /// <summary>What arrived on its subscriptions, in order (lock it to read).</summary>
        List<(string Topic, string Payload, bool Retain)> Received { get; }
        /// <summary>Completes when the broker has acknowledged the message (PUBACK, PUBCOMP).</summary>
        Task PublishAsync(string topic, string payload, int qos, bool retain = false);
        /// <summary>Subscribes at QoS 1 and completes at SUBACK.</summary>
        Task SubscribeAsync(string filter);
        /// <summary>Waits until <paramref name="done"/> holds for what was received, or the timeout; false on timeout.</summary>
        Task<bool> WaitAsync(Func<List<(string Topic, string Payload, bool Retain)>, bool> done, int timeoutMs);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>The peers the scenarios take turns with: MQTTnet, paho-mqtt (Python) and MQTT.js (Node.js).</summary>
    public static class Peers
    {
        public static readonly string[] Kinds = { "paho", "mqttjs" };

        public static async Task<IPeer> ConnectAsync(string kind, IBroker broker, int version, string clientId)
        {
            var credentials = broker is ChildBroker child ? child.Credentials : null;
            if (kind == "mqttnet") return await Publisher.ConnectAsync(broker.Port, clientId, version, credentials);
            return await ScriptPeer.StartAsync(kind, broker.Port, clientId, version, credentials);
        }

        /// <summary>Whether <paramref name="payload"/> has arrived (safe while the device runs: messages arrive on the peer's threads).</summary>
        public static bool Has(IPeer peer, string payload) => CountOf(peer, payload) > 0;

        /// <summary>How many times <paramref name="payload"/> has arrived.</summary>
        public static int CountOf(IPeer peer, string payload)
        {
            lock (peer.Received) return peer.Received.Count(r => r.Payload == payload);
        }

        public static async Task<bool> WaitAsync(List<(string Topic, string Payload, bool Retain)> received,
            Func<List<(string Topic, string Payload, bool Retain)>, bool> done, int timeoutMs)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (DateTime.UtcNow < deadline)
            {
                lock (received) if (done(received)) return true;
                await Task.Delay(20);
            }
            lock (received) return done(received);
        }
    }
}

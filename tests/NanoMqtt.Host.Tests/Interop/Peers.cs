using System;
using System.Collections.Generic;
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

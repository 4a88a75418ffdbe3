using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// The brokers of the interop matrix, by name. A scenario that does not restart its broker shares
    /// one instance per name for the whole run (RabbitMQ alone takes about 10 s to boot); each
    /// scenario has a ClientId of its own, so shared brokers keep nothing of one for another.
    /// </summary>
    public static class InteropBrokers
    {
        /// <summary>Every broker × MQTT version the scenarios run against.</summary>
        public static readonly (string Broker, int Version)[] Matrix =
        {
            ("ejabberd", 5), ("ejabberd", 4), ("rabbitmq", 4), ("aedes", 4), ("aedes-redis", 4),
            ("mosquitto", 5), ("mosquitto", 4), ("mqttnet", 5), ("mqttnet", 4),
        };

        /// <summary>RabbitMQ 3.10 takes QoS 2 as QoS 1 both ways: PUBACK answers the device's QoS 2 PUBLISH,
        /// and the subscription is granted QoS 1, so a QoS 2 command arrives as QoS 1.</summary>
        public static bool DowngradesQoS2(string broker) => broker == "rabbitmq";

        private static readonly Dictionary<string, IBroker> Shared = new();

        public static IBroker Create(string name) => name switch
        {
            "ejabberd" => new EjabberdBroker(),
            "rabbitmq" => new RabbitMqBroker(),
            "aedes" => new AedesBroker(persistence: false),
            "aedes-redis" => new AedesBroker(persistence: true),
            "mosquitto" => new MosquittoBroker(persistence: true),
            "mqttnet" => new MqttNetBroker(),
            _ => throw new ArgumentException("no broker " + name),
        };

        /// <summary>A new instance, started: for scenarios that stop or restart their broker.</summary>
        public static async Task<IBroker> StartOwn(string name)
        {
            var broker = Create(name);
            if (broker is ChildBroker child) child.RequireInstalled();
            if (broker is MosquittoBroker) MosquittoBroker.RequireInstalled();
            await broker.StartAsync();
            return broker;
        }

        /// <summary>The run's shared instance, started on first use.</summary>
        public static async Task<IBroker> Get(string name)
        {
            IBroker broker;
            lock (Shared) Shared.TryGetValue(name, out broker);
            if (broker != null) return broker;
            broker = await StartOwn(name);
            lock (Shared) Shared[name] = broker;
            return broker;
        }

        public static async Task StopShared()
        {
            IBroker[] all;
            lock (Shared)
            {
                all = new IBroker[Shared.Count];
                Shared.Values.CopyTo(all, 0);
                Shared.Clear();
            }
            foreach (var broker in all) await broker.DisposeAsync();
        }

        /// <summary>A TestDevice with a ClientId of its own and the broker's credentials.</summary>
        public static TestDevice Device(IBroker broker, int version, int port = 0, string clientId = null)
        {
            var device = new TestDevice((NanoMqtt.Protocol.MqttVersion)version, port == 0 ? broker.Port : port,
                clientId ?? "nanomqtt-" + Guid.NewGuid().ToString("N")[..12]);
            if (broker is ChildBroker child && child.Credentials is { } c)
            {
                device.Session.UserName = c.User;
                device.Session.Password = c.Password;
                device.PowerOn();
            }
            return device;
        }
    }
}

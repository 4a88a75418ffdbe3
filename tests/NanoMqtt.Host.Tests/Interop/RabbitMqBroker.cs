using System.Diagnostics;
using System.IO;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// Debian's RabbitMQ 3.10 with its MQTT plugin (3.1.1 only): Clean Session 0 becomes a durable
    /// queue, kept in its own database across a restart; QoS 2 is taken and granted as QoS 1.
    /// </summary>
    public sealed class RabbitMqBroker : ChildBroker
    {
        private readonly int _amqpPort = FreePort.Next();
        private readonly int _distributionPort = FreePort.Next();
        private readonly string _node = "nanomqtt-" + System.Guid.NewGuid().ToString("N")[..8] + "@localhost";

        public RabbitMqBroker() : base("rabbitmq") { }

        public override string Name => "RabbitMQ 3.10";
        protected override string Binary => "/usr/lib/rabbitmq/bin/rabbitmq-server";
        protected override string Package => "apt-get install rabbitmq-server";
        protected override int StartTimeoutMs => 60000;

        protected override ProcessStartInfo StartInfo()
        {
            string config = Path.Combine(Folder, "rabbitmq.conf");
            File.WriteAllText(config,
                $"listeners.tcp.default = 127.0.0.1:{_amqpPort}\n" +
                $"mqtt.listeners.tcp.default = 127.0.0.1:{Port}\n" +
                "mqtt.allow_anonymous = true\n" +
                "loopback_users = none\n" +
                "log.file.level = warning\n" +
                "log.console = false\n");
            string plugins = Path.Combine(Folder, "enabled_plugins");
            File.WriteAllText(plugins, "[rabbitmq_mqtt].\n");
            var info = new ProcessStartInfo(Binary);
            info.Environment["RABBITMQ_NODENAME"] = _node;
            info.Environment["RABBITMQ_CONFIG_FILE"] = config;
            info.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins;
            info.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(Folder, "mnesia");
            info.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(Folder, "log");
            info.Environment["RABBITMQ_DIST_PORT"] = _distributionPort.ToString();
            info.Environment["RABBITMQ_PID_FILE"] = Path.Combine(Folder, "pid");
            info.Environment["HOME"] = Folder;
            return info;
        }
    }
}

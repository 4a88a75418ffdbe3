using System.Diagnostics;
using System.Threading.Tasks;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// Aedes 1.2 (npm, on Debian's Node.js; MQTT 3.1.1 only). Sessions live in Aedes's memory, or with
    /// <c>persistence</c> in a Redis server of this fixture's own, which outlives restarts of Aedes.
    /// </summary>
    public sealed class AedesBroker : ChildBroker
    {
        private readonly RedisServer _redis;

        public AedesBroker(bool persistence) : base("aedes")
        {
            if (persistence) _redis = new RedisServer();
        }

        public override string Name => _redis == null ? "Aedes 1.2 (memory)" : "Aedes 1.2 (Redis)";
        protected override string Binary => InteropFolder.NodeModule("aedes");
        protected override string Package => "npm ci in tests/interop (Node.js from Debian's nodejs)";

        public override async Task StartAsync()
        {
            if (_redis != null && !_redis.Running) await _redis.StartAsync();
            await base.StartAsync();
        }

        protected override ProcessStartInfo StartInfo() =>
            new ProcessStartInfo("node", $"{InteropFolder.File("aedes-broker.mjs")} {Port} {(_redis == null ? "" : _redis.Port.ToString())}")
            {
                WorkingDirectory = InteropFolder.Path,
            };

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (_redis != null) await _redis.DisposeAsync();
        }

        /// <summary>Debian's redis-server, in memory only: the store Aedes keeps its sessions in.</summary>
        private sealed class RedisServer : ChildBroker
        {
            public RedisServer() : base("redis") { }
            public bool Running { get; private set; }
            public override string Name => "Redis";
            protected override string Binary => "/usr/bin/redis-server";
            protected override string Package => "apt-get install redis-server";

            public override async Task StartAsync()
            {
                await base.StartAsync();
                Running = true;
            }

            protected override ProcessStartInfo StartInfo() =>
                new ProcessStartInfo(Binary, $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no --dir {Folder}");
        }
    }
}

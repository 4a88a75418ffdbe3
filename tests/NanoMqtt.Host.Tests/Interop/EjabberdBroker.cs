using System.Diagnostics;
using System.IO;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// Debian's ejabberd 23.01 with mod_mqtt (MQTT 5.0 and 3.1.1), its Erlang VM started directly so
    /// SIGTERM reaches it. ejabberd authenticates every MQTT client; anonymous login takes any user
    /// name with any password, but not an empty one.
    /// </summary>
    public sealed class EjabberdBroker : ChildBroker
    {
        private readonly int _sessionExpiry;

        /// <param name="sessionExpirySeconds">mod_mqtt's session_expiry: the longest the broker keeps a session (it clamps what clients ask).</param>
        public EjabberdBroker(int sessionExpirySeconds = 3600) : base("ejabberd")
        {
            _sessionExpiry = sessionExpirySeconds;
        }

        public override string Name => "ejabberd 23.01";
        public override bool SupportsV5 => true;
        public override (string User, string Password)? Credentials => ("device", "anonymous");
        protected override string Binary => "/usr/lib/x86_64-linux-gnu/ejabberd-23.01-1/ebin/mod_mqtt.beam";
        protected override string Package => "apt-get install ejabberd";

        protected override ProcessStartInfo StartInfo()
        {
            string config = Path.Combine(Folder, "ejabberd.yml");
            File.WriteAllText(config,
                "hosts:\n  - localhost\n" +
                "loglevel: warning\n" +
                "log_rotate_count: 0\n" +
                "auth_method: [anonymous]\n" +
                "anonymous_protocol: login_anon\n" +
                "listen:\n" +
                $"  - port: {Port}\n    ip: \"127.0.0.1\"\n    module: mod_mqtt\n    backlog: 1000\n" +
                "modules:\n" +
                $"  mod_mqtt:\n    session_expiry: {_sessionExpiry}\n    max_queue: 5000\n");
            string spool = Path.Combine(Folder, "spool");
            Directory.CreateDirectory(spool);
            var info = new ProcessStartInfo("/usr/bin/erl", $"-noinput -mnesia dir \"\\\"{spool}\\\"\" -s ejabberd");
            info.Environment["EJABBERD_CONFIG_PATH"] = config;
            info.Environment["EJABBERD_LOG_PATH"] = Path.Combine(Folder, "ejabberd.log");
            info.Environment["ERL_LIBS"] = "/usr/lib/x86_64-linux-gnu";
            info.Environment["HOME"] = Folder;
            return info;
        }
    }
}

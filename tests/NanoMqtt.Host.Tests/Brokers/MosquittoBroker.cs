using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// Debian's Mosquitto 2.0 as a child process on a free loopback port, with a config this
    /// fixture writes. Missing binary: the test fails (see <see cref="Missing"/>).
    /// </summary>
    public sealed class MosquittoBroker : IBroker
    {
        private readonly string _folder;
        private Process _process;

        public MosquittoBroker(bool persistence, int maxQueuedMessages = 1000)
        {
            Port = FreePort.Next();
            Persistence = persistence;
            MaxQueuedMessages = maxQueuedMessages;
            _folder = Path.Combine(Path.GetTempPath(), "nanomqtt-mosquitto-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_folder);
            // Started as root, mosquitto drops to its own user: it must be able to write its database here.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_folder, (UnixFileMode)0x1FF);
        }

        public string Name => Persistence ? "Mosquitto (persistence on)" : "Mosquitto (persistence off)";
        public int Port { get; }
        public bool SupportsV5 => true;
        public bool Persistence { get; }
        public int MaxQueuedMessages { get; }
        /// <summary>The fixture's folder (certificates and the password file go here).</summary>
        public string Folder => _folder;
        /// <summary>When set, a TLS listener on <see cref="TlsPort"/> with these certificates.</summary>
        public TestCertificates Tls { get; set; }
        public int TlsPort { get; } = FreePort.Next();
        /// <summary>With <see cref="Tls"/>: the TLS listener accepts only clients with a certificate its CA signed (require_certificate true).</summary>
        public bool RequireCertificate { get; set; }
        /// <summary>When set, only this user (with this password) may connect.</summary>
        public (string User, string Password)? Account { get; set; }

        public static string Binary
        {
            get
            {
                foreach (var candidate in new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" })
                {
                    if (File.Exists(candidate)) return candidate;
                }
                return null;
            }
        }

        /// <summary>Fails the test when Mosquitto is not installed (see <see cref="Missing"/>).</summary>
        public static void RequireInstalled()
        {
            if (Binary == null) Missing.Report("Mosquitto", "apt-get install mosquitto");
        }

        public async Task StartAsync()
        {
            RequireInstalled();
            string config = Path.Combine(_folder, "mosquitto.conf");
            string access = "allow_anonymous true\n";
            if (Account is { } account)
            {
                string passwords = Path.Combine(_folder, "passwords");
                using (var tool = Process.Start(new ProcessStartInfo("mosquitto_passwd", $"-b -c {passwords} {account.User} {account.Password}") { UseShellExecute = false }))
                    await tool.WaitForExitAsync();
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwords, (UnixFileMode)0x1A4);
                access = $"allow_anonymous false\npassword_file {passwords}\n";
            }
            string tls = Tls == null ? "" :
                $"listener {TlsPort} 127.0.0.1\ncafile {Tls.CaFile}\ncertfile {Tls.CertFile}\nkeyfile {Tls.KeyFile}\n" +
                (RequireCertificate ? "require_certificate true\n" : "");
            File.WriteAllText(config,
                "per_listener_settings false\n" +
                $"listener {Port} 127.0.0.1\n" +
                tls +
                access +
                $"persistence {(Persistence ? "true" : "false")}\n" +
                $"persistence_location {_folder}/\n" +
                "autosave_interval 1\n" +
                $"max_queued_messages {MaxQueuedMessages}\n" +
                "log_dest none\n");
            _process = Process.Start(new ProcessStartInfo(Binary, $"-c {config}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            for (int i = 0; i < 100; i++)
            {
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync("127.0.0.1", Port);
                    return;
                }
                catch (SocketException)
                {
                    if (_process.HasExited) throw new InvalidOperationException("mosquitto exited: " + _process.StandardError.ReadToEnd());
                    await Task.Delay(50);
                }
            }
            throw new TimeoutException("mosquitto did not start listening");
        }

        /// <summary>Stops the broker the way a service stop does (SIGTERM), so it saves persistence.</summary>
        public async Task StopAsync()
        {
            if (_process == null || _process.HasExited)
            {
                _process = null;
                return;
            }
            using (var kill = Process.Start("kill", $"-TERM {_process.Id}")) await kill.WaitForExitAsync();
            if (!_process.WaitForExit(5000)) _process.Kill();
            _process = null;
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            try { Directory.Delete(_folder, true); } catch (IOException) { }
        }
    }
}

using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// A broker written by others, run as a child process with a configuration this fixture writes
    /// into its own folder, on a free loopback port. Not installed: the test fails (see <see cref="Missing"/>).
    /// </summary>
    public abstract class ChildBroker : IBroker
    {
        private Process _process;
        private string _output = "";

        protected ChildBroker(string kind)
        {
            Port = FreePort.Next();
            Folder = Path.Combine(Path.GetTempPath(), "nanomqtt-" + kind + "-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
        }

        public abstract string Name { get; }
        public int Port { get; }
        public virtual bool SupportsV5 => false;
        /// <summary>The user and password every client must give, or null when the broker takes anonymous clients.</summary>
        public virtual (string User, string Password)? Credentials => null;
        protected string Folder { get; }
        /// <summary>How long a start may take before it counts as failed (RabbitMQ boots in about 10 s).</summary>
        protected virtual int StartTimeoutMs => 30000;
        /// <summary>What the package provides, and its Debian or npm name for the error.</summary>
        protected abstract string Binary { get; }
        protected abstract string Package { get; }
        protected abstract ProcessStartInfo StartInfo();

        public void RequireInstalled()
        {
            if (!File.Exists(Binary)) Missing.Report($"{Name} ({Binary})", Package);
        }

        public virtual async Task StartAsync()
        {
            RequireInstalled();
            var info = StartInfo();
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            info.UseShellExecute = false;
            _process = Process.Start(info);
            _process.OutputDataReceived += (_, e) => Keep(e.Data);
            _process.ErrorDataReceived += (_, e) => Keep(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            var deadline = DateTime.UtcNow.AddMilliseconds(StartTimeoutMs);
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync("127.0.0.1", Port);
                    return;
                }
                catch (SocketException)
                {
                    if (_process.HasExited) throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}): {Output}");
                    await Task.Delay(100);
                }
            }
            throw new TimeoutException($"{Name} did not listen on {Port} within {StartTimeoutMs} ms: {Output}");
        }

        private void Keep(string line)
        {
            if (line == null) return;
            lock (this)
            {
                _output += line + "\n";
                if (_output.Length > 4000) _output = _output[^4000..];
            }
        }

        /// <summary>The last lines the broker printed (for failure messages).</summary>
        public string Output { get { lock (this) return _output; } }

        /// <summary>Stops the broker the way a service stop does (SIGTERM), so it saves what it persists.</summary>
        public async Task StopAsync()
        {
            if (_process == null) return;
            if (!_process.HasExited)
            {
                using (var kill = Process.Start("kill", $"-TERM {_process.Id}")) await kill.WaitForExitAsync();
                if (!_process.WaitForExit(20000)) _process.Kill(true);
            }
            _process.Dispose();
            _process = null;
        }

        public virtual async ValueTask DisposeAsync()
        {
            await StopAsync();
            try { Directory.Delete(Folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

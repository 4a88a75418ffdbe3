using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NanoMqtt.Bench;

/// <summary>Mosquitto on a free loopback port, in-memory sessions, for the length of a benchmark.</summary>
internal sealed class Mosquitto : IDisposable
{
    private readonly Process _process;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nanomqtt-bench-" + Guid.NewGuid().ToString("N"));

    public int Port { get; }

    public Mosquitto()
    {
        string binary = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed (apt-get install mosquitto)");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        Directory.CreateDirectory(_folder);
        string config = Path.Combine(_folder, "mosquitto.conf");
        File.WriteAllText(config, $"listener {Port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 100000\nlog_dest none\n");
        _process = Process.Start(new ProcessStartInfo(binary, $"-c {config}") { UseShellExecute = false, RedirectStandardError = true })!;
        for (int i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException("mosquitto did not start");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}

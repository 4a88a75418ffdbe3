using System.Net;
using System.Net.Sockets;

namespace NanoMqtt.Sim;

/// <summary>
/// A TCP relay in front of the broker that the fleet storm switches off and on: while off it
/// refuses connections and drops the open ones, which is what a broker outage looks like to devices.
/// </summary>
public sealed class OutageProxy : IAsyncDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly List<TcpClient> _open = new();
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    public OutageProxy(string host, int port)
    {
        _host = host;
        _port = port;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public void Start()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start(1024);
        _ = Accept(_listener, _stop.Token);
    }

    /// <summary>The outage: refuse new connections and cut every open one.</summary>
    public void Stop()
    {
        _stop.Cancel();
        _listener?.Stop();
        lock (_open)
        {
            foreach (var c in _open) c.Dispose();
            _open.Clear();
        }
    }

    private async Task Accept(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient device;
            try { device = await listener.AcceptTcpClientAsync(stop); }
            catch (Exception) { return; }
            var broker = new TcpClient { NoDelay = true };
            device.NoDelay = true;
            try { await broker.ConnectAsync(_host, _port, stop); }
            catch (Exception)
            {
                device.Dispose();
                continue;
            }
            lock (_open)
            {
                _open.Add(device);
                _open.Add(broker);
            }
            _ = Pipe(device, broker, stop);
            _ = Pipe(broker, device, stop);
        }
    }

    private static async Task Pipe(TcpClient from, TcpClient to, CancellationToken stop)
    {
        var buffer = new byte[8192];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            int n;
            while ((n = await input.ReadAsync(buffer, stop)) > 0) await output.WriteAsync(buffer.AsMemory(0, n), stop);
        }
        catch (Exception)
        {
        }
        from.Dispose();
        to.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}

using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>A real broker the tests start, stop and restart on a loopback port.</summary>
    public interface IBroker : IAsyncDisposable
    {
        string Name { get; }
        int Port { get; }
        bool SupportsV5 { get; }
        Task StartAsync();
        Task StopAsync();
    }

    internal static class FreePort
    {
        public static int Next()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}

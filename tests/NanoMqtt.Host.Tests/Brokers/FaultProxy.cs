using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// A TCP proxy between the device and the broker that sees MQTT packet boundaries and can cut
    /// the connection before a chosen packet or after N bytes, stall it, or black-hole it (the
    /// half-open link: both ends think they are connected, nothing gets through).
    /// </summary>
    public sealed class FaultProxy : IAsyncDisposable
    {
        public enum Direction { ToBroker, ToDevice }

        private readonly TcpListener _listener;
        private readonly int _brokerPort;
        private readonly CancellationTokenSource _stop = new();
        private readonly object _gate = new();
        private readonly List<(Direction Direction, byte Type, byte Flags, int Connection)> _packets = new();
        private (Direction Direction, int Type, int Occurrence)? _cutRule;
        private int _connection;
        private TcpClient _device;
        private TcpClient _broker;

        public FaultProxy(int brokerPort)
        {
            _brokerPort = brokerPort;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = AcceptLoop();
        }

        public int Port { get; }

        /// <summary>When set, nothing is forwarded and nothing is closed.</summary>
        public volatile bool BlackHole;

        /// <summary>Connections accepted so far.</summary>
        public int Connections => _connection;

        /// <summary>Cut the connection instead of forwarding the <paramref name="occurrence"/>-th (1-based) packet of this type in this direction.</summary>
        public void CutBefore(Direction direction, int packetType, int occurrence = 1)
        {
            lock (_gate) _cutRule = (direction, packetType, occurrence);
        }

        /// <summary>Cut the connection once <paramref name="bytes"/> more bytes have gone in <paramref name="direction"/>
        /// (mid-packet when the count falls inside one: only the bytes before the cut are forwarded).</summary>
        public void CutAfterBytes(Direction direction, int bytes)
        {
            lock (_gate) _byteRule = (direction, bytes);
        }

        private (Direction Direction, int Bytes)? _byteRule;

        /// <summary>True once the cut rule has fired.</summary>
        public bool CutFired { get; private set; }

        /// <summary>Drops the current connection now.</summary>
        public void CutNow()
        {
            lock (_gate) Close();
        }

        /// <summary>Packets seen: direction, type, fixed-header flags and the connection number.</summary>
        public List<(Direction Direction, byte Type, byte Flags, int Connection)> Packets
        {
            get { lock (_gate) return new List<(Direction, byte, byte, int)>(_packets); }
        }

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient device;
                try { device = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (Exception) { return; }
                var broker = new TcpClient();
                try { await broker.ConnectAsync(IPAddress.Loopback, _brokerPort); }
                catch (SocketException)
                {
                    device.Dispose();
                    continue;
                }
                int number;
                lock (_gate)
                {
                    Close();
                    _device = device;
                    _broker = broker;
                    number = ++_connection;
                }
                _ = Pump(device, broker, Direction.ToBroker, number);
                _ = Pump(broker, device, Direction.ToDevice, number);
            }
        }

        private async Task Pump(TcpClient from, TcpClient to, Direction direction, int connection)
        {
            var buffer = new byte[65536];
            var pending = new MemoryStream();
            try
            {
                var input = from.GetStream();
                var output = to.GetStream();
                while (true)
                {
                    int n = await input.ReadAsync(buffer, _stop.Token);
                    // A black hole closes nothing either: the other side stays half-open until it is lifted.
                    while (n == 0 && BlackHole) await Task.Delay(20, _stop.Token);
                    if (n == 0) break;
                    if (BlackHole) continue;
                    bool cutHere = false;
                    lock (_gate)
                    {
                        if (_byteRule is { } b && b.Direction == direction)
                        {
                            if (n >= b.Bytes)
                            {
                                n = b.Bytes;
                                cutHere = true;
                                _byteRule = null;
                            }
                            else _byteRule = (direction, b.Bytes - n);
                        }
                    }
                    if (cutHere)
                    {
                        // Forward the bytes before the cut as they are, whole packets or not, then drop the link.
                        if (n > 0) await output.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
                        lock (_gate)
                        {
                            CutFired = true;
                            Close();
                        }
                        return;
                    }
                    pending.Write(buffer, 0, n);
                    // Forward whole packets only, so a cut falls exactly on a boundary.
                    byte[] data = pending.ToArray();
                    int used = 0;
                    while (TryFrame(data, used, out int length))
                    {
                        byte type = (byte)(data[used] >> 4);
                        bool cut;
                        lock (_gate)
                        {
                            if (connection != _connection) return;
                            _packets.Add((direction, type, (byte)(data[used] & 0x0F), connection));
                            int seen = 0;
                            foreach (var p in _packets) if (p.Direction == direction && p.Type == type) seen++;
                            cut = _cutRule is { } rule && rule.Direction == direction && rule.Type == type && rule.Occurrence == seen;
                            if (cut)
                            {
                                _cutRule = null;
                                CutFired = true;
                                Close();
                            }
                        }
                        if (cut) return;
                        await output.WriteAsync(data.AsMemory(used, length), _stop.Token);
                        used += length;
                    }
                    pending.SetLength(0);
                    pending.Write(data, used, data.Length - used);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
            }
            lock (_gate)
            {
                if (connection == _connection) Close();
            }
        }

        private static bool TryFrame(byte[] data, int offset, out int length)
        {
            length = 0;
            int remaining = 0;
            int multiplier = 1;
            for (int i = 1; i <= 4; i++)
            {
                if (offset + i >= data.Length) return false;
                int b = data[offset + i];
                remaining += (b & 0x7F) * multiplier;
                multiplier *= 128;
                if ((b & 0x80) == 0)
                {
                    length = 1 + i + remaining;
                    return offset + length <= data.Length;
                }
            }
            return false;
        }

        private void Close()
        {
            _device?.Dispose();
            _broker?.Dispose();
            _device = null;
            _broker = null;
        }

        public ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_gate) Close();
            return ValueTask.CompletedTask;
        }
    }
}

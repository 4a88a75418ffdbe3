using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using NanoMqtt.Link;

namespace NanoMqtt.Esp32
{
    /// <summary>
    /// TCP, optionally TLS 1.2, to the broker over <see cref="Socket"/> and <see cref="NetworkStream"/>
    /// (<see cref="SslStream"/> for TLS: on nanoFramework it is a NetworkStream built on the socket).
    /// With a CA certificate the broker's chain must lead to it; without one the device's stored CA
    /// bundle decides (mbedTLS, SslVerification.CertificateRequired). A client certificate (or the
    /// one stored on the device) is presented for mutual TLS. Exceptions of the network stack become
    /// return codes and <see cref="LastError"/>, as <see cref="ITransport"/> asks.
    /// </summary>
    /// <remarks>
    /// What can hold the device, and what is done about it:
    /// <list type="bullet">
    /// <item>DNS (lwIP getaddrinfo) blocks the whole nanoCLR: the address is resolved once and kept
    /// until a connect to it fails; an address literal is never looked up.</item>
    /// <item>Socket.Connect waits (in managed code, other threads run) until lwIP connects or gives up
    /// its SYN retries: nanoFramework offers no connect timeout.</item>
    /// <item>The TLS handshake runs mbedTLS on a blocking socket with no read timeout: a peer that
    /// stops answering holds the whole device. TCP keep-alive (idle <see cref="KeepIdleS"/> s, then
    /// <see cref="KeepCount"/> probes <see cref="KeepIntervalS"/> s apart) makes lwIP drop a peer that
    /// has gone; one that keeps answering TCP and never sends TLS cannot be bounded.</item>
    /// <item>A TLS write busy-loops while the TCP send buffer is full: every write waits
    /// (in managed code) until the socket is writable, and hands over at most
    /// <see cref="WriteChunk"/> bytes, less than lwIP's writable threshold.</item>
    /// </list>
    /// </remarks>
    public sealed class SocketTransport : ITransport
    {
        /// <summary>Seconds of silence before lwIP's first keep-alive probe.</summary>
        public const int KeepIdleS = 30;
        /// <summary>Seconds between keep-alive probes.</summary>
        public const int KeepIntervalS = 5;
        /// <summary>Unanswered probes before lwIP drops the connection.</summary>
        public const int KeepCount = 3;
        /// <summary>Largest write handed to the stack at once (a TLS record of it fits what a writable socket holds).</summary>
        public const int WriteChunk = 1024;

        // lwIP's TCP-level option numbers, passed through by nanoFramework.
        private const int TcpKeepIdle = 3;
        private const int TcpKeepInterval = 4;
        private const int TcpKeepCount = 5;

        private readonly X509Certificate _ca;
        private readonly X509Certificate _clientCertificate;
        private readonly bool _storedDeviceCertificate;
        private readonly int _ioTimeoutMs;
        private Socket _socket;
        private NetworkStream _stream;
        private string _resolvedHost;
        private IPAddress _resolved;

        /// <summary>
        /// A transport that trusts <paramref name="ca"/> (null: the device's CA bundle), presents
        /// <paramref name="clientCertificate"/> (with its key) or, with
        /// <paramref name="storedDeviceCertificate"/>, the device's own, and gives up a blocked
        /// send or read after <paramref name="ioTimeoutMs"/>.
        /// </summary>
        public SocketTransport(X509Certificate ca, X509Certificate clientCertificate, bool storedDeviceCertificate, int ioTimeoutMs)
        {
            _ca = ca;
            _clientCertificate = clientCertificate;
            _storedDeviceCertificate = storedDeviceCertificate;
            _ioTimeoutMs = ioTimeoutMs;
            LastError = "";
        }

        /// <inheritdoc/>
        public string LastError { get; private set; }

        /// <inheritdoc/>
        public bool Open(string host, int port, bool tls)
        {
            Close();
            Socket socket = null;
            try
            {
                IPAddress address = Resolve(host);
                if (address == null)
                {
                    LastError = "no IPv4 address for " + host;
                    return false;
                }
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, true);
                KeepAlive(socket);
                socket.SendTimeout = _ioTimeoutMs;
                socket.ReceiveTimeout = _ioTimeoutMs;
                Connect(socket, address, port);
                _stream = tls ? Handshake(socket, host) : new NetworkStream(socket, true);
                _socket = socket;
                return true;
            }
            catch (Exception e)
            {
                LastError = Describe(e);
                if (_stream == null && socket != null) socket.Close();
                _stream = null;
                _socket = null;
                return false;
            }
        }

        private static void KeepAlive(Socket socket)
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, (SocketOptionName)TcpKeepIdle, KeepIdleS);
            socket.SetSocketOption(SocketOptionLevel.Tcp, (SocketOptionName)TcpKeepInterval, KeepIntervalS);
            socket.SetSocketOption(SocketOptionLevel.Tcp, (SocketOptionName)TcpKeepCount, KeepCount);
        }

        private void Connect(Socket socket, IPAddress address, int port)
        {
            try
            {
                socket.Connect(new IPEndPoint(address, port));
            }
            catch
            {
                // The broker may have moved: look it up again at the next attempt.
                _resolved = null;
                throw;
            }
        }

        private SslStream Handshake(Socket socket, string host)
        {
            SslStream ssl = new SslStream(socket);
            try
            {
                ssl.UseStoredDeviceCertificate = _storedDeviceCertificate;
                ssl.AuthenticateAsClient(host, _clientCertificate, _ca, SslProtocols.Tls12);
                return ssl;
            }
            catch
            {
                ssl.Dispose();
                throw;
            }
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (_stream == null) return -1;
            try
            {
                // TLS may hold decrypted bytes the socket no longer shows; ask the stream first.
                if (!_stream.DataAvailable && !_socket.Poll(timeoutMs * 1000, SelectMode.SelectRead)) return 0;
                int n = _stream.Read(buffer, offset, count);
                if (n > 0) return n;
                // Readable with nothing to read is the peer's FIN; a TLS record without data is not.
                return _socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0 ? -1 : 0;
            }
            catch (Exception e)
            {
                LastError = Describe(e);
                return -1;
            }
        }

        /// <inheritdoc/>
        public bool Write(byte[] buffer, int offset, int count)
        {
            if (_stream == null) return false;
            try
            {
                while (count > 0)
                {
                    // Waiting here lets the other threads run; a TLS write into a full buffer would not.
                    if (!_socket.Poll(_ioTimeoutMs * 1000, SelectMode.SelectWrite))
                    {
                        LastError = "the broker took nothing for " + _ioTimeoutMs.ToString() + " ms (send buffer full)";
                        return false;
                    }
                    int n = count < WriteChunk ? count : WriteChunk;
                    _stream.Write(buffer, offset, n);
                    offset += n;
                    count -= n;
                }
                return true;
            }
            catch (Exception e)
            {
                LastError = Describe(e);
                return false;
            }
        }

        /// <inheritdoc/>
        public void Close()
        {
            NetworkStream stream = _stream;
            Socket socket = _socket;
            _stream = null;
            _socket = null;
            try
            {
                // Closing the stream closes its socket (owned by the NetworkStream; the SslStream closes it itself).
                if (stream != null) stream.Close();
                else if (socket != null) socket.Close();
            }
            catch (Exception)
            {
                // Already broken: nothing more to release.
            }
        }

        private IPAddress Resolve(string host)
        {
            if (_resolved != null && _resolvedHost == host) return _resolved;
            _resolvedHost = host;
            _resolved = IsAddressLiteral(host) ? IPAddress.Parse(host) : LookUp(host);
            return _resolved;
        }

        private static IPAddress LookUp(string host)
        {
            IPAddress[] addresses = Dns.GetHostEntry(host).AddressList;
            for (int i = 0; i < addresses.Length; i++)
            {
                if (addresses[i] != null && addresses[i].AddressFamily == AddressFamily.InterNetwork) return addresses[i];
            }
            return null;
        }

        private static bool IsAddressLiteral(string host)
        {
            int dots = 0;
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                if (c == '.') dots++;
                else if (c < '0' || c > '9') return false;
            }
            return dots == 3;
        }

        private static string Describe(Exception e)
        {
            SocketException socketError = e as SocketException;
            if (socketError != null) return "socket error " + socketError.ErrorCode.ToString();
            return e.GetType().FullName + (e.Message != null && e.Message.Length > 0 ? ": " + e.Message : "");
        }
    }
}

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
    /// bundle decides (mbedTLS, SslVerification.CertificateRequired). Exceptions of the network
    /// stack become return codes and <see cref="LastError"/>, as <see cref="ITransport"/> asks.
    /// </summary>
    /// <remarks>
    /// Socket.Connect blocks until lwIP connects or gives up: nanoFramework offers no connect
    /// timeout, so an unreachable broker holds one attempt for lwIP's SYN retry time.
    /// </remarks>
    public sealed class SocketTransport : ITransport
    {
        private readonly X509Certificate _ca;
        private readonly int _ioTimeoutMs;
        private Socket _socket;
        private NetworkStream _stream;

        /// <summary>A transport that trusts <paramref name="ca"/> (null: the device's CA bundle) and gives up a blocked send or TLS read after <paramref name="ioTimeoutMs"/>.</summary>
        public SocketTransport(X509Certificate ca, int ioTimeoutMs)
        {
            _ca = ca;
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
                socket.SendTimeout = _ioTimeoutMs;
                socket.ReceiveTimeout = _ioTimeoutMs;
                socket.Connect(new IPEndPoint(address, port));
                if (tls)
                {
                    SslStream ssl = new SslStream(socket);
                    try
                    {
                        ssl.AuthenticateAsClient(host, null, _ca, SslProtocols.Tls12);
                    }
                    catch
                    {
                        ssl.Dispose();
                        throw;
                    }
                    _stream = ssl;
                }
                else
                {
                    _stream = new NetworkStream(socket, true);
                }
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
                _stream.Write(buffer, offset, count);
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

        private static IPAddress Resolve(string host)
        {
            IPAddress[] addresses = Dns.GetHostEntry(host).AddressList;
            for (int i = 0; i < addresses.Length; i++)
            {
                if (addresses[i] != null && addresses[i].AddressFamily == AddressFamily.InterNetwork) return addresses[i];
            }
            return null;
        }

        private static string Describe(Exception e)
        {
            SocketException socketError = e as SocketException;
            if (socketError != null) return "socket error " + socketError.ErrorCode.ToString();
            return e.GetType().FullName + (e.Message != null && e.Message.Length > 0 ? ": " + e.Message : "");
        }
    }
}

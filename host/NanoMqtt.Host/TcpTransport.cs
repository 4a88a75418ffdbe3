using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using NanoMqtt.Link;

namespace NanoMqtt.Host;

/// <summary>TCP, optionally TLS, to the broker. A CA file pins the broker's chain; without one the system store decides.</summary>
public sealed class TcpTransport : ITransport
{
    private readonly int _connectTimeoutMs;
    private readonly X509Certificate2? _ca;
    private Socket? _socket;
    private Stream? _stream;
    private bool _tlsMayHoldMore;

    public TcpTransport(int connectTimeoutMs = 10000, string? caFile = null)
    {
        _connectTimeoutMs = connectTimeoutMs;
        if (caFile != null) _ca = X509CertificateLoader.LoadCertificateFromFile(caFile);
    }

    public string LastError { get; private set; } = "";

    public bool Open(string host, int port, bool tls)
    {
        Close();
        try
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            var connect = socket.ConnectAsync(host, port);
            if (!connect.Wait(_connectTimeoutMs))
            {
                socket.Dispose();
                LastError = $"connect timeout after {_connectTimeoutMs} ms";
                return false;
            }
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (tls)
            {
                var ssl = new SslStream(stream, false, ValidateServer);
                ssl.AuthenticateAsClient(host);
                stream = ssl;
            }
            _socket = socket;
            _stream = stream;
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or AggregateException or System.Security.Authentication.AuthenticationException)
        {
            LastError = (e is AggregateException a ? a.InnerException ?? a : e).Message;
            Close();
            return false;
        }
    }

    private bool ValidateServer(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_ca == null) return errors == SslPolicyErrors.None;
        if (certificate == null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(new X509Certificate2(certificate));
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        if (_socket == null || _stream == null) return -1;
        try
        {
            if (!_tlsMayHoldMore && !_socket.Poll(timeoutMs * 1000, SelectMode.SelectRead)) return 0;
            int n = _stream.Read(buffer, offset, count);
            // A TLS record can hold more than one read takes; the rest is buffered where Poll cannot see it.
            _tlsMayHoldMore = _stream is SslStream && n == count;
            return n == 0 ? -1 : n;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            LastError = e.Message;
            return -1;
        }
    }

    public bool Write(byte[] buffer, int offset, int count)
    {
        if (_stream == null) return false;
        try
        {
            _stream.Write(buffer, offset, count);
            _stream.Flush();
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            LastError = e.Message;
            return false;
        }
    }

    public void Close()
    {
        try { _stream?.Dispose(); } catch (IOException) { }
        _stream = null;
        _socket = null;
        _tlsMayHoldMore = false;
    }
}

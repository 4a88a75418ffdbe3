using System;
using System.Diagnostics;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using NanoMqtt.Link;

namespace NanoMqtt.Host;

/// <summary>
/// TCP, optionally TLS, to the broker. A CA file pins the broker's chain; without one the system
/// store decides. A client certificate (PEM, with its PEM private key) is presented for mutual TLS.
/// Every file is read in the constructor: one that is missing or wrong throws there, never in
/// <see cref="Open"/>. In TLS 1.3 a broker refuses a client certificate (or its absence) only
/// after the handshake is complete on this side, so when it asked for one <see cref="Open"/>
/// waits for its verdict: the refusal is then a failed <see cref="Open"/> that says why, not a
/// connection lost while sending CONNECT.
/// </summary>
public sealed class TcpTransport : ITransport
{
    private readonly int _connectTimeoutMs;
    private readonly X509Certificate2? _ca;
    private readonly X509Certificate2? _clientCertificate;
    private Socket? _socket;
    private Stream? _stream;
    private bool _tlsMayHoldMore;
    // A zero-byte read started after a TLS 1.3 handshake to hear the broker's verdict; pending
    // until the broker sends application data (CONNACK), and taken by the first Read.
    private Task<int>? _verdict;

    /// <param name="connectTimeoutMs">TCP connect timeout.</param>
    /// <param name="caFile">CA certificate that must have signed the broker's certificate, or null for the system store.</param>
    /// <param name="clientCertFile">client certificate (PEM) for mutual TLS, or null for none.</param>
    /// <param name="clientKeyFile">its private key (PEM, PKCS#8 or PKCS#1), or null when <paramref name="clientCertFile"/> holds it too.</param>
    /// <param name="clientKeyPassword">the password of an encrypted PKCS#8 key, or null. Never part of a message.</param>
    /// <exception cref="FileNotFoundException">a file that does not exist.</exception>
    /// <exception cref="InvalidDataException">a file that cannot be read or is not what it should be; the message names it.</exception>
    public TcpTransport(int connectTimeoutMs = 10000, string? caFile = null, string? clientCertFile = null, string? clientKeyFile = null, string? clientKeyPassword = null)
    {
        _connectTimeoutMs = connectTimeoutMs;
        if (caFile != null) _ca = LoadCa(caFile);
        if (clientCertFile != null) _clientCertificate = LoadClientCertificate(clientCertFile, clientKeyFile ?? clientCertFile, clientKeyPassword);
        else if (clientKeyFile != null || clientKeyPassword != null) throw new ArgumentException("a client key without a client certificate");
    }

    public string LastError { get; private set; } = "";

    /// <summary>The client certificate presented in the TLS handshake, or null.</summary>
    public X509Certificate2? ClientCertificate => _clientCertificate;

    public bool Open(string host, int port, bool tls)
    {
        Close();
        bool asked = false;
        Socket? socket = null;
        Stream? stream = null;
        try
        {
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            var connect = socket.ConnectAsync(host, port);
            if (!connect.Wait(_connectTimeoutMs))
            {
                socket.Dispose();
                LastError = $"connect timeout after {_connectTimeoutMs} ms";
                return false;
            }
            stream = new NetworkStream(socket, ownsSocket: true);
            if (tls)
            {
                var ssl = new SslStream(stream, false);
                stream = ssl;
                var options = new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    RemoteCertificateValidationCallback = ValidateServer,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    // The device's one certificate, whatever issuers the broker lists: the broker decides.
                    LocalCertificateSelectionCallback = (_, _, _, remote, _) =>
                    {
                        // Called again, with the broker's certificate, when the broker sends a CertificateRequest.
                        if (remote != null) asked = true;
                        return _clientCertificate!;
                    },
                };
                if (_clientCertificate != null) options.ClientCertificates = new X509CertificateCollection { _clientCertificate };
                var handshake = Stopwatch.StartNew();
                ssl.AuthenticateAsClient(options);
                if (ssl.SslProtocol == SslProtocols.Tls13 && (asked || ssl.IsMutuallyAuthenticated)
                    && AwaitVerdict(ssl, socket, (int)Math.Min(Math.Max(2 * handshake.ElapsedMilliseconds, 100), Math.Max(_connectTimeoutMs, 1))) is string refused)
                {
                    LastError = refused;
                    ssl.Dispose();
                    return false;
                }
            }
            _socket = socket;
            _stream = stream;
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or AggregateException or AuthenticationException)
        {
            // "Authentication failed, see inner exception": the inner one says what (the broker's alert, say).
            string reason = e is AuthenticationException && e.InnerException != null ? "TLS handshake failed: " + Innermost(e)
                : (e is AggregateException a ? a.InnerException ?? a : e).Message;
            // TLS 1.2: a broker that wants a client certificate refuses in the handshake.
            LastError = (asked && _clientCertificate == null ? "the broker asked for a client certificate and none is set; " : "") + reason;
            Discard(stream, socket);
            return false;
        }
    }

    private static void Discard(Stream? stream, Socket? socket)
    {
        try { stream?.Dispose(); } catch (IOException) { }
        socket?.Dispose();
    }

    // Null when the broker took the client's certificate (or went on without one), else why not.
    // A broker that refuses sends an alert and closes; one that accepts sends its session tickets,
    // which SslStream takes without ending a read, or nothing until CONNECT is answered.
    private string? AwaitVerdict(SslStream ssl, Socket socket, int waitMs)
    {
        var until = Environment.TickCount64 + waitMs;
        // The first records after the handshake, seen on the socket before SslStream takes them.
        socket.Poll(waitMs * 1000, SelectMode.SelectRead);
        var read = ssl.ReadAsync(Memory<byte>.Empty).AsTask();
        var done = ((IAsyncResult)read).AsyncWaitHandle;
        // Taken from the socket and the read still pending: tickets, not an alert.
        while (!done.WaitOne(20) && socket.Available > 0 && Environment.TickCount64 < until)
        {
        }
        string refusal = _clientCertificate == null
            ? "the broker asked for a client certificate and none is set; it ended the TLS session"
            : $"the broker did not accept the client certificate ({_clientCertificate.Subject})";
        if (read.IsFaulted) return refusal + ": " + Innermost(read.Exception!);
        if (!read.IsCompleted)
        {
            _verdict = read;
            return null;
        }
        // Completed: application data is waiting in SslStream, or the broker closed without an alert.
        if (socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0) return refusal + ": the connection was closed";
        _tlsMayHoldMore = true;
        return null;
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException != null) e = e.InnerException;
        return e.Message;
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

    private static X509Certificate2 LoadCa(string file)
    {
        Readable("CA certificate", file);
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(file);
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException($"CA certificate {file}: not a certificate (PEM or DER): {e.Message}", e);
        }
    }

    // The certificate with its private key, re-imported from PKCS#12: a key imported from PEM is
    // ephemeral, and SslStream cannot sign with an ephemeral key on Windows and macOS (Linux can;
    // one path everywhere).
    private static X509Certificate2 LoadClientCertificate(string certFile, string keyFile, string? password)
    {
        string certText = Readable("client certificate", certFile);
        string keyText = keyFile == certFile ? certText : Readable("client key", keyFile);
        try
        {
            X509Certificate2.CreateFromPem(certText).Dispose();
        }
        catch (CryptographicException)
        {
            throw new InvalidDataException($"client certificate {certFile}: no PEM certificate in it (-----BEGIN CERTIFICATE-----), or a malformed one");
        }
        bool encrypted = keyText.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        if (keyText.Contains("Proc-Type: 4,ENCRYPTED"))
            throw new InvalidDataException($"client key {keyFile}: encrypted the legacy OpenSSL way, which is not supported; convert it: openssl pkcs8 -topk8 -in {keyFile} -out key.pem");
        if (encrypted && password == null)
            throw new InvalidDataException($"client key {keyFile}: the key is encrypted and no password is given (broker.client-key-password)");
        if (!encrypted && password != null)
            throw new InvalidDataException($"client key {keyFile}: a password is given but the key is not encrypted (-----BEGIN ENCRYPTED PRIVATE KEY-----)");
        X509Certificate2 pem;
        try
        {
            pem = password == null
                ? X509Certificate2.CreateFromPemFile(certFile, keyFile)
                : X509Certificate2.CreateFromEncryptedPemFile(certFile, password, keyFile);
        }
        catch (CryptographicException) when (encrypted)
        {
            throw new InvalidDataException($"client key {keyFile}: the password does not decrypt it, or it is not the key of the certificate in {certFile}");
        }
        catch (CryptographicException)
        {
            throw new InvalidDataException($"client key {keyFile}: not a PEM private key that matches the certificate in {certFile} (another certificate's key, malformed, or a kind of key that is not supported)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"client certificate {certFile} or its key {keyFile}: cannot be read: {e.Message}");
        }
        using (pem)
        {
            try
            {
                return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
            catch (CryptographicException e)
            {
                throw new InvalidDataException($"client certificate {certFile}: its key {keyFile} cannot be used for TLS: {e.Message}");
            }
        }
    }

    // The file's text; a missing or unreadable file is named in the exception.
    private static string Readable(string what, string file)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"{what} {file}: no such file", file);
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{what} {file}: cannot be read: {e.Message}", e);
        }
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        if (_socket == null || _stream == null) return -1;
        if (_verdict != null)
        {
            // The read begun in Open ends when data is in, or with the error the broker closed on.
            if (!((IAsyncResult)_verdict).AsyncWaitHandle.WaitOne(timeoutMs)) return 0;
            var verdict = _verdict;
            _verdict = null;
            if (verdict.IsFaulted)
            {
                LastError = Innermost(verdict.Exception!);
                return -1;
            }
            _tlsMayHoldMore = true;
        }
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
        // A read still pending ends with the stream, its exception observed here.
        _verdict?.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        _verdict = null;
        try { _stream?.Dispose(); } catch (IOException) { }
        _stream = null;
        _socket = null;
        _tlsMayHoldMore = false;
    }
}

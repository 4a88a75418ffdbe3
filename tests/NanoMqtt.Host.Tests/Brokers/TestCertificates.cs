using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// A throwaway CA and a server certificate for 127.0.0.1/localhost, written as PEM files; the CA
    /// also issues client certificates for mutual TLS (<see cref="IssueClient"/>).
    /// </summary>
    public sealed class TestCertificates
    {
        private readonly string _folder;
        private readonly string _name;
        private readonly X509Certificate2 _ca;

        public string CaFile { get; }
        public string CertFile { get; }
        public string KeyFile { get; }

        public TestCertificates(string folder, string name = "test")
        {
            _folder = folder;
            _name = name;
            using var caKey = RSA.Create(2048);
            var caRequest = new CertificateRequest($"CN=NanoMqtt {name} CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            _ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

            using var serverKey = RSA.Create(2048);
            var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            serverRequest.CertificateExtensions.Add(san.Build());
            serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            byte[] serial = new byte[8];
            RandomNumberGenerator.Fill(serial);
            using var server = serverRequest.Create(_ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), serial);

            CaFile = Path.Combine(folder, name + "-ca.crt");
            CertFile = Path.Combine(folder, name + "-server.crt");
            KeyFile = Path.Combine(folder, name + "-server.key");
            File.WriteAllText(CaFile, _ca.ExportCertificatePem());
            File.WriteAllText(CertFile, server.ExportCertificatePem());
            File.WriteAllText(KeyFile, serverKey.ExportPkcs8PrivateKeyPem());
        }

        /// <summary>
        /// A client certificate (CN=<paramref name="commonName"/>, extended key usage clientAuth)
        /// signed by this CA, and its private key: PKCS#8 PEM, encrypted with
        /// <paramref name="password"/> when one is given.
        /// </summary>
        public (string CertFile, string KeyFile) IssueClient(string commonName, string password = null)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }, false));
            byte[] serial = new byte[8];
            RandomNumberGenerator.Fill(serial);
            using var client = request.Create(_ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), serial);
            string certFile = Path.Combine(_folder, $"{_name}-client-{commonName}.crt");
            string keyFile = Path.Combine(_folder, $"{_name}-client-{commonName}.key");
            File.WriteAllText(certFile, client.ExportCertificatePem());
            File.WriteAllText(keyFile, password == null
                ? key.ExportPkcs8PrivateKeyPem()
                : key.ExportEncryptedPkcs8PrivateKeyPem(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100000)));
            return (certFile, keyFile);
        }
    }
}

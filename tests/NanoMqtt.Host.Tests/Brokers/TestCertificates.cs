using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>A throwaway CA and a server certificate for 127.0.0.1/localhost, written as PEM files.</summary>
    public sealed class TestCertificates
    {
        public string CaFile { get; }
        public string CertFile { get; }
        public string KeyFile { get; }

        public TestCertificates(string folder, string name = "test")
        {
            using var caKey = RSA.Create(2048);
            var caRequest = new CertificateRequest($"CN=NanoMqtt {name} CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

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
            using var server = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), serial);

            CaFile = Path.Combine(folder, name + "-ca.crt");
            CertFile = Path.Combine(folder, name + "-server.crt");
            KeyFile = Path.Combine(folder, name + "-server.key");
            File.WriteAllText(CaFile, ca.ExportCertificatePem());
            File.WriteAllText(CertFile, server.ExportCertificatePem());
            File.WriteAllText(KeyFile, serverKey.ExportPkcs8PrivateKeyPem());
        }
    }
}

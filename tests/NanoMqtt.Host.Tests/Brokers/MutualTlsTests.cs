using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Link;
using NanoMqtt.Sim;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// Mutual TLS: Mosquitto's TLS listener with require_certificate true. The virtual device
    /// presents the client certificate its configuration names and is let in; without one, or with
    /// one another CA signed, it is refused and backs off. A certificate or key file that is missing
    /// or wrong is one clear line at start, never an exception later.
    /// </summary>
    [TestClass]
    public class MutualTlsTests
    {
        private static async Task<MosquittoBroker> Start()
        {
            MosquittoBroker.RequireInstalled();
            var broker = new MosquittoBroker(persistence: false);
            broker.Tls = new TestCertificates(broker.Folder);
            broker.RequireCertificate = true;
            await broker.StartAsync();
            return broker;
        }

        private static string DataFolder() => Path.Combine(Path.GetTempPath(), "nanomqtt-mtls-" + Guid.NewGuid().ToString("N"));

        private static void Delete(string folder)
        {
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }

        private static VirtualDevice Device(MosquittoBroker broker, string data, string clientId, string cert, string key, string version = null) =>
            new VirtualDevice(Setup.Config(null, "127.0.0.1", broker.TlsPort, true, null, null, broker.Tls.CaFile, clientId, version, cert, key),
                Setup.Board("esp32-devkitc"), data);

        private static bool OnlineAndSubscribed(VirtualDevice device) =>
            device.RunUntil(() => device.Driver.State == LinkState.Online && device.Engine.State.HasFingerprint, 10000);

        [TestMethod]
        [DataRow("3.1.1")]
        [DataRow("5")]
        public async Task ACertificateTheCaSignedConnectsSubscribesAndTakesACommand(string version)
        {
            await using var broker = await Start();
            var (cert, key) = broker.Tls.IssueClient("nanomqtt-mtls-a");
            string data = DataFolder();
            try
            {
                var device = Device(broker, data, "nanomqtt-mtls-a" + version.Replace(".", ""), cert, key, version);
                device.SetLink(true);
                Assert.IsTrue(OnlineAndSubscribed(device), device.Driver.LastError);

                await using var backend = await Publisher.ConnectAsync(broker.Port);
                await backend.PublishAsync($"{device.Prefix}/out/relay-1/set", "on", 1);
                Assert.IsTrue(device.RunUntil(() => device.Lamp("relay-1"), 5000), "relay-1 on, commanded over the mutual-TLS session");
                Assert.AreEqual(1, device.Driver.Attempts, "let in at the first attempt");
            }
            finally
            {
                Delete(data);
            }
        }

        [TestMethod]
        public async Task WithoutAClientCertificateTheBrokerRefusesAndTheDeviceBacksOff()
        {
            await using var broker = await Start();
            string data = DataFolder();
            try
            {
                var device = Device(broker, data, "nanomqtt-mtls-b", null, null);
                device.SetLink(true);
                Assert.IsTrue(device.RunUntil(() => device.Driver.Attempts >= 3, 15000), "it keeps trying, backing off: " + device.Driver.LastError);
                Assert.AreNotEqual(LinkState.Online, device.Driver.State);
                Assert.AreEqual(0, device.Health.Connects, "no CONNACK was ever taken");
                Refused(device, "the broker asked for a client certificate and none is set", "certificate required");
            }
            finally
            {
                Delete(data);
            }
        }

        [TestMethod]
        public async Task ACertificateFromAnotherCaIsRefused()
        {
            await using var broker = await Start();
            string data = DataFolder();
            try
            {
                var (cert, key) = new TestCertificates(broker.Folder, "other").IssueClient("nanomqtt-mtls-c");
                var device = Device(broker, data, "nanomqtt-mtls-c", cert, key);
                device.SetLink(true);
                Assert.IsTrue(device.RunUntil(() => device.Driver.Attempts >= 3, 15000), "it keeps trying, backing off: " + device.Driver.LastError);
                Assert.AreNotEqual(LinkState.Online, device.Driver.State);
                Assert.AreEqual(0, device.Health.Connects, "no CONNACK was ever taken");
                Refused(device, "the broker did not accept the client certificate (CN=nanomqtt-mtls-c)", "unknown ca");
            }
            finally
            {
                Delete(data);
            }
        }

        // Refused in TLS (TLS 1.3: the broker's alert right after the handshake), and the attempt
        // is a failed connect that says so: the link's error, and the device's log, one line per
        // attempt with the back-off before the next.
        private static void Refused(VirtualDevice device, string says, string alert)
        {
            string error = device.Driver.LastError ?? "";
            StringAssert.Contains(error, "cannot connect to 127.0.0.1:");
            StringAssert.Contains(error, says);
            StringAssert.Contains(error, alert, "the broker's alert");
            string[] log;
            lock (device.Log) log = device.Log.ToArray();
            Assert.IsTrue(log.Count(l => l.Contains("attempt ") && l.Contains(" failed: cannot connect") && l.Contains("; next in ")) >= 2, string.Join("\n", log));
        }

        [TestMethod]
        public async Task AnEncryptedKeyWithItsPasswordFromTheConfigurationConnects()
        {
            await using var broker = await Start();
            var (cert, key) = broker.Tls.IssueClient("nanomqtt-mtls-d", password: "k3y-pass-phrase");
            StringAssert.Contains(File.ReadAllText(key), "-----BEGIN ENCRYPTED PRIVATE KEY-----");
            string file = Path.Combine(broker.Folder, "nanomqtt.conf");
            File.WriteAllText(file,
                $"broker.host = 127.0.0.1\nbroker.port = {broker.TlsPort}\nbroker.tls = true\nbroker.ca-file = {broker.Tls.CaFile}\n" +
                $"broker.client-cert = {cert}\nbroker.client-key = {key}\nbroker.client-key-password = k3y-pass-phrase\nclient-id = nanomqtt-mtls-d\n");
            string data = DataFolder();
            try
            {
                var device = new VirtualDevice(Setup.Config(file, "", 0, false, null, null, null, null, null), Setup.Board("esp32-devkitc"), data);
                device.SetLink(true);
                Assert.IsTrue(OnlineAndSubscribed(device), device.Driver.LastError);

                File.WriteAllText(file, File.ReadAllText(file).Replace("k3y-pass-phrase", "wrong-phrase"));
                var config = Setup.Config(file, "", 0, false, null, null, null, "nanomqtt-mtls-d2", null);
                string second = DataFolder();
                try
                {
                    var e = Assert.ThrowsExactly<InvalidDataException>(() => new VirtualDevice(config, Setup.Board("esp32-devkitc"), second));
                    StringAssert.Contains(e.Message, key, "the key file is named");
                    StringAssert.Contains(e.Message, "password");
                    Assert.DoesNotContain("wrong-phrase", e.Message, "the password never appears");
                    // The device that never ran gave its journal's folder up.
                    using var store = DirectoryFileStore.Claim(second, out string inUse);
                    Assert.IsNotNull(store, inUse);
                }
                finally
                {
                    Delete(second);
                }
            }
            finally
            {
                Delete(data);
            }
        }

        // A TLS 1.2 listener that requires a client certificate: OpenSSL's s_server, since
        // Mosquitto's tls_version is only a minimum (it negotiates TLS 1.3 with .NET).
        private static Process Tls12Listener(TestCertificates certs, int port)
        {
            if (!File.Exists("/usr/bin/openssl")) Missing.Report("openssl", "apt-get install openssl");
            var server = Process.Start(new ProcessStartInfo("openssl",
                $"s_server -accept 127.0.0.1:{port} -tls1_2 -Verify 1 -verify_return_error -CAfile {certs.CaFile} -cert {certs.CertFile} -key {certs.KeyFile}")
            {
                // s_server ends at the end of its input: it stays open until the test kills it.
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            server.OutputDataReceived += (_, _) => { };
            server.ErrorDataReceived += (_, _) => { };
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();
            for (int i = 0; i < 100; i++)
            {
                try
                {
                    using var probe = new System.Net.Sockets.TcpClient();
                    probe.Connect("127.0.0.1", port);
                    return server;
                }
                catch (System.Net.Sockets.SocketException)
                {
                    if (server.HasExited) Assert.Fail("openssl s_server exited");
                    System.Threading.Thread.Sleep(50);
                }
            }
            server.Kill();
            Assert.Fail("openssl s_server did not start listening");
            return null;
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void ATls12ListenerTakesTheCertificateOrRefusesInTheHandshakeAndSaysWhy(bool withCertificate)
        {
            string folder = DataFolder();
            Directory.CreateDirectory(folder);
            int port = FreePort.Next();
            Process server = null;
            try
            {
                var certs = new TestCertificates(folder);
                var (cert, key) = certs.IssueClient("nanomqtt-tls12");
                server = Tls12Listener(certs, port);
                var transport = withCertificate ? new TcpTransport(2000, certs.CaFile, cert, key) : new TcpTransport(2000, certs.CaFile);
                bool open = transport.Open("127.0.0.1", port, true);
                transport.Close();
                if (withCertificate) Assert.IsTrue(open, transport.LastError);
                else
                {
                    Assert.IsFalse(open);
                    StringAssert.StartsWith(transport.LastError, "the broker asked for a client certificate and none is set; TLS handshake failed: ");
                    StringAssert.Contains(transport.LastError, "alert");
                }
            }
            finally
            {
                if (server != null && !server.HasExited) server.Kill();
                server?.Dispose();
                Delete(folder);
            }
        }

        public enum Wrong { MissingCert, MissingKey, NotACertificate, NotAKey, AnotherCertificatesKey, EncryptedWithoutPassword, WrongPassword, PasswordForAPlainKey, MissingCa, NotACa }

        [TestMethod]
        [DataRow(Wrong.MissingCert, "cert", "no such file")]
        [DataRow(Wrong.MissingKey, "key", "no such file")]
        [DataRow(Wrong.NotACertificate, "cert", "no PEM certificate")]
        [DataRow(Wrong.NotAKey, "key", "not a PEM private key")]
        [DataRow(Wrong.AnotherCertificatesKey, "key", "matches the certificate")]
        [DataRow(Wrong.EncryptedWithoutPassword, "key", "encrypted and no password")]
        [DataRow(Wrong.WrongPassword, "key", "password does not decrypt it")]
        [DataRow(Wrong.PasswordForAPlainKey, "key", "not encrypted")]
        [DataRow(Wrong.MissingCa, "ca", "no such file")]
        [DataRow(Wrong.NotACa, "ca", "not a certificate")]
        public void AFileThatIsMissingOrWrongIsNamedWhenTheTransportIsMadeNotAtOpen(Wrong wrong, string named, string says)
        {
            string folder = DataFolder();
            Directory.CreateDirectory(folder);
            try
            {
                var certs = new TestCertificates(folder);
                var (cert, key) = certs.IssueClient("device");
                var (_, otherKey) = certs.IssueClient("other");
                var (encryptedCert, encryptedKey) = certs.IssueClient("encrypted", password: "right-pass");
                string junk = Path.Combine(folder, "junk.pem");
                File.WriteAllText(junk, "not a PEM file\n");
                string missing = Path.Combine(folder, "missing.pem");
                string ca = certs.CaFile, password = null;
                switch (wrong)
                {
                    case Wrong.MissingCert: cert = missing; break;
                    case Wrong.MissingKey: key = missing; break;
                    case Wrong.NotACertificate: cert = junk; break;
                    case Wrong.NotAKey: key = junk; break;
                    case Wrong.AnotherCertificatesKey: key = otherKey; break;
                    case Wrong.EncryptedWithoutPassword: (cert, key) = (encryptedCert, encryptedKey); break;
                    case Wrong.WrongPassword: (cert, key, password) = (encryptedCert, encryptedKey, "wrong-pass"); break;
                    case Wrong.PasswordForAPlainKey: password = "wrong-pass"; break;
                    case Wrong.MissingCa: ca = missing; break;
                    case Wrong.NotACa: ca = junk; break;
                }
                Exception e = null;
                try
                {
                    new TcpTransport(2000, ca, cert, key, password);
                }
                catch (Exception thrown)
                {
                    e = thrown;
                }
                Assert.IsNotNull(e, "the constructor throws");
                // The two the sim turns into one "error:" line.
                Assert.IsTrue(e is FileNotFoundException or InvalidDataException, e.ToString());
                StringAssert.Contains(e.Message, named switch { "cert" => cert, "key" => key, _ => ca }, "the file is named");
                StringAssert.Contains(e.Message, says);
                Assert.DoesNotContain("wrong-pass", e.Message, "the password never appears");
                Assert.DoesNotContain("\n", e.Message, "one line");

                // The right files load, and the key is one SslStream can sign with (PKCS#12 re-import).
                var good = new TcpTransport(2000, certs.CaFile, encryptedCert, encryptedKey, "right-pass");
                Assert.IsTrue(good.ClientCertificate.HasPrivateKey);
                StringAssert.Contains(good.ClientCertificate.Subject, "CN=encrypted");
            }
            finally
            {
                Delete(folder);
            }
        }

        private static void OneErrorLine(int code, string error, string says)
        {
            Assert.AreEqual(2, code, error);
            StringAssert.StartsWith(error, "error: ");
            Assert.AreEqual(1, error.TrimEnd().Split('\n').Length, "one line: " + error);
            StringAssert.Contains(error, says);
            Assert.DoesNotContain("Unhandled exception", error);
            Assert.DoesNotContain("   at ", error, "no stack trace");
        }

        [TestMethod]
        [DataRow("--client-cert /nonexistent/device.crt --client-key /nonexistent/device.key", "client certificate /nonexistent/device.crt: no such file")]
        [DataRow("--ca /nonexistent/ca.crt", "CA certificate /nonexistent/ca.crt: no such file")]
        [DataRow("--client-cert device", "--client-cert device: a PC has no stored device certificate; give a PEM file")]
        public void TheSimSaysWhichCertificateFileIsWrongInOneLineAndExits2(string options, string says)
        {
            string data = DataFolder();
            try
            {
                var (code, _, error) = Sim.CommandLineTests.Run($"--broker mqtts://127.0.0.1:1 {options} --data {data} --plain --seconds 1");
                OneErrorLine(code, error, says);
            }
            finally
            {
                Delete(data);
            }
        }

        [TestMethod]
        public void TheStoredDeviceCertificateInAConfigurationFileIsRefusedOnAPc()
        {
            string file = Path.Combine(Path.GetTempPath(), "nanomqtt-mtls-" + Guid.NewGuid().ToString("N") + ".conf");
            File.WriteAllText(file, "# the board's own certificate\nbroker.host = 127.0.0.1\nbroker.tls = true\nbroker.client-cert = device\n");
            string data = DataFolder();
            try
            {
                var (code, _, error) = Sim.CommandLineTests.Run($"--config {file} --data {data} --plain --seconds 1");
                OneErrorLine(code, error, $"{file}: line 4: broker.client-cert = device: a PC has no stored device certificate; give a PEM file");
            }
            finally
            {
                File.Delete(file);
                Delete(data);
            }
        }

        [TestMethod]
        public async Task TheSimsClientCertAndClientKeyReplaceTheFilesLinesAndConnect()
        {
            await using var broker = await Start();
            var (cert, key) = broker.Tls.IssueClient("nanomqtt-mtls-sim");
            // Alone, this file is refused on a PC (line 5); the command line replaces lines 5 and 6.
            string file = Path.Combine(broker.Folder, "sim.conf");
            File.WriteAllText(file,
                $"broker.host = 127.0.0.1\nbroker.port = {broker.TlsPort}\nbroker.tls = true\nbroker.ca-file = {broker.Tls.CaFile}\n" +
                "broker.client-cert = device\nbroker.client-key = /nonexistent/device.key\nclient-id = nanomqtt-mtls-sim\n");
            string data = DataFolder();
            try
            {
                var (code, output, error) = Sim.CommandLineTests.Run($"--config {file} --client-cert {cert} --client-key {key} --data {data} --plain --seconds 4");
                Assert.AreEqual(0, code, error);
                StringAssert.Contains(output, $"broker 127.0.0.1:{broker.TlsPort} (TLS)");
                StringAssert.Contains(output, "subscribed", output);
                Assert.DoesNotContain("failed", output);
            }
            finally
            {
                Delete(data);
            }
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Config;

namespace NanoMqtt.Tests.Config
{
    /// <summary>
    /// Mutual TLS settings: a certificate file with its key, or the certificate stored on the
    /// device; every combination that cannot work is refused at its line, and the key's password
    /// is never shown.
    /// </summary>
    [TestClass]
    public class ClientCertificateConfigTests
    {
        private const string Tls = "broker.host = h\nbroker.tls = true\n";

        [TestMethod]
        public void CertificateFileWithKeyAndPassword()
        {
            DeviceConfig c = ConfigSamples.Valid(Tls + "broker.client-cert = I:\\device.crt\nbroker.client-key = I:\\device.key\nbroker.client-key-password = " + ConfigSamples.Secret + "\n");
            Assert.AreEqual("I:\\device.crt", c.BrokerClientCert);
            Assert.AreEqual("I:\\device.key", c.BrokerClientKey);
            Assert.AreEqual(ConfigSamples.Secret, c.BrokerClientKeyPassword);
            Assert.IsFalse(c.UsesStoredDeviceCertificate);
            string shown = c.ToString();
            Assert.Contains("broker.client-cert = I:\\device.crt", shown);
            Assert.DoesNotContains(ConfigSamples.Secret, shown);
        }

        [TestMethod]
        public void StoredDeviceCertificateInAnyCase()
        {
            DeviceConfig c = ConfigSamples.Valid(Tls + "broker.client-cert = Device\n");
            Assert.IsTrue(c.UsesStoredDeviceCertificate);
            Assert.IsNull(c.BrokerClientKey);
            Assert.IsFalse(ConfigSamples.Valid(Tls).UsesStoredDeviceCertificate);
        }

        [TestMethod]
        public void CertificateNeedsTls()
        {
            ConfigErrors e = ConfigSamples.Refused("broker.host = h\nbroker.client-cert = device\n", 1);
            Assert.AreEqual("line 2: broker.client-cert is set but broker.tls is not true", e[0]);
        }

        [TestMethod]
        public void CertificateFileNeedsItsKey()
        {
            ConfigErrors e = ConfigSamples.Refused(Tls + "broker.client-cert = I:\\device.crt\n", 1);
            Assert.AreEqual("line 3: broker.client-cert needs broker.client-key (its private key, PEM)", e[0]);
        }

        [TestMethod]
        public void KeyNeedsACertificate()
        {
            ConfigErrors e = ConfigSamples.Refused(Tls + "broker.client-key = I:\\device.key\n", 1);
            Assert.AreEqual("line 3: broker.client-key is set without broker.client-cert", e[0]);
        }

        [TestMethod]
        public void StoredCertificateTakesNoKey()
        {
            ConfigErrors e = ConfigSamples.Refused(Tls + "broker.client-cert = device\nbroker.client-key = I:\\device.key\n", 1);
            Assert.AreEqual("line 4: broker.client-key: the stored device certificate (broker.client-cert = device) brings its own key", e[0]);
        }

        [TestMethod]
        public void KeyPasswordNeedsAKeyAndIsNeverQuoted()
        {
            ConfigErrors e = ConfigSamples.Refused(Tls + "broker.client-key-password = " + ConfigSamples.Secret + "\n", 1);
            Assert.AreEqual("line 3: broker.client-key-password is set without broker.client-key", e[0]);
            ConfigErrors pasted = ConfigSamples.Refused(Tls + "broker.client-key-password = " + ConfigSamples.Secret + "\nbroker.client-key = x\nbroker.client-cert = x\n" + ConfigSamples.Secret + "\n", 1);
            Assert.DoesNotContains(ConfigSamples.Secret, pasted.ToString());
        }
    }
}

using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Link;
using NanoMqtt.Protocol;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>Mosquitto with a TLS listener (certificates made here) and a password file.</summary>
    [TestClass]
    public class TlsAndCredentialsTests
    {
        private static async Task<MosquittoBroker> Start(bool tls, (string, string)? account)
        {
            MosquittoBroker.RequireInstalled();
            var broker = new MosquittoBroker(persistence: false);
            if (tls) broker.Tls = new TestCertificates(broker.Folder);
            broker.Account = account;
            await broker.StartAsync();
            return broker;
        }

        [TestMethod]
        [DataRow(4)]
        [DataRow(5)]
        public async Task TlsWithTheBrokersCaResumesTheSession(int version)
        {
            await using var broker = await Start(tls: true, account: null);
            using var device = new TestDevice((MqttVersion)version, broker.TlsPort) { CaFile = broker.Tls.CaFile };
            device.Link.Tls = true;
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            device.Offline();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsTrue(device.LastSessionPresent);
        }

        [TestMethod]
        public async Task TlsWithAnotherCaIsRefused()
        {
            await using var broker = await Start(tls: true, account: null);
            var other = new TestCertificates(broker.Folder, "other");
            using var device = new TestDevice(MqttVersion.V500, broker.TlsPort) { CaFile = other.CaFile };
            device.Link.Tls = true;
            device.PowerOn();
            Assert.IsFalse(device.Online(1500), "a broker the CA did not sign is not trusted");
            // Refused for its certificate, not for anything else (a port that does not answer, say).
            StringAssert.Contains(device.Driver.LastError, "cannot connect");
            StringAssert.Contains(device.Driver.LastError.ToLowerInvariant(), "certificate");
            Assert.AreEqual(0, device.Events.Count(e => e == NanoMqtt.Session.SessionEvent.Connected), "no CONNACK was ever taken");
        }

        [TestMethod]
        [DataRow(4)]
        [DataRow(5)]
        public async Task RightPasswordConnects(int version)
        {
            await using var broker = await Start(tls: false, account: ("device", "s3cret-pass"));
            using var device = new TestDevice((MqttVersion)version, broker.Port);
            device.Session.UserName = "device";
            device.Session.Password = "s3cret-pass";
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
        }

        [TestMethod]
        [DataRow(4)]
        [DataRow(5)]
        public async Task WrongPasswordIsReportedAndDoesNotHammerTheBroker(int version)
        {
            await using var broker = await Start(tls: false, account: ("device", "s3cret-pass"));
            using var device = new TestDevice((MqttVersion)version, broker.Port);
            device.Session.UserName = "device";
            device.Session.Password = "wrong-pass";
            device.PowerOn();
            device.Driver.SetNetworkAvailable(true);
            Assert.IsTrue(device.RunUntil(() => device.Driver.LastError != null && device.Driver.LastError.Contains("refused"), 3000), device.Driver.LastError);
            string error = device.Driver.LastError;
            Assert.IsTrue(error.Contains("not authorized") || error.Contains("bad user name or password"), error);
            Assert.IsFalse(error.Contains("wrong-pass"), "the password never appears");
            int attempts = device.Driver.Attempts;
            device.RunUntil(() => false, 150);
            Assert.AreEqual(attempts, device.Driver.Attempts, "no quick retry after bad credentials");
            Assert.AreNotEqual(LinkState.Online, device.Driver.State);
        }
    }
}

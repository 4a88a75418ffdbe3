using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>
    /// Ending the session on purpose: local state goes at once (journaled); the broker is told
    /// (5.0: DISCONNECT with Session Expiry 0; 3.1.1: a Clean Session connection, then DISCONNECT);
    /// SessionEnded comes when it is done, and the next connection starts a new persistent session.
    /// </summary>
    [TestClass]
    public class EndSessionTests
    {
        private static EngineWire WithState(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.Publish("m1", 1);
            Assert.AreEqual("PUBLISH m1 2 q1", w.Drain());
            w.Deliver("c1", 2, 7, false);
            w.Publish("m2", 2);
            w.ClearEvents();
            return w;
        }

        private static void AssertEmpty(EngineWire w)
        {
            Assert.IsTrue(w.Engine.State.IsEmpty);
            Assert.IsFalse(w.Engine.State.HasFingerprint);
        }

        [TestMethod]
        public void V5OnlineSendsDisconnectWithExpiry0()
        {
            EngineWire w = WithState(5);
            w.EndSession();
            AssertEmpty(w);
            Assert.AreEqual(1, w.CountRecords(RecordType.SessionEnded));
            Assert.AreEqual("DISCONNECT expiry=0", w.Drain(), "nothing else: pending acks and messages are gone");
            Assert.AreEqual(1, w.Count(SessionEvent.SessionEnded));
            Assert.IsFalse(w.Engine.IsConnected);
            // Afterwards: a new persistent session.
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("m3", 1));
            Assert.AreEqual("CONNECT", w.Connect());
            Assert.AreEqual(w.Config.SessionExpirySeconds, w.LastConnectExpiry);
            Assert.AreEqual("SUBSCRIBE 4, PUBLISH m3 5 q1", w.Accept(false));
            Assert.AreEqual(0, w.Count(SessionEvent.SessionLost));
        }

        [TestMethod]
        public void V5OfflineConnectsWithExpiry0ThenDisconnects()
        {
            EngineWire w = WithState(5);
            w.Lose();
            w.EndSession();
            AssertEmpty(w);
            Assert.AreEqual("CONNECT", w.Connect());
            Assert.IsTrue(w.LastConnectHasExpiry);
            Assert.AreEqual(0u, w.LastConnectExpiry, "the session ends with this connection whatever happens");
            Assert.AreEqual("DISCONNECT expiry=0", w.Accept(true));
            Assert.AreEqual(1, w.Count(SessionEvent.SessionEnded));
            Assert.AreEqual(0, w.Count(SessionEvent.ReconnectRequired));
            Assert.AreEqual("CONNECT", w.Connect());
            Assert.AreEqual(w.Config.SessionExpirySeconds, w.LastConnectExpiry);
        }

        [TestMethod]
        public void V311OnlineReconnectsCleanThenDisconnects()
        {
            EngineWire w = WithState(4);
            w.EndSession();
            AssertEmpty(w);
            Assert.AreEqual(1, w.Count(SessionEvent.ReconnectRequired));
            Assert.AreEqual("DISCONNECT", w.Drain());
            Assert.AreEqual(0, w.Count(SessionEvent.SessionEnded), "the broker still holds the session");
            w.Lose();
            Assert.AreEqual("CONNECT clean", w.Connect());
            Assert.AreEqual("DISCONNECT", w.Accept(false));
            Assert.AreEqual(1, w.Count(SessionEvent.SessionEnded));
            Assert.AreEqual(1, w.Count(SessionEvent.ReconnectRequired));
            // Back to a persistent session.
            w.Lose();
            Assert.AreEqual("CONNECT", w.Connect());
            Assert.AreEqual("SUBSCRIBE 4", w.Accept(false));
        }

        [TestMethod]
        public void V311OfflineConnectsCleanThenDisconnects()
        {
            EngineWire w = WithState(4);
            w.Lose();
            w.EndSession();
            Assert.AreEqual(0, w.Count(SessionEvent.ReconnectRequired));
            Assert.AreEqual("CONNECT clean", w.Connect());
            Assert.AreEqual("DISCONNECT", w.Accept(false));
            Assert.AreEqual(1, w.Count(SessionEvent.SessionEnded));
            w.Lose();
            Assert.AreEqual("CONNECT", w.Connect());
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void BrokerForgetsTheSession(int version)
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig((MqttVersion)version));
            h.Boot();
            h.Connect();
            h.Broker.SilentPubRel = true;
            h.Publish("m1", 2);
            h.Pump();
            Assert.IsTrue(h.Broker.HasSession);
            h.Engine.EndSession();
            h.Pump();
            Assert.IsTrue(h.Saw(SessionEvent.SessionEnded));
            Assert.IsFalse(h.Broker.HasSession, "the broker discarded it");
            Assert.IsFalse(h.Broker.IsConnected);
            Assert.AreEqual(version == 5 ? 1 : 2, h.Broker.Connects);
            Assert.AreEqual(version == 5 ? 0 : 1, h.Broker.CleanConnects);
            Assert.IsTrue(h.Engine.State.IsEmpty);
            // The journal agrees after a reboot, and the next connection is a new persistent session.
            h.Restart();
            Assert.IsTrue(h.Engine.State.IsEmpty);
            h.Connect();
            Assert.IsFalse(h.Broker.LastSessionPresent);
            Assert.AreEqual(2, h.Broker.Subscribes);
            Assert.AreEqual(0, h.SessionLostEvents);
            Assert.AreEqual(version == 5 ? 0 : 1, h.Broker.CleanConnects);
            Assert.IsNull(h.Broker.Violation);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void EndingSurvivesARebootBeforeTheBrokerIsTold(int version)
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig((MqttVersion)version));
            h.Boot();
            h.Connect();
            h.DropLink();
            h.Engine.EndSession();
            h.Restart();
            h.Connect();
            Assert.IsTrue(h.Saw(SessionEvent.SessionEnded), "the reboot finished ending the session");
            Assert.IsFalse(h.Broker.HasSession, "the broker dropped it");
            h.Restart();
            h.Connect();
            Assert.IsFalse(h.Broker.LastSessionPresent, "after the end is confirmed the device starts a new session");
            Assert.IsTrue(h.Broker.HasSession);
        }
    }
}

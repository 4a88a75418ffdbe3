using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>
    /// What the engine does with each CONNACK Session Present answer, given what it holds:
    /// SP=1 + state: PUBRELs then PUBLISH DUP=1 in journal order, no SUBSCRIBE; SP=1 + nothing:
    /// carry on; SP=0 + state: SessionLost, messages again as new, subscribe again; SP=0 + nothing:
    /// subscribe; SP=1 after a clean CONNECT: protocol error; no journal but a broker session:
    /// start clean (5.0: once; 3.1.1: clean, then persistent again).
    /// </summary>
    [TestClass]
    public class SessionPresentMatrixTests
    {
        // Session with: m1 QoS 1 sent (id 2), m2 QoS 2 PUBREC'd (id 3, PUBREL sent), m3 QoS 2 sent
        // (id 4), m4 QoS 1 accepted in flight but never sent (id 5), m5 queued offline (no id).
        private static EngineWire WithState(int version, bool reboot)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("m1", 1));
            Assert.AreEqual("PUBLISH m1 2 q1", w.Drain());
            w.Publish("m2", 2);
            Assert.AreEqual("PUBLISH m2 3 q2", w.Drain());
            w.Ack(PacketType.PubRec, 3);
            Assert.AreEqual("PUBREL 3", w.Drain());
            w.Publish("m3", 2);
            Assert.AreEqual("PUBLISH m3 4 q2", w.Drain());
            w.Publish("m4", 1);
            w.Lose();
            if (reboot) w.Boot();
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("m5", 1));
            Assert.AreEqual(4, w.Engine.State.Inflight.Count);
            Assert.AreEqual(1, w.Engine.State.Outbox.Count);
            w.ClearEvents();
            return w;
        }

        [TestMethod]
        [DataRow(5, false)]
        [DataRow(5, true)]
        [DataRow(4, false)]
        [DataRow(4, true)]
        public void PresentWithStateResendsPubRelsThenDupPublishes(int version, bool reboot)
        {
            EngineWire w = WithState(version, reboot);
            Assert.AreEqual("CONNECT", w.Connect());
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.ConnAck(true));
            // m5 takes a new id: 6, or after a reboot the first of the next reserved block (257).
            // m4 was taken in flight but the link went before it was written: the device knows, and
            // sends it without DUP, unless a reboot came between and it cannot tell.
            int m5 = reboot ? 257 : 6;
            string m4 = reboot ? "PUBLISH m4 5 q1 dup" : "PUBLISH m4 5 q1";
            Assert.AreEqual("PUBREL 3, PUBLISH m1 2 q1 dup, PUBLISH m3 4 q2 dup, " + m4 + ", PUBLISH m5 " + m5 + " q1", w.Drain());
            Assert.AreEqual("1", w.ArgumentsOf(SessionEvent.Connected));
            Assert.AreEqual(0, w.Count(SessionEvent.SessionLost));
            // Completing everything leaves nothing behind.
            w.Ack(PacketType.PubComp, 3);
            w.Ack(PacketType.PubAck, 2);
            w.Ack(PacketType.PubRec, 4);
            Assert.AreEqual("PUBREL 4", w.Drain());
            w.Ack(PacketType.PubComp, 4);
            w.Ack(PacketType.PubAck, 5);
            w.Ack(PacketType.PubAck, m5);
            Assert.AreEqual("2,1,3,4,5", w.ArgumentsOf(SessionEvent.MessageCompleted), "message numbers, in completion order");
            Assert.IsTrue(w.Engine.State.IsEmpty);
        }

        [TestMethod]
        [DataRow(5, false)]
        [DataRow(5, true)]
        [DataRow(4, false)]
        [DataRow(4, true)]
        public void AbsentWithStateLosesSessionAndSendsAgainAsNew(int version, bool reboot)
        {
            EngineWire w = WithState(version, reboot);
            Assert.AreEqual("CONNECT", w.Connect());
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.ConnAck(false));
            Assert.AreEqual("4", w.ArgumentsOf(SessionEvent.SessionLost), "m1..m4 queued again");
            Assert.AreEqual("0", w.ArgumentsOf(SessionEvent.Connected));
            // Subscription first, then every message in order, with new ids and DUP=0 (m2 too: the broker forgot it).
            int id = reboot ? 257 : 6;
            Assert.AreEqual("SUBSCRIBE " + id + ", PUBLISH m1 " + (id + 1) + " q1, PUBLISH m2 " + (id + 2) + " q2, PUBLISH m3 " + (id + 3)
                + " q2, PUBLISH m4 " + (id + 4) + " q1, PUBLISH m5 " + (id + 5) + " q1", w.Drain());
            Assert.AreEqual(0, w.Engine.State.Incoming.Count);
            Assert.AreEqual(0, w.Engine.State.Outbox.DroppedAfterSessionLoss);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void AbsentWithStateAndNoResendPolicyDropsAndReports(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Config.ResendAfterSessionLoss = false;
            w.Boot();
            w.FirstOnline();
            w.Publish("m1", 1);
            w.Publish("m2", 2);
            Assert.AreEqual("PUBLISH m1 2 q1, PUBLISH m2 3 q2", w.Drain());
            w.Lose();
            w.Publish("m3", 1);
            w.ClearEvents();
            Assert.AreEqual("SUBSCRIBE 4, PUBLISH m3 5 q1", w.Online(false));
            Assert.AreEqual("0", w.ArgumentsOf(SessionEvent.SessionLost));
            Assert.AreEqual(2, w.Engine.State.Outbox.DroppedAfterSessionLoss);
            Assert.AreEqual("1,2", w.ArgumentsOf(SessionEvent.MessageDropped), "every message given up is reported");
        }

        [TestMethod]
        [DataRow(5, false)]
        [DataRow(5, true)]
        [DataRow(4, false)]
        [DataRow(4, true)]
        public void PresentAndEmptyCarriesOn(int version, bool reboot)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.Publish("m1", 1);
            Assert.AreEqual("PUBLISH m1 2 q1", w.Drain());
            w.Ack(PacketType.PubAck, 2);
            w.Lose();
            if (reboot) w.Boot();
            w.ClearEvents();
            Assert.AreEqual("", w.Online(true), "no resend, no SUBSCRIBE");
            Assert.AreEqual("1", w.ArgumentsOf(SessionEvent.Connected));
            Assert.AreEqual(0, w.Count(SessionEvent.SessionLost));
            w.Publish("m2", 1);
            Assert.AreEqual("PUBLISH m2 " + (reboot ? 257 : 3) + " q1", w.Drain());
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void AbsentAndEmptySubscribes(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            Assert.AreEqual((int)JournalOpenResult.New, (int)w.LastOpen);
            w.FirstOnline();
            Assert.AreEqual("0", w.ArgumentsOf(SessionEvent.Subscribed));
            // The broker forgot the session (no messages were in flight): subscribe again, no SessionLost.
            w.Lose();
            w.Boot();
            w.ClearEvents();
            Assert.AreEqual("SUBSCRIBE 257", w.Online(false), "ids go on from the journaled reservation");
            Assert.AreEqual(0, w.Count(SessionEvent.SessionLost));
            w.SubAck(257, 1);
            // The new SUBACK is journaled: after a reboot a resumed session needs no SUBSCRIBE.
            w.Lose();
            w.Boot();
            Assert.AreEqual("", w.Online(true));
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void RefusedSubscriptionIsTriedAgainNextConnection(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            Assert.AreEqual("SUBSCRIBE 1", w.Online(false));
            w.SubAck(1, 0x80);
            Assert.AreEqual("1", w.ArgumentsOf(SessionEvent.Subscribed), "one filter refused");
            w.Lose();
            Assert.AreEqual("SUBSCRIBE 2", w.Online(true));
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void PresentAfterCleanConnectIsProtocolError(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            // No journal and SP=1: the engine asks for a clean session.
            Assert.AreEqual("CONNECT", w.Connect());
            w.ConnAck(true);
            Assert.AreEqual("DISCONNECT", w.Drain());
            w.Lose();
            Assert.AreEqual("CONNECT clean", w.Connect());
            w.ClearEvents();
            Assert.AreEqual((int)SessionStatus.ProtocolViolation, (int)w.ConnAck(true), "a clean start cannot resume a session");
            Assert.AreEqual(1, w.Count(SessionEvent.ProtocolError));
            Assert.AreEqual(0, w.Count(SessionEvent.Connected));
            Assert.IsFalse(w.Engine.IsConnected);
            Assert.AreEqual("", w.Drain());
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void NoJournalButBrokerSessionStartsClean(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            Assert.AreEqual("CONNECT", w.Connect());
            Assert.IsTrue(w.LastConnectHasExpiry == (version == 5));
            w.ConnAck(true);
            Assert.AreEqual(1, w.Count(SessionEvent.ReconnectRequired));
            Assert.AreEqual("DISCONNECT", w.Drain(), "the unknown session is left alone, not ended by this DISCONNECT");
            Assert.IsFalse(w.Engine.IsConnected);
            w.Lose();
            Assert.AreEqual("CONNECT clean", w.Connect());
            if (version == 5)
            {
                Assert.AreEqual(w.Config.SessionExpirySeconds, w.LastConnectExpiry, "the clean session persists");
                Assert.AreEqual("SUBSCRIBE 1", w.Accept(false));
            }
            else
            {
                // A 3.1.1 Clean Session ends with its connection: leave at once and come back persistent.
                w.ConnAck(false);
                Assert.AreEqual(2, w.Count(SessionEvent.ReconnectRequired));
                Assert.AreEqual("DISCONNECT", w.Drain());
                w.Lose();
                Assert.AreEqual("CONNECT", w.Connect());
                Assert.AreEqual("SUBSCRIBE 1", w.Accept(false));
            }
            Assert.AreEqual(0, w.Count(SessionEvent.SessionLost));
            // From now on persistent: the next connection asks to resume.
            w.SubAck(1, 2);
            w.Lose();
            Assert.AreEqual("CONNECT", w.Connect());
            w.ConnAck(true);
            Assert.AreEqual("", w.Drain());
        }

        [TestMethod]
        [DataRow(5, false)]
        [DataRow(5, true)]
        [DataRow(4, false)]
        [DataRow(4, true)]
        public void JournalGoneBrokerKeptSessionAgainstBrokerModel(int version, bool corrupt)
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig((MqttVersion)version));
            h.Boot();
            h.Connect();
            Assert.AreEqual(1, h.Broker.Subscribes);
            h.DropLink();
            string name = h.Config.JournalName;
            if (corrupt)
            {
                // The header of the journal's base breaks: the journal is there but unreadable.
                h.Flash.FlipBit(name, h.Engine.Journal.BasePart, 0, 3);
            }
            else
            {
                for (int part = 0; part < h.Config.JournalParts; part++) h.Flash.Delete(name, part);
            }
            h.Restart();
            Assert.AreEqual(corrupt ? (int)JournalOpenResult.Lost : (int)JournalOpenResult.New, (int)h.LastOpen);
            h.Connect();
            // 5.0: CONNECT (SP=1), CONNECT clean. 3.1.1: CONNECT (SP=1), CONNECT clean, CONNECT.
            Assert.AreEqual(version == 5 ? 3 : 4, h.Broker.Connects);
            Assert.AreEqual(1, h.Broker.CleanConnects);
            Assert.AreEqual(2, h.Broker.Subscribes);
            Assert.IsTrue(h.Engine.IsConnected);
            Assert.IsNull(h.Broker.Violation);
            Assert.AreEqual(0, h.SessionLostEvents);
            // Persistent again: the next connection resumes.
            h.DropLink();
            h.Connect();
            Assert.IsTrue(h.Broker.LastSessionPresent);
            Assert.AreEqual(1, h.Broker.CleanConnects);
            Assert.AreEqual(2, h.Broker.Subscribes);
            h.Inject("c1", 2);
            h.Pump();
            Assert.AreEqual(1, h.App.CountApplied("c1"));
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void ChangedSubscriptionSetSubscribesAgainWhenPresent(int version)
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig((MqttVersion)version));
            h.Boot();
            h.Connect();
            h.DropLink();
            // Same set after a reboot: nothing to do.
            h.Restart();
            h.Connect();
            Assert.IsTrue(h.Broker.LastSessionPresent);
            Assert.AreEqual(1, h.Broker.Subscribes);
            // New firmware with another set: resubscribe although the session is present.
            h.DropLink();
            h.Config.Subscriptions = new string[] { "dev/cmd/#", "dev/cfg/#" };
            h.Config.SubscriptionOptions = new byte[] { 2, 1 };
            h.Restart();
            h.Connect();
            Assert.IsTrue(h.Broker.LastSessionPresent);
            Assert.AreEqual(2, h.Broker.Subscribes);
            // Options are part of the set too.
            h.DropLink();
            h.Config.SubscriptionOptions = new byte[] { 2, 2 };
            h.Restart();
            h.Connect();
            Assert.AreEqual(3, h.Broker.Subscribes);
            // And the acknowledged set is remembered.
            h.DropLink();
            h.Restart();
            h.Connect();
            Assert.AreEqual(3, h.Broker.Subscribes);
            Assert.IsNull(h.Broker.Violation);
        }

        [TestMethod]
        public void ServerSessionExpiryOverrideIsHonoured()
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig(MqttVersion.V500));
            h.Broker.SessionExpiryOverride = 0;
            h.Boot();
            h.Connect();
            Assert.AreEqual(0u, h.Engine.GrantedSessionExpiry, "the broker's value, not the 86400 asked for");
            h.DropLink();
            h.Connect();
            Assert.IsFalse(h.Broker.LastSessionPresent, "the session ended with the connection");
            Assert.AreEqual(2, h.Broker.Subscribes, "and the device subscribed again");
            h.Broker.SessionExpiryOverride = 600;
            h.DropLink();
            h.Connect();
            Assert.AreEqual(600u, h.Engine.GrantedSessionExpiry);
        }
    }
}

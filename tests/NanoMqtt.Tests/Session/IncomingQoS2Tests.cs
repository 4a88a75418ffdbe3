using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>
    /// Incoming QoS 2: a PUBLISH whose id is recorded is acknowledged again and not delivered
    /// again; PUBREL releases the id; a PUBREL for an unknown id is completed anyway.
    /// </summary>
    [TestClass]
    public class IncomingQoS2Tests
    {
        private static EngineWire Online(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            return w;
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void DuplicatePublishIsAcknowledgedNotDelivered(int version)
        {
            EngineWire w = Online(version);
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.Deliver("c1", 2, 7, false));
            Assert.AreEqual("PUBREC 7", w.Drain());
            Assert.AreEqual(1, w.App.Deliveries);
            Assert.AreEqual(1, w.App.CountApplied("c1"));
            w.Deliver("c1", 2, 7, true);
            Assert.AreEqual("PUBREC 7", w.Drain());
            // Even without DUP (a broker may resend without it): the id decides.
            w.Deliver("c1", 2, 7, false);
            Assert.AreEqual("PUBREC 7", w.Drain());
            Assert.AreEqual(1, w.App.Deliveries, "delivered once");
            Assert.AreEqual(0, w.App.Duplicates);
            Assert.AreEqual(1, w.Engine.State.Incoming.Count);
            Assert.AreEqual(1, w.CountRecords(RecordType.Incoming), "one record, for the first: a duplicate changes nothing");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void DuplicateAfterRebootIsNotDeliveredAgain(int version)
        {
            EngineWire w = Online(version);
            w.Deliver("c1", 2, 7, false);
            // Power lost before the PUBREC went out.
            w.Lose();
            w.Boot();
            Assert.AreEqual(1, w.Engine.State.Incoming.Count, "the id came back from the journal");
            Assert.AreEqual(1, w.App.CountApplied("c1"), "the effect came back through Restore");
            Assert.AreEqual("", w.Online(true));
            w.Deliver("c1", 2, 7, true);
            Assert.AreEqual("PUBREC 7", w.Drain());
            Assert.AreEqual(1, w.App.Deliveries);
            w.Ack(PacketType.PubRel, 7);
            Assert.AreEqual("PUBCOMP 7", w.Drain());
            Assert.AreEqual(0, w.App.Duplicates);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void UnknownPubRelIsCompleted(int version)
        {
            EngineWire w = Online(version);
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.Ack(PacketType.PubRel, 9));
            Assert.AreEqual(version == 5 ? "PUBCOMP 9 rc=0x92" : "PUBCOMP 9", w.Drain());
            Assert.AreEqual(0, w.App.Deliveries);
            Assert.AreEqual(0, w.CountRecords(RecordType.Incoming), "nothing to record");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void PubRelReleasesTheId(int version)
        {
            EngineWire w = Online(version);
            w.Deliver("c1", 2, 7, false);
            Assert.AreEqual("PUBREC 7", w.Drain());
            w.Ack(PacketType.PubRel, 7);
            Assert.AreEqual("PUBCOMP 7", w.Drain());
            Assert.AreEqual(0, w.Engine.State.Incoming.Count);
            // A second PUBREL for it (e.g. resent after a lost PUBCOMP) is completed (5.0: 0x92, the id is gone).
            w.Ack(PacketType.PubRel, 7);
            Assert.AreEqual(version == 5 ? "PUBCOMP 7 rc=0x92" : "PUBCOMP 7", w.Drain());
            // The id is free: the next PUBLISH with it is a new message.
            w.Deliver("c2", 2, 7, false);
            Assert.AreEqual("PUBREC 7", w.Drain());
            Assert.AreEqual(2, w.App.Deliveries);
            Assert.AreEqual(1, w.App.CountApplied("c2"));
            // The release survives a reboot too.
            w.Ack(PacketType.PubRel, 7);
            Assert.AreEqual("PUBCOMP 7", w.Drain());
            w.Lose();
            w.Boot();
            Assert.AreEqual(0, w.Engine.State.Incoming.Count);
            w.Online(true);
            w.Deliver("c3", 2, 7, false);
            Assert.AreEqual(1, w.App.CountApplied("c3"));
            Assert.AreEqual(0, w.App.Duplicates);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void QoS1IsDeliveredEveryTime(int version)
        {
            EngineWire w = Online(version);
            w.Deliver("c1", 1, 4, false);
            w.Deliver("c1", 1, 4, true);
            Assert.AreEqual("PUBACK 4, PUBACK 4", w.Drain());
            Assert.AreEqual(2, w.App.Deliveries, "at least once: no id is kept for QoS 1");
            Assert.AreEqual(0, w.Engine.State.Incoming.Count);
            w.Deliver("c0", 0, 0, false);
            Assert.AreEqual("", w.Drain());
            Assert.AreEqual(3, w.App.Deliveries);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void BrokerOverTheIncomingCapacityWaitsForAPubRelInsteadOfFailing(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Config.IncomingQoS2Capacity = 4;
            w.Boot();
            w.Connect();
            if (version == 5) Assert.AreEqual(2, w.LastConnectReceiveMaximum, "half the id table announced as Receive Maximum");
            w.Accept(false);
            // Two runs: ids 1 and 3 take one each, and 5 (next to neither) finds none.
            w.Deliver("c1", 2, 1, false);
            w.Deliver("c2", 2, 3, false);
            Assert.AreEqual((int)SessionStatus.NeedMoreData, (int)w.Deliver("c3", 2, 5, false), "c3 waits for a PUBREL to free a slot");
            Assert.AreEqual(0, w.Count(SessionEvent.ProtocolError), "not an error: the link stays");
            Assert.AreEqual(2, w.App.Deliveries, "c3 not delivered and not acknowledged yet");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void AFlashThatRefusesTheRecordIsAStorageFailureNotAProtocolError(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.Connect();
            w.Accept(false);
            w.Flash.Capacity = w.Flash.TotalBytes + 4;
            Assert.AreEqual((int)SessionStatus.StorageFailed, (int)w.Deliver("c1", 2, 1, false));
            Assert.AreEqual((int)NanoMqtt.Storage.JournalStatus.StorageFailed, (int)w.Engine.LastJournalStatus);
            Assert.AreEqual(1, w.Count(SessionEvent.JournalError));
            Assert.AreEqual(0, w.Engine.State.Incoming.Count, "nothing taken: the broker sends it again");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void SessionLossForgetsIncomingIds(int version)
        {
            EngineWire w = Online(version);
            w.Deliver("c1", 2, 7, false);
            w.Lose();
            w.ClearEvents();
            Assert.AreEqual("SUBSCRIBE 2", w.Online(false));
            Assert.AreEqual("0", w.ArgumentsOf(SessionEvent.SessionLost), "state was held, no message to requeue");
            Assert.AreEqual(0, w.Engine.State.Incoming.Count);
            w.SubAck(2, 2);
            w.Deliver("c2", 2, 7, false);
            Assert.AreEqual("PUBREC 7", w.Drain());
            Assert.AreEqual(1, w.App.CountApplied("c2"), "a new session's id 7 is a new message");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void CommandsQueuedWhileOfflineAppliedExactlyOnce(int version)
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig((MqttVersion)version));
            h.Boot();
            h.Connect();
            h.DropLink();
            h.Inject("k1", 2);
            h.Inject("k2", 1);
            h.Inject("k3", 2);
            h.Connect();
            // k4 goes out as the link drops and the device restarts: the broker sends it again (DUP).
            h.Inject("k4", 2);
            h.DropLink();
            h.Restart();
            h.Connect();
            Assert.AreEqual("", "" + h.CheckInvariants(true), "invariants");
            Assert.AreEqual(0, h.Broker.PendingForClient);
            Assert.AreEqual(0, h.Engine.State.Incoming.Count);
            Assert.AreEqual(3, h.App.Applied.Count);
        }
    }
}

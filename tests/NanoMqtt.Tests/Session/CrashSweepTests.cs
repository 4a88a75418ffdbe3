using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>
    /// Power cut at every write boundary and inside every write of each scenario, then reboot,
    /// reconnect and check: nothing accepted lost (unless dropped by policy and reported), no QoS 2
    /// command applied twice, no packet id reused while the broker holds it, journal in bound.
    /// </summary>
    [TestClass]
    public class CrashSweepTests
    {
        private static MqttVersion _version = MqttVersion.V500;
        private static int _total;

        private static DeviceHarness Online()
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig(_version));
            h.Boot();
            h.Connect();
            return h;
        }

        private static void Reconnect(DeviceHarness h)
        {
            h.Connect();
        }

        private static void Sweep(string name, HarnessFactory factory, DeviceStep scenario, bool exactlyOnceOut)
        {
            int cuts = CrashSweep.Run(name, factory, scenario, new DeviceStep(Reconnect), exactlyOnceOut);
            _total += cuts;
            Assert.IsTrue(cuts >= 50, name + " ran only " + cuts + " cut points");
        }

        private static void PublishQoS1(DeviceHarness h)
        {
            h.Publish("a1", 1);
            h.Pump();
            h.Publish("a2", 1);
            h.Publish("a3", 1);
            h.Pump();
            h.DropLink();
            h.Publish("a4", 1);
            h.Publish("a5", 1);
            h.Connect();
        }

        private static void PublishQoS2(DeviceHarness h)
        {
            h.Publish("b1", 2);
            h.Pump();
            h.Broker.SilentPubRel = true;
            h.Publish("b2", 2);
            h.Pump();
            h.DropLink();
            h.Broker.SilentPubRel = false;
            h.Publish("b3", 2);
            h.Connect();
            h.Publish("b4", 2);
            h.Pump();
        }

        private static DeviceHarness OfflineWithCommands()
        {
            DeviceHarness h = Online();
            h.DropLink();
            h.Inject("c1", 2);
            h.Inject("c2", 2);
            h.Inject("c3", 1);
            h.Inject("c4", 2);
            h.Inject("c5", 2);
            h.Inject("c6", 1);
            h.Inject("c7", 2);
            return h;
        }

        private static void ReceiveQoS2(DeviceHarness h)
        {
            h.Connect();
            h.Inject("c8", 2);
            h.Pump();
        }

        private static DeviceHarness SmallOutbox()
        {
            SessionConfig c = EngineHarness.DefaultConfig(_version);
            c.OutboxMessages = 3;
            DeviceHarness h = new DeviceHarness(c);
            h.Boot();
            h.Connect();
            h.DropLink();
            return h;
        }

        private static void OverflowOutbox(DeviceHarness h)
        {
            for (int i = 1; i <= 6; i++) h.Publish("e" + i, (byte)(1 + i % 2));
            h.Connect();
        }

        private static DeviceHarness SmallJournal()
        {
            SessionConfig c = EngineHarness.DefaultConfig(_version);
            c.JournalBytes = 700;
            DeviceHarness h = new DeviceHarness(c);
            h.Boot();
            h.Connect();
            return h;
        }

        private static void Compacting(DeviceHarness h)
        {
            for (int i = 1; i <= 8; i++)
            {
                h.Publish("f" + i, (byte)(1 + i % 2));
                if (i % 3 == 0) h.Inject("g" + i, 2);
                h.Pump();
            }
        }

        // As a device that has used almost every packet id: its journal reserves up to 65533.
        private static void ReserveIdsNearTheWrap(DeviceHarness h)
        {
            Journal j = new Journal(h.Flash, h.Config.JournalName, h.Config.JournalBytes, h.Config.MaxPacketSize + 16);
            SessionRecords records = new SessionRecords(j, new SessionState(h.Config));
            j.Open(records);
            records.IdReserve(0xFFFD);
        }

        private static DeviceHarness NearWrap()
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig(_version));
            ReserveIdsNearTheWrap(h);
            h.Boot();
            h.Connect();
            return h;
        }

        private static void AcrossTheWrap(DeviceHarness h)
        {
            h.Broker.SilentPubRel = true;
            h.Publish("w1", 2);
            h.Publish("w2", 2);
            h.Pump();
            h.DropLink();
            h.Broker.SilentPubRel = false;
            for (int i = 3; i <= 6; i++) h.Publish("w" + i, (byte)(1 + i % 2));
            h.Connect();
        }

        // A QoS 2 message left waiting for PUBCOMP at a low id, then the ids run up to the wrap: when
        // they come round, that id is still the device's and must be skipped.
        private static DeviceHarness HeldIdThenNearWrap()
        {
            DeviceHarness h = Online();
            h.Broker.SilentPubRel = true;
            h.Publish("w0", 2);
            h.Pump();
            h.PowerCut();
            ReserveIdsNearTheWrap(h);
            h.Boot();
            h.Connect();
            return h;
        }

        private static void RoundTheWrapPastTheHeldId(DeviceHarness h)
        {
            for (int i = 1; i <= 5; i++)
            {
                h.Publish("w" + i, 2);
                h.Pump();
            }
        }

        // One packet of each flow lost on the way, then the link goes (as TCP's does when a segment
        // never arrives) and the next connection finishes the flow.
        private static void LoseThenReconnect(DeviceHarness h, PacketType toDevice, PacketType fromDevice, string payload, byte qos, bool inbound)
        {
            h.Broker.LoseToClient = toDevice;
            h.Broker.LoseFromClient = fromDevice;
            if (inbound) h.Inject(payload, qos);
            else h.Publish(payload, qos);
            h.Pump();
            h.DropLink();
            h.Connect();
        }

        private static void PacketsLostOnTheWay(DeviceHarness h)
        {
            LoseThenReconnect(h, PacketType.None, PacketType.Publish, "l1", 2, false);
            LoseThenReconnect(h, PacketType.PubRec, PacketType.None, "l2", 2, false);
            LoseThenReconnect(h, PacketType.None, PacketType.PubRel, "l3", 2, false);
            LoseThenReconnect(h, PacketType.PubComp, PacketType.None, "l4", 2, false);
            LoseThenReconnect(h, PacketType.PubAck, PacketType.None, "l5", 1, false);
            LoseThenReconnect(h, PacketType.Publish, PacketType.None, "i1", 2, true);
            LoseThenReconnect(h, PacketType.None, PacketType.PubRec, "i2", 2, true);
            LoseThenReconnect(h, PacketType.PubRel, PacketType.None, "i3", 2, true);
            LoseThenReconnect(h, PacketType.None, PacketType.PubComp, "i4", 2, true);
            LoseThenReconnect(h, PacketType.None, PacketType.PubAck, "i5", 1, true);
        }

        // After a cut the losses still armed are disarmed: what the sweep checks is the recovery.
        private static void ReconnectLosingNothing(DeviceHarness h)
        {
            h.Broker.LoseToClient = PacketType.None;
            h.Broker.LoseFromClient = PacketType.None;
            h.Connect();
        }

        private static DeviceHarness InFlightThenBrokerForgets()
        {
            DeviceHarness h = Online();
            h.Broker.SilentPubRel = true;
            h.Publish("s1", 2);
            h.Pump();
            h.DropLink();
            h.Broker.SilentPubRel = false;
            h.Publish("s2", 1);
            h.Publish("s3", 2);
            h.Broker.LoseSessionOnNextConnect = true;
            return h;
        }

        private static void RebootIntoLostSession(DeviceHarness h)
        {
            h.Restart();
            h.Connect();
            h.Publish("s4", 1);
            h.Pump();
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void QoS1Publish(int version)
        {
            _version = (MqttVersion)version;
            Sweep("QoS 1 publish v" + version, new HarnessFactory(Online), new DeviceStep(PublishQoS1), true);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void QoS2Publish(int version)
        {
            _version = (MqttVersion)version;
            Sweep("QoS 2 publish v" + version, new HarnessFactory(Online), new DeviceStep(PublishQoS2), true);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void QoS2Receive(int version)
        {
            _version = (MqttVersion)version;
            Sweep("QoS 2 receive v" + version, new HarnessFactory(OfflineWithCommands), new DeviceStep(ReceiveQoS2), true);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void OutboxOverflow(int version)
        {
            _version = (MqttVersion)version;
            Sweep("outbox overflow v" + version, new HarnessFactory(SmallOutbox), new DeviceStep(OverflowOutbox), true);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void Compaction(int version)
        {
            _version = (MqttVersion)version;
            Sweep("compaction v" + version, new HarnessFactory(SmallJournal), new DeviceStep(Compacting), true);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void PacketIdWrapAround(int version)
        {
            _version = (MqttVersion)version;
            Sweep("packet id wrap-around v" + version, new HarnessFactory(NearWrap), new DeviceStep(AcrossTheWrap), true);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void AnIdWaitingForPubCompIsSkippedWhenTheIdsComeRound(int version)
        {
            _version = (MqttVersion)version;
            Sweep("held id across the wrap v" + version, new HarnessFactory(HeldIdThenNearWrap), new DeviceStep(RoundTheWrapPastTheHeldId), true);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void EachFlowFinishesAfterItsPacketIsLost(int version)
        {
            _version = (MqttVersion)version;
            DeviceHarness h = Online();
            PacketsLostOnTheWay(h);
            Assert.AreEqual(10, h.Broker.Lost, "one packet lost in each of the ten flows");
            Assert.IsNull(h.CheckInvariants(true));
            for (int i = 1; i <= 4; i++)
            {
                Assert.AreEqual(1, h.Broker.CountDelivered("l" + i), "l" + i + " reached the broker once");
                Assert.AreEqual(1, h.App.CountApplied("i" + i), "i" + i + " applied once");
            }
            Assert.IsTrue(h.Engine.State.IsEmpty, "every flow finished");
            Assert.AreEqual(0, h.Broker.PendingForClient);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void PacketsLostOnTheWayInEitherDirection(int version)
        {
            _version = (MqttVersion)version;
            int cuts = CrashSweep.Run("packets lost on the way v" + version, new HarnessFactory(Online), new DeviceStep(PacketsLostOnTheWay),
                new DeviceStep(ReconnectLosingNothing), true);
            _total += cuts;
            Assert.IsTrue(cuts >= 50, "ran only " + cuts + " cut points");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void SessionPresent0AfterReboot(int version)
        {
            _version = (MqttVersion)version;
            // The broker lost the session: messages go again as new ones, so QoS 2 may reach it twice.
            Sweep("session lost after reboot v" + version, new HarnessFactory(InFlightThenBrokerForgets), new DeviceStep(RebootIntoLostSession), false);
        }

        [Cleanup]
        public void Report()
        {
            OutputHelper.WriteLine("crash sweeps: " + _total + " cut points in all");
        }
    }
}

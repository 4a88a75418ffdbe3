using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>
    /// A broker past the device's window (Mosquitto 2.0 sends new QoS 2 PUBLISHes ahead of the
    /// PUBRELs that would free their ids) never takes the device offline at once: PUBRELs already
    /// in the bytes are taken first, a PUBLISH waits while more bytes can come, and only a buffer
    /// full of PUBLISHes defers one, unacknowledged, to the next connection. The flood tests number
    /// their messages with gaps: consecutive ids share one run of the table, however many.
    /// </summary>
    [TestClass]
    public class IncomingWindowTests
    {
        private static EngineWire Wire(int tableSize, int maxPacket)
        {
            return Wire(tableSize, maxPacket, MqttVersion.V311);
        }

        private static EngineWire Wire(int tableSize, int maxPacket, MqttVersion version)
        {
            SessionConfig c = EngineHarness.DefaultConfig(version);
            c.IncomingQoS2Capacity = tableSize;
            c.MaxPacketSize = maxPacket;
            EngineWire wire = new EngineWire(c);
            wire.Boot();
            wire.FirstOnline();
            wire.ClearEvents();
            return wire;
        }

        private static int PubRel(int id, byte[] into, int at)
        {
            into[at] = 0x62;
            into[at + 1] = 2;
            into[at + 2] = (byte)(id >> 8);
            into[at + 3] = (byte)id;
            return at + 4;
        }

        [TestMethod]
        public void APubRelBehindThePublishFreesItsSlotFirst()
        {
            EngineWire wire = Wire(4, 1024);
            byte[] bytes = new byte[400];
            int end = wire.Encode(EngineWire.InTopic, "a", 2, 1, bytes, 0);
            end = wire.Encode(EngineWire.InTopic, "b", 2, 3, bytes, end);
            end = wire.Encode(EngineWire.InTopic, "c", 2, 5, bytes, end);
            end = PubRel(1, bytes, end);
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Stream(bytes, end, 400));
            Assert.AreEqual("PUBREC 1, PUBREC 3, PUBCOMP 1, PUBREC 5", wire.Drain(), "PUBREL 1 answered once, taken ahead of c");
            Assert.AreEqual(3, wire.App.Applied.Count);
            Assert.AreEqual(0, wire.Count(SessionEvent.ProtocolError));
        }

        [TestMethod]
        public void APublishWaitsForItsSlotWhileMoreBytesCanCome()
        {
            EngineWire wire = Wire(4, 1024);
            byte[] first = new byte[400];
            int end = wire.Encode(EngineWire.InTopic, "a", 2, 1, first, 0);
            end = wire.Encode(EngineWire.InTopic, "b", 2, 3, first, end);
            end = wire.Encode(EngineWire.InTopic, "c", 2, 5, first, end);
            byte[] rx = new byte[2048];
            System.Array.Copy(first, rx, end);
            int used;
            Assert.AreEqual((int)SessionStatus.NeedMoreData, (int)wire.Engine.Receive(rx, 0, end, out used), "c waits");
            int left = end - used;
            Assert.IsTrue(left > 0, "c is left in the buffer");
            Assert.AreEqual("PUBREC 1, PUBREC 3", wire.Drain(), "the PUBRECs go out meanwhile");
            System.Array.Copy(rx, used, rx, 0, left);
            int more = PubRel(3, rx, left);
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Engine.Receive(rx, 0, more, out used));
            Assert.AreEqual(more, used);
            Assert.AreEqual("PUBCOMP 3, PUBREC 5", wire.Drain());
            Assert.AreEqual(3, wire.App.Applied.Count);
        }

        [TestMethod]
        public void ABufferFullOfPublishesDefersOneAndAsksForANewConnectionWhenAllIsReleased()
        {
            EngineWire wire = Wire(1, 128);
            byte[] bytes = new byte[2000];
            int end = 0;
            for (int id = 1; id <= 59; id += 2) end = wire.Encode(EngineWire.InTopic, "m" + id, 2, id, bytes, end);
            end = PubRel(1, bytes, end);
            SessionStatus st = wire.Stream(bytes, end, 2000);
            Assert.IsTrue(st == SessionStatus.Ok || st == SessionStatus.NeedMoreData, "never offline for it: " + (int)st);
            Assert.AreEqual(0, wire.Count(SessionEvent.ProtocolError));
            Assert.AreEqual(2, wire.App.Applied.Count, "m1, and the one at the front when PUBREL 1 came in");
            Assert.AreEqual("m1", (string)wire.App.Applied[0]);
            int k = int.Parse(((string)wire.App.Applied[1]).Substring(1));
            Assert.IsTrue(k > 3, "the ones before it were deferred: " + k);
            Assert.IsFalse(wire.Engine.Connection.TakeReconnectRequest(), "not while an id waits for its PUBREL");
            Assert.AreEqual("PUBREC 1, PUBCOMP 1, PUBREC " + k, wire.Drain(), "nothing acknowledged of what was deferred");
            byte[] rel = new byte[4];
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Stream(rel, PubRel(k, rel, 0), 4));
            Assert.IsTrue(wire.Engine.Connection.TakeReconnectRequest(), "all released: a new connection brings the deferred ones again");
            wire.Lose();
            wire.Online(true);
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Deliver("m3", 2, 3, true));
            Assert.AreEqual("m3", (string)wire.App.Applied[2], "a deferred message is taken when the broker sends it again");
        }

        [TestMethod]
        [DataRow(4, "")]
        [DataRow(5, "DISCONNECT rc=0x93")]
        public void OnceAllIsReleasedTheBrokerIsToldItWentPastTheReceiveMaximum(int version, string goodbye)
        {
            EngineWire wire = Wire(1, 128, version == 5 ? MqttVersion.V500 : MqttVersion.V311);
            byte[] bytes = new byte[2000];
            int end = 0;
            for (int id = 1; id <= 59; id += 2) end = wire.Encode(EngineWire.InTopic, "m" + id, 2, id, bytes, end);
            end = PubRel(1, bytes, end);
            wire.Stream(bytes, end, 2000);
            wire.Drain();
            int k = int.Parse(((string)wire.App.Applied[1]).Substring(1));
            Assert.AreEqual(0, wire.Count(SessionEvent.ReceiveMaximumExceeded), "not while an id waits for its PUBREL");
            byte[] rel = new byte[4];
            wire.Stream(rel, PubRel(k, rel, 0), 4);
            Assert.AreEqual(1, wire.Count(SessionEvent.ReceiveMaximumExceeded));
            Assert.AreEqual("PUBCOMP " + k + (goodbye.Length > 0 ? ", " + goodbye : ""), wire.Drain(), "5.0 names the reason; 3.1.1 has none to give");
            Assert.IsTrue(wire.Engine.Connection.TakeReconnectRequest());
            wire.Lose();
            Assert.AreEqual("", wire.Online(true));
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Ack(PacketType.PubRel, 99));
            Assert.AreEqual(version == 5 ? "PUBCOMP 99 rc=0x92" : "PUBCOMP 99", wire.Drain(), "the next DISCONNECT would be a normal one: nothing of 0x93 is left");
        }

        [TestMethod]
        [DataRow(4)]
        [DataRow(5)]
        public void AFloodOfConsecutiveIdsPastTheReceiveMaximumIsTakenWhole(int version)
        {
            // Mosquitto 2.0's flood: ids in order, far past the Receive Maximum, PUBRELs behind them.
            EngineWire wire = Wire(1, 128, version == 5 ? MqttVersion.V500 : MqttVersion.V311);
            byte[] bytes = new byte[2000];
            int end = 0;
            for (int id = 1; id <= 30; id++) end = wire.Encode(EngineWire.InTopic, "m" + id, 2, id, bytes, end);
            wire.StreamSending(bytes, end);
            Assert.AreEqual(30, wire.App.Applied.Count, "every one taken, none deferred");
            Assert.AreEqual(30, wire.Engine.State.Incoming.Count);
            Assert.AreEqual(1, wire.Engine.State.Incoming.Runs);
            Assert.IsFalse(wire.Engine.DeferringPublishes);
            end = 0;
            for (int id = 1; id <= 30; id++) end = PubRel(id, bytes, end);
            Assert.AreEqual(30, wire.StreamSending(bytes, end).Split(',').Length, "30 PUBCOMPs");
            Assert.AreEqual(0, wire.Engine.State.Incoming.Count);
            Assert.AreEqual(0, wire.Count(SessionEvent.ReceiveMaximumExceeded), "nothing was deferred, so nothing to say");
            Assert.IsFalse(wire.Engine.Connection.TakeReconnectRequest());
        }

        [TestMethod]
        public void ARunOutlivesACompactionAndAPowerCutAsOneRecord()
        {
            EngineWire wire = Wire(1, 128);
            byte[] bytes = new byte[2000];
            int end = 0;
            for (int id = 101; id <= 130; id++) end = wire.Encode(EngineWire.InTopic, "m" + id, 2, id, bytes, end);
            wire.StreamSending(bytes, end);
            Assert.AreEqual((int)NanoMqtt.Storage.JournalStatus.Ok, (int)wire.Engine.Journal.Compact());
            Assert.AreEqual(1, wire.CountRecords(RecordType.ReceivedRun), "30 ids, one record");
            wire.Boot();
            Assert.AreEqual(30, wire.Engine.State.Incoming.Count, "all held after the power cut");
            wire.Online(true);
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Deliver("m115", 2, 115, true));
            Assert.AreEqual("PUBREC 115", wire.Drain(), "a duplicate of a held id is acknowledged");
            Assert.AreEqual(30, wire.App.Applied.Count, "and not applied again");
        }

        [TestMethod]
        [DataRow(4)]
        [DataRow(5)]
        public void APubRelThatWouldSplitARunWithNoRunFreeWaitsForTheNextConnection(int version)
        {
            EngineWire wire = Wire(2, 128, version == 5 ? MqttVersion.V500 : MqttVersion.V311);
            byte[] bytes = new byte[400];
            int end = 0;
            for (int id = 1; id <= 3; id++) end = wire.Encode(EngineWire.InTopic, "m" + id, 2, id, bytes, end);
            wire.Stream(bytes, end, 400);
            wire.Drain();
            Assert.AreEqual(1, wire.Engine.State.Incoming.Runs, "1-3, the only run");
            end = PubRel(1, bytes, PubRel(2, bytes, 0));
            end = PubRel(3, bytes, end);
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Stream(bytes, end, 400));
            Assert.AreEqual("PUBCOMP 1, PUBCOMP 3", wire.Drain(), "2 would split 1-3 in two: unanswered");
            Assert.IsTrue(wire.Engine.State.Incoming.Contains(2), "2 is still held");
            Assert.IsTrue(wire.Engine.DeferringPublishes, "the link driver's PUBREL wait brings a new connection");
            wire.Lose();
            wire.Online(true);
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Ack(PacketType.PubRel, 2));
            Assert.AreEqual("PUBCOMP 2", wire.Drain(), "the broker sends it again, and now it goes");
            Assert.AreEqual(0, wire.Engine.State.Incoming.Count);
            Assert.AreEqual(3, wire.App.Applied.Count);
        }
    }
}

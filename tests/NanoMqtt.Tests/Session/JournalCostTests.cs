using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>
    /// Flash bytes per message, measured as Journal.BytesWritten deltas. The target: QoS 1 = the
    /// message record + one 13-byte Completed; QoS 2 adds one 13-byte PubRecReceived; every state
    /// change at most 24 bytes; sending and acknowledging write nothing else. A record is 11 bytes
    /// of framing + payload; a message record's payload is 9 bytes + topic + payload.
    /// </summary>
    [TestClass]
    public class JournalCostTests
    {
        private const int Framing = 11;
        private const int MessageRecord = Framing + 9 + 9 + 5; // "dev/state", "hello"
        private static long _written;

        private static long Delta(EngineWire w)
        {
            long now = w.Engine.Journal.BytesWritten;
            long d = now - _written;
            _written = now;
            return d;
        }

        // Online, with the packet id block already reserved (its 13-byte record is paid once per 256 ids).
        private static EngineWire Warm(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.Publish("warm", 1);
            w.Drain();
            w.Ack(PacketType.PubAck, 2);
            _written = w.Engine.Journal.BytesWritten;
            return w;
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void QoS1CostsTheMessageAndOneCompleted(int version)
        {
            EngineWire w = Warm(version);
            int compactions = w.Engine.Journal.Compactions;
            w.Publish("hello", 1);
            long message = Delta(w);
            Assert.AreEqual("PUBLISH hello 3 q1", w.Drain());
            Assert.AreEqual(0L, Delta(w), "sending writes nothing");
            w.Ack(PacketType.PubAck, 3);
            long completed = Delta(w);
            Assert.AreEqual((long)MessageRecord, message);
            Assert.AreEqual(13L, completed);
            Assert.AreEqual(compactions, w.Engine.Journal.Compactions);
            OutputHelper.WriteLine("v" + version + " QoS 1 publish: message " + message + " B + Completed " + completed + " B = " + (message + completed) + " B");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void QoS2AddsOnePubRecReceived(int version)
        {
            EngineWire w = Warm(version);
            int compactions = w.Engine.Journal.Compactions;
            w.Publish("hello", 2);
            long message = Delta(w);
            Assert.AreEqual("PUBLISH hello 3 q2", w.Drain());
            w.Ack(PacketType.PubRec, 3);
            long pubRec = Delta(w);
            Assert.AreEqual("PUBREL 3", w.Drain());
            Assert.AreEqual(0L, Delta(w));
            w.Ack(PacketType.PubComp, 3);
            long completed = Delta(w);
            Assert.AreEqual((long)MessageRecord, message);
            Assert.AreEqual(13L, pubRec);
            Assert.AreEqual(13L, completed);
            Assert.AreEqual(compactions, w.Engine.Journal.Compactions);
            OutputHelper.WriteLine("v" + version + " QoS 2 publish: message " + message + " B + PubRecReceived " + pubRec + " B + Completed " + completed + " B = "
                + (message + pubRec + completed) + " B");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void SendingAQueuedMessageReadsItsRecordOnceAndAFreshOneNotAtAll(int version)
        {
            EngineWire w = Warm(version);
            w.Lose();
            w.Publish("queued", 1);
            // A reboot: the message is on flash only.
            w.Boot();
            w.Connect();
            w.ConnAck(true);
            // A record is read as its head, its payload and its CRC: three reads.
            int reads = w.Flash.Reads;
            // Ids go on after the block reserved before the reboot.
            Assert.AreEqual("PUBLISH queued 257 q1", w.Drain());
            Assert.AreEqual(3, w.Flash.Reads - reads, "one read of the queued message's record");
            reads = w.Flash.Reads;
            w.Publish("fresh", 1);
            Assert.AreEqual("PUBLISH fresh 258 q1", w.Drain());
            Assert.AreEqual(0, w.Flash.Reads - reads, "the record buffer still holds the message Publish wrote");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void QueuedOfflineAddsOneSentRecord(int version)
        {
            EngineWire w = Warm(version);
            w.Lose();
            w.Publish("hello", 1);
            long message = Delta(w);
            Assert.AreEqual("PUBLISH hello 3 q1", w.Online(true));
            long sent = Delta(w);
            w.Ack(PacketType.PubAck, 3);
            long completed = Delta(w);
            Assert.AreEqual((long)MessageRecord, message);
            Assert.AreEqual(18L, sent, "message number, packet id and QoS");
            Assert.AreEqual(13L, completed);
            OutputHelper.WriteLine("v" + version + " QoS 1 queued offline: message " + message + " B + Sent " + sent + " B + Completed " + completed + " B = "
                + (message + sent + completed) + " B");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void IncomingQoS2CostsReceivedAndReleased(int version)
        {
            EngineWire w = Warm(version);
            w.Deliver("on", 2, 9, false);
            long received = Delta(w);
            Assert.AreEqual("PUBREC 9", w.Drain());
            w.Ack(PacketType.PubRel, 9);
            long released = Delta(w);
            Assert.AreEqual("PUBCOMP 9", w.Drain());
            Assert.AreEqual(0L, Delta(w));
            w.Deliver("on", 1, 10, false);
            Assert.AreEqual(0L, Delta(w), "QoS 1 in: nothing on flash");
            // The read's record: count, one byte of change kinds, the id, then the state (its length and 3 bytes).
            Assert.AreEqual((long)(Framing + 2 + 1 + 2 + 1 + 3), received, "packet id + the application's 3-byte effect (key + payload)");
            Assert.AreEqual((long)(Framing + 2 + 1 + 2), released);
            OutputHelper.WriteLine("v" + version + " QoS 2 delivery: received " + received + " B (3-byte effect) + released " + released + " B");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void EveryOtherStateChangeFitsIn24Bytes(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Config.OutboxMessages = 1;
            w.Boot();
            _written = w.Engine.Journal.BytesWritten;
            w.Connect();
            w.ConnAck(false);
            Assert.AreEqual(0L, Delta(w));
            Assert.AreEqual("SUBSCRIBE 1", w.Drain());
            long reserve = Delta(w);
            w.SubAck(1, 2);
            long subscribed = Delta(w);
            w.Lose();
            w.Publish("hello", 1);
            Delta(w);
            w.Publish("hello", 1);
            long dropped = Delta(w) - MessageRecord;
            w.Connect();
            w.ConnAck(false);
            long reset = Delta(w);
            w.EndSession();
            long ended = Delta(w);
            Assert.AreEqual(13L, reserve, "IdReserve");
            Assert.AreEqual(15L, subscribed, "Subscribed");
            Assert.AreEqual(15L, dropped, "Dropped");
            Assert.AreEqual(12L, reset, "SessionReset");
            Assert.AreEqual(11L, ended, "SessionEnded");
            OutputHelper.WriteLine("v" + version + " records: IdReserve " + reserve + ", Subscribed " + subscribed + ", Dropped " + dropped
                + ", SessionReset " + reset + ", SessionEnded " + ended + " B");
        }
    }
}

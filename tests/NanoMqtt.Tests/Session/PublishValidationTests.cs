using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>
    /// What Publish refuses before anything reaches flash: QoS other than 1 and 2, empty, wildcard or
    /// malformed topics, messages that cannot fit a packet of the configured size; and messages the
    /// broker's own Maximum Packet Size rules out later.
    /// </summary>
    [TestClass]
    public class PublishValidationTests
    {
        private static string Repeat(char c, int n)
        {
            char[] chars = new char[n];
            for (int i = 0; i < n; i++) chars[i] = c;
            return new string(chars);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void OnlyQoS1And2AreAccepted(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            long bytes = w.Engine.Journal.BytesWritten;
            Assert.AreEqual((int)PublishResult.Invalid, (int)w.Publish("p", 0));
            Assert.AreEqual((int)PublishResult.Invalid, (int)w.Publish("p", 3));
            Assert.AreEqual(bytes, w.Engine.Journal.BytesWritten, "nothing written");
            Assert.AreEqual("", w.Drain());
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("p", 1));
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish("p", 2));
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("dev/+/state")]
        [DataRow("dev/#")]
        [DataRow("+")]
        [DataRow("#")]
        [DataRow("dev/st+ate")]
        public void WildcardOrEmptyTopicIsInvalid(string topic)
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            long bytes = w.Engine.Journal.BytesWritten;
            Assert.AreEqual((int)PublishResult.Invalid, (int)w.Publish(topic, "p", 1));
            Assert.AreEqual(bytes, w.Engine.Journal.BytesWritten);
            Assert.AreEqual(0, w.Engine.State.Outbox.Count);
        }

        [TestMethod]
        public void MalformedUtf8TopicIsInvalid()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            Slice payload = Slice.FromString("p");
            Assert.AreEqual((int)PublishResult.Invalid, (int)w.Engine.Publish(Slice.Of(new byte[] { 0x64, 0xC3, 0x28 }), payload, 1, false), "bad continuation byte");
            Assert.AreEqual((int)PublishResult.Invalid, (int)w.Engine.Publish(Slice.Of(new byte[] { 0x64, 0x00, 0x65 }), payload, 1, false), "U+0000");
            Assert.AreEqual((int)PublishResult.Invalid, (int)w.Engine.Publish(Slice.Of(new byte[] { 0xED, 0xA0, 0x80 }), payload, 1, false), "surrogate");
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Engine.Publish(Slice.FromString("dev/\u00e9t\u00e9"), payload, 1, false));
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void TooLargeForTheConfiguredPacketSize(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            // 1024-byte packets: fixed header up to 5, topic 2 + 9, packet id 2, properties 1: 1005 bytes of payload fit.
            long bytes = w.Engine.Journal.BytesWritten;
            Assert.AreEqual((int)PublishResult.TooLarge, (int)w.Publish(Repeat('x', 1006), 1));
            Assert.AreEqual(bytes, w.Engine.Journal.BytesWritten);
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish(Repeat('x', 1005), 2));
            string sent = w.Next();
            Assert.IsTrue(sent.IndexOf("PUBLISH xxxx") == 0, sent);
            Assert.IsTrue(sent.IndexOf(" 2 q2") > 0, sent);
        }

        [TestMethod]
        public void OverTheBrokersMaximumPacketSizeIsRefusedOrDroppedAndReported()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            w.Connect();
            w.ConnAck(false, 0, 0, 64);
            Assert.AreEqual("SUBSCRIBE 1", w.Drain());
            w.SubAck(1, 2);
            w.ClearEvents();
            // Online the broker's 64-byte limit is known: refused at once.
            Assert.AreEqual((int)PublishResult.TooLarge, (int)w.Publish(Repeat('y', 100), 1));
            // Queued offline (limit unknown), then given up when the next broker cannot take it.
            w.Lose();
            Assert.AreEqual((int)PublishResult.Accepted, (int)w.Publish(Repeat('y', 100), 1));
            w.Publish("small", 1);
            w.Connect();
            w.ConnAck(true, 0, 0, 64);
            Assert.AreEqual("PUBLISH small 3 q1", w.Drain(), "the broker never sees a packet over its limit (id 2 went to the dropped one)");
            w.TakeEvents();
            Assert.AreEqual("1", w.ArgumentsOf(SessionEvent.MessageDropped));
            Assert.AreEqual("", w.ArgumentsOf(SessionEvent.MessageCompleted), "dropped is not completed");
            Assert.AreEqual(1, w.Engine.State.Inflight.Count);
            // Journaled as done: it does not come back after a reboot.
            w.Lose();
            w.Boot();
            Assert.AreEqual(1, w.Engine.State.Inflight.Count);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void PublishWhileEndingIsRefused(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.EndSession();
            Assert.AreEqual((int)PublishResult.Ending, (int)w.Publish("late", 1));
            Assert.AreEqual(0, w.Engine.State.Outbox.Count);
        }
    }
}

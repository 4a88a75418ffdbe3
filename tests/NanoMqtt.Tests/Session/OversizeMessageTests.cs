using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>
    /// A PUBLISH over the maximum packet size never blocks the session: it is acknowledged per its
    /// QoS (so the broker forgets it), reported, and passed over without being buffered; what
    /// follows it in the stream is delivered as usual.
    /// </summary>
    [TestClass]
    public class OversizeMessageTests
    {
        private static string Text(int length)
        {
            string s = "x";
            while (s.Length < length) s += s;
            return s.Substring(0, length);
        }

        private static EngineWire OnlineWire(int version)
        {
            EngineWire wire = EngineWire.Create(version);
            wire.Boot();
            wire.FirstOnline();
            wire.ClearEvents();
            return wire;
        }

        [TestMethod]
        [DataRow(4, 1)]
        [DataRow(5, 1)]
        [DataRow(4, 0)]
        [DataRow(5, 0)]
        public void A10KBMessageIsAcknowledgedPassedOverAndTheNextOneDelivered(int version, int qos)
        {
            EngineWire wire = OnlineWire(version);
            byte[] bytes = new byte[12000];
            int end = wire.Encode(EngineWire.InTopic, Text(10240), (byte)qos, 7, bytes, 0);
            int big = end;
            end = wire.Encode(EngineWire.InTopic, "on", 1, 8, bytes, end);
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Stream(bytes, end, 700), "the session goes on");
            string expected = qos == 0 ? "" : version == 5 ? "PUBACK 7 rc=0x83, " : "PUBACK 7, ";
            Assert.AreEqual(expected + "PUBACK 8", wire.Drain());
            Assert.AreEqual(1, wire.App.Deliveries, "only the message that fits reached the app");
            Assert.AreEqual("on", (string)wire.App.AtLeastOnce[0]);
            Assert.AreEqual("" + big, wire.ArgumentsOf(SessionEvent.MessageTooLarge));
            Assert.AreEqual(EngineWire.InTopic + " " + big + "/1024;", wire.App.TooLargeReports);
            Assert.AreEqual(0, wire.Count(SessionEvent.ProtocolError));
        }

        [TestMethod]
        public void AQoS2MessageTooLargeEndsItsFlowAtPubRecIn5()
        {
            EngineWire wire = OnlineWire(5);
            byte[] bytes = new byte[3000];
            int end = wire.Encode(EngineWire.InTopic, Text(2000), 2, 9, bytes, 0);
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Stream(bytes, end, 4096));
            Assert.AreEqual("PUBREC 9 rc=0x83", wire.Drain());
            Assert.AreEqual(0, wire.Engine.State.Incoming.Count, "nothing held for a PUBREL that will not come");
        }

        [TestMethod]
        public void AQoS2MessageTooLargeIsReleasedAndCompletedIn311()
        {
            EngineWire wire = OnlineWire(4);
            byte[] bytes = new byte[3000];
            int end = wire.Encode(EngineWire.InTopic, Text(2000), 2, 9, bytes, 0);
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Stream(bytes, end, 100));
            Assert.AreEqual("PUBREC 9", wire.Drain());
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Ack(PacketType.PubRel, 9));
            Assert.AreEqual("PUBCOMP 9", wire.Drain());
            Assert.AreEqual(0, wire.App.Deliveries);
            Assert.AreEqual(0, wire.Engine.State.Incoming.Count);
        }

        [TestMethod]
        public void TheSameMessageSentAgainIsAcknowledgedAgain()
        {
            EngineWire wire = OnlineWire(4);
            byte[] bytes = new byte[3000];
            int end = wire.Encode(EngineWire.InTopic, Text(1500), 1, 3, bytes, 0);
            wire.Stream(bytes, end, 1000);
            wire.Lose();
            Assert.AreEqual("", wire.Online(true));
            wire.Stream(bytes, end, 1000);
            Assert.AreEqual("PUBACK 3", wire.Drain());
            Assert.AreEqual(2, wire.Count(SessionEvent.MessageTooLarge));
        }

        [TestMethod]
        [DataRow(4, 0, 1)]
        [DataRow(4, 1, 7)]
        [DataRow(4, 2, 700)]
        [DataRow(5, 0, 700)]
        [DataRow(5, 1, 1)]
        [DataRow(5, 2, 7)]
        public void ATopicOverTheLimitIsPassedOverAcknowledgedAndReportedByItsStart(int version, int qos, int chunk)
        {
            EngineWire wire = OnlineWire(version);
            byte[] bytes = new byte[8000];
            string topic = Text(3000);
            int end = wire.Encode(topic, "x", (byte)qos, 3, bytes, 0);
            int big = end;
            end = wire.Encode(EngineWire.InTopic, "on", 1, 4, bytes, end);
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Stream(bytes, end, chunk), "the session goes on");
            string rc = version == 5 ? " rc=0x83" : "";
            string expected = qos == 0 ? "" : (qos == 1 ? "PUBACK 3" : "PUBREC 3") + rc + ", ";
            Assert.AreEqual(expected + "PUBACK 4", wire.Drain());
            Assert.AreEqual("on", (string)wire.App.AtLeastOnce[0], "what follows is delivered");
            Assert.AreEqual(1, wire.App.Deliveries);
            Assert.AreEqual(Text(OversizeTopicShown) + " " + big + "/1024;", wire.App.TooLargeReports);
            Assert.AreEqual(0, wire.Count(SessionEvent.ProtocolError));
        }

        private const int OversizeTopicShown = IncomingFlow.TopicShown;

        [TestMethod]
        public void ACutTopicEndsWhereACharacterEnds()
        {
            EngineWire wire = OnlineWire(5);
            byte[] bytes = new byte[8000];
            // 63 ASCII bytes, then 'é' (2 bytes) across the 64-byte cut.
            string topic = Text(63) + "\u00e9" + Text(2000);
            int end = wire.Encode(topic, "x", 1, 3, bytes, 0);
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Stream(bytes, end, 100));
            Assert.StartsWith(Text(63) + " ", wire.App.TooLargeReports);
        }

        [TestMethod]
        public void ALongTopicWithAZeroPacketIdIsAProtocolError()
        {
            EngineWire wire = OnlineWire(4);
            byte[] bytes = new byte[8000];
            int end = wire.Encode(Text(3000), "x", 1, 3, bytes, 0);
            int id = end - 1 - 2;
            bytes[id] = 0;
            bytes[id + 1] = 0;
            Assert.AreEqual((int)SessionStatus.MalformedPacket, (int)wire.Stream(bytes, end, 500));
            Assert.AreEqual((int)DecodeStatus.ZeroPacketId, (int)wire.Engine.LastDecodeStatus);
        }

        [TestMethod]
        public void TheHeadArrivingByteByByteIsWaitedFor()
        {
            EngineWire wire = OnlineWire(4);
            byte[] bytes = new byte[3000];
            int end = wire.Encode(EngineWire.InTopic, Text(1500), 1, 5, bytes, 0);
            end = wire.Encode(EngineWire.InTopic, "off", 1, 6, bytes, end);
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Stream(bytes, end, 1));
            Assert.AreEqual("PUBACK 5, PUBACK 6", wire.Drain());
            Assert.AreEqual("off", (string)wire.App.AtLeastOnce[0]);
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>A compaction while QoS 2 flows are half done, then a reboot: what the flows had reached
    /// is in the new base, so each goes on from there.</summary>
    [TestClass]
    public class CompactionMidFlowTests
    {
        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void AnOutgoingMessagePastPubRecGoesOnWithPubRelAfterCompactionAndReboot(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.Publish("x", 2);
            Assert.AreEqual("PUBLISH x 2 q2", w.Drain());
            w.Ack(PacketType.PubRec, 2);
            Assert.AreEqual("PUBREL 2", w.Drain());
            Assert.AreEqual((int)JournalStatus.Ok, (int)w.Engine.Journal.Compact());
            w.Restart();
            Assert.AreEqual("PUBREL 2", w.Online(true), "PUBREL, not the PUBLISH again");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void AnIncomingIdNotYetReleasedSurvivesCompactionAndReboot(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            w.Deliver("toggle", 2, 9, false);
            Assert.AreEqual("PUBREC 9", w.Drain());
            Assert.AreEqual((int)JournalStatus.Ok, (int)w.Engine.Journal.Compact());
            w.Restart();
            w.Online(true);
            // The broker had no PUBREC (or lost it) and sends the PUBLISH again.
            w.Deliver("toggle", 2, 9, true);
            Assert.AreEqual("PUBREC 9", w.Drain());
            Assert.AreEqual(0, w.App.Duplicates, "applied once");
            Assert.AreEqual(1, w.App.CountApplied("toggle"));
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Session;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>Journals written by earlier builds, which kept each incoming QoS 2 delivery and each
    /// release as a record of its own: the device that boots on one holds what they say.</summary>
    [TestClass]
    public class EarlierJournalTests
    {
        private static void Write(Journal j, int type, byte[] payload)
        {
            Assert.AreEqual((int)JournalStatus.Ok, (int)j.BeginRecord(payload.Length), "");
            System.Array.Copy(payload, 0, j.RecordBuffer, Journal.PayloadAt, payload.Length);
            Assert.AreEqual((int)JournalStatus.Ok, (int)j.CommitRecord(type, payload.Length), "");
        }

        [TestMethod]
        public void ReceivedAndReleasedRecordsReplayAsTheIdsAndStateTheyName()
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig(NanoMqtt.Protocol.MqttVersion.V500));
            Journal j = new Journal(h.Flash, h.Config.JournalName, h.Config.JournalBytes, h.Config.MaxPacketSize + 16);
            j.Open(new SessionRecords(j, new SessionState(h.Config)));
            // Packet id, then the effect: its key byte, then its value.
            Write(j, RecordType.Received, new byte[] { 0x01, 0x05, 7, 0x61, 0x62 });
            Write(j, RecordType.Received, new byte[] { 0x01, 0x06, 8, 0x63 });
            Write(j, RecordType.Released, new byte[] { 0x01, 0x05 });
            h.Boot();
            IncomingQoS2Table held = h.Engine.State.Incoming;
            Assert.IsFalse(held.Contains(0x105), "released");
            Assert.IsTrue(held.Contains(0x106), "");
            Assert.AreEqual(1, held.Count, "");
            AppStateTable state = h.Engine.State.AppState;
            Assert.AreEqual(2, state.Count, "");
            int offset, length;
            byte[] v = state.GetValue(0, out offset, out length);
            Assert.AreEqual(3, length, "");
            Assert.AreEqual(7, (int)v[offset], "");
            Assert.AreEqual(0x62, (int)v[offset + 2], "");
            v = state.GetValue(1, out offset, out length);
            Assert.AreEqual(2, length, "");
            Assert.AreEqual(0x63, (int)v[offset + 1], "");
        }
    }
}

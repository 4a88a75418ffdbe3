using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>One read's incoming changes are one record: replayed after a reboot, its deliveries,
    /// its releases and the application state they left come back as they were.</summary>
    [TestClass]
    public class IncomingRecordReplayTests
    {
        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void DeliveriesAndReleasesOfOneReadComeBackAfterAReboot(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Boot();
            w.FirstOnline();
            byte[] bytes = new byte[1024];
            int end = 0;
            for (int id = 1; id <= 12; id++) end = w.Encode(EngineWire.InTopic, "c" + id, 2, id, bytes, end);
            int[] released = new int[] { 2, 5, 9, 12 };
            for (int k = 0; k < released.Length; k++)
            {
                AckPacket rel = new AckPacket(PacketType.PubRel);
                rel.PacketId = (ushort)released[k];
                int n;
                PacketEncoder.Encode(rel, (MqttVersion)version, bytes, end, 0, out n);
                end += n;
            }
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.Stream(bytes, end, end), "");
            string live = Held(w);
            Assert.AreEqual("1 3 4 6 7 8 10 11 ", live, "");
            w.Lose();
            w.Boot();
            Assert.AreEqual(live, Held(w), "the same ids after the reboot");
            Assert.AreEqual(12, w.Engine.State.AppState.Count, "every command's state");
        }

        private static string Held(EngineWire w)
        {
            string s = "";
            for (int id = 1; id <= 12; id++)
            {
                if (w.Engine.State.Incoming.Contains((ushort)id)) s += id + " ";
            }
            return s;
        }
    }
}

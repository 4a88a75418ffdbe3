using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>
    /// A compaction at every point of half-done flows, both ways and both QoS levels, and the power
    /// cut right after it: whatever each flow had reached is in the new base, so after the reboot
    /// nothing accepted is lost and no QoS 2 message or command happens twice.
    /// </summary>
    [TestClass]
    public class CompactionSweepTests
    {
        private static DeviceHarness Started(int version)
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig((MqttVersion)version));
            h.Boot();
            h.Connect();
            h.Pump();
            h.Publish("out-a", 2);
            h.Publish("out-b", 1);
            h.Publish("out-c", 2);
            h.Inject("in-a", 2);
            h.Inject("in-b", 1);
            h.Inject("in-c", 2);
            return h;
        }

        [TestMethod]
        [DataRow(4)]
        [DataRow(5)]
        public void ACompactionAtEveryRoundThenAPowerCutLosesNothingAndRepeatsNothing(int version)
        {
            DeviceHarness whole = Started(version);
            whole.Pump();
            int rounds = whole.Rounds;
            Assert.IsNull(whole.CheckInvariants(true), "the run without compaction");
            Assert.IsTrue(rounds >= 6, "flows in several steps: " + rounds.ToString());
            for (int k = 0; k <= rounds; k++)
            {
                DeviceHarness h = Started(version);
                h.CompactAtRound = k;
                h.Pump();
                h.CompactAtRound = -1;
                h.PowerCut();
                h.Boot();
                h.Connect();
                h.Pump();
                string broken = h.CheckInvariants(true);
                Assert.IsNull(broken, "compacted at round " + k.ToString() + ": " + broken + " [" + h.Describe() + "]");
            }
        }
    }
}

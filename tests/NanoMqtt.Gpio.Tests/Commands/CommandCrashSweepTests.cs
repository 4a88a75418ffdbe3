using nanoFramework.TestFramework;
using NanoMqtt.Commands;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Commands
{
    /// <summary>
    /// Commands queued while the device was offline, drained with a power cut at every flash write
    /// (and inside it): after reboot and reconnect the outputs end exactly where the commands say.
    /// Two toggles on one output make a toggle applied twice (or lost) visible in its final level,
    /// and every read's commands, QoS 1 as well as QoS 2, are driven only after their state reached
    /// flash (checked at each drive, not at the end: the final level would hide it).
    /// </summary>
    [TestClass]
    public class CommandCrashSweepTests
    {
        private const string Prefix = "nanomqtt/dev1";
        private static MqttVersion _version = MqttVersion.V500;
        private static FakePins _pins;
        private static CommandDispatcher _dispatcher;
        private static int _total;
        private static DeviceHarness _harness;
        private static int _early;
        private static int _checked;

        private static IMessageHandler Boot()
        {
            // Power-on: RAM is new, the pins keep their wiring; the journal restores the levels.
            _dispatcher = new CommandDispatcher(Prefix, new string[] { "relay", "led", "relay2" }, new int[] { 4, 5, 6 },
                new bool[] { false, false, true }, new bool[] { false, false, false }, _pins, new FakeClock());
            return new Order(_dispatcher, _harness.Flash);
        }

        // Each boot's check adds what it saw to the case's counts.
        private sealed class Order : EffectOrderCheck
        {
            public Order(IMessageHandler app, FaultyFlash flash) : base(app, flash)
            {
            }

            public override void Commit()
            {
                int early = EarlyEffects;
                int seen = Checked;
                base.Commit();
                _early += EarlyEffects - early;
                _checked += Checked - seen;
            }
        }

        private static DeviceHarness OfflineWithCommands()
        {
            SessionConfig config = EngineHarness.DefaultConfig(_version);
            config.Subscriptions = new string[] { Prefix + "/out/+/set" };
            DeviceHarness h = new DeviceHarness(config);
            _harness = h;
            _pins = new FakePins();
            h.Applications = new ApplicationFactory(Boot);
            h.Boot();
            h.Connect();
            h.DropLink();
            h.Broker.Inject(Prefix + "/out/relay/set", "on", 2);
            h.Broker.Inject(Prefix + "/out/relay2/set", "explode", 1);
            h.Broker.Inject(Prefix + "/out/relay/set", "toggle", 2);
            h.Broker.Inject(Prefix + "/out/led/set", "pulse:200", 2);
            h.Broker.Inject(Prefix + "/out/relay2/set", "on", 1);
            h.Broker.Inject(Prefix + "/out/relay/set", "TOGGLE", 2);
            return h;
        }

        private static void Drain(DeviceHarness h)
        {
            h.Connect();
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void OutputsEndWhereTheCommandsSay(int version)
        {
            _version = (MqttVersion)version;
            int cuts = 0;
            for (int write = 0; ; write++)
            {
                bool completed = false;
                for (int o = 0; o < CrashSweep.Offsets.Length; o++)
                {
                    _early = 0;
                    DeviceHarness h = OfflineWithCommands();
                    h.Flash.CutAt(h.Flash.Writes + write, CrashSweep.Offsets[o]);
                    try
                    {
                        Drain(h);
                        completed = true;
                    }
                    catch (PowerCutException)
                    {
                        cuts++;
                        h.PowerCut();
                        h.Boot();
                        Drain(h);
                    }
                    string where = "cut at write " + write + " after " + CrashSweep.Offsets[o] + " bytes";
                    Assert.IsNull(h.Broker.Violation, where);
                    Assert.IsTrue(_dispatcher.Level(0), where + ": relay on, toggled, toggled again: on (" + _pins.History + ")");
                    Assert.IsTrue(_pins.High[4], where + ": relay pin high");
                    Assert.IsFalse(_dispatcher.Level(1), where + ": led recorded off after its pulse");
                    Assert.IsTrue(_dispatcher.Level(2), where + ": relay2 on (the bad command changed nothing)");
                    Assert.IsFalse(_pins.High[6], where + ": relay2 is active-low");
                    Assert.AreEqual(0, h.Broker.PendingForClient, where + ": every command acknowledged");
                    Assert.AreEqual(0, _early, where + ": commands driven before their state was on flash");
                    if (completed) break;
                }
                if (completed) break;
            }
            _total += cuts;
            OutputHelper.WriteLine("commands drain v" + version + ": " + cuts + " cut points, " + _checked + " drives checked");
            Assert.IsTrue(_checked > cuts, "the order was checked on the drives");
            Assert.IsTrue(cuts >= 50, cuts.ToString());
        }
    }
}

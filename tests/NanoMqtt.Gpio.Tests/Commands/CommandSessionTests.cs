using nanoFramework.TestFramework;
using NanoMqtt.Commands;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Commands
{
    /// <summary>Commands through the session engine: exactly once at QoS 2, restored at boot before any network.</summary>
    [TestClass]
    public class CommandSessionTests
    {
        private const string Prefix = "nanomqtt/dev1";
        private const string Relay = Prefix + "/out/relay/set";
        private static FakePins _pins;

        private static CommandDispatcher Dispatcher()
        {
            _pins = new FakePins();
            return new CommandDispatcher(Prefix, new string[] { "relay" }, new int[] { 4 }, new bool[] { false }, new bool[] { false }, _pins, new FakeClock());
        }

        [TestMethod]
        public void ToggleAtQoS2IsAppliedOnceEvenWhenTheBrokerSendsItAgain()
        {
            SessionConfig config = DeviceHarness.DefaultConfig(MqttVersion.V500);
            FaultyFlash flash = new FaultyFlash();
            CommandDispatcher d = Dispatcher();
            SessionEngine engine = EngineLoop.Online(config, flash, d, false);
            EngineLoop.Deliver(engine, Relay, "toggle", 2, 7, false, false);
            Assert.IsTrue(_pins.High[4]);
            // The PUBREC was lost; after a reboot the broker resends the PUBLISH with DUP.
            CommandDispatcher after = Dispatcher();
            SessionEngine again = EngineLoop.Online(config, flash, after, true);
            Assert.IsTrue(_pins.High[4], "restored from the journal before any network");
            EngineLoop.Deliver(again, Relay, "toggle", 2, 7, true, true);
            Assert.IsTrue(_pins.High[4], "not toggled a second time");
            Assert.AreEqual(0, after.Applied);
            // A new toggle (new packet id) after PUBREL is a new command.
            EngineLoop.Deliver(again, Relay, "toggle", 2, 8, false, true);
            Assert.IsFalse(_pins.High[4]);
        }

        [TestMethod]
        public void OutputsComeBackAtBootFromQoS1CommandsToo()
        {
            SessionConfig config = DeviceHarness.DefaultConfig(MqttVersion.V500);
            FaultyFlash flash = new FaultyFlash();
            SessionEngine engine = EngineLoop.Online(config, flash, Dispatcher(), false);
            EngineLoop.Deliver(engine, Relay, "on", 1, 1, false, false);
            new SessionEngine(config, flash, Dispatcher()).Open();
            Assert.IsTrue(_pins.High[4]);
            Assert.AreEqual("4=0,4=1,", _pins.History, "initial level, then the restored one: no glitch through other levels");
        }

        [TestMethod]
        public void BadCommandsAreAcknowledgedAndChangeNothing()
        {
            SessionConfig config = DeviceHarness.DefaultConfig(MqttVersion.V500);
            FaultyFlash flash = new FaultyFlash();
            CommandDispatcher d = Dispatcher();
            SessionEngine engine = EngineLoop.Online(config, flash, d, false);
            Assert.AreEqual((int)SessionStatus.Ok, (int)EngineLoop.Deliver(engine, Relay, "explode", 2, 3, false, true));
            Assert.AreEqual((int)SessionStatus.Ok, (int)EngineLoop.Deliver(engine, Prefix + "/out/fan/set", "on", 1, 4, false, false));
            Assert.IsFalse(_pins.High[4]);
            Assert.AreEqual(2, d.Refused);
            Assert.AreEqual(0, engine.State.Incoming.Count, "the QoS 2 flow completed");
        }
    }
}

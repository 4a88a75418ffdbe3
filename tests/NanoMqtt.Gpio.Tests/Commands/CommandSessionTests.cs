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

        // Each boot a new dispatcher over new pins: the outputs come back only from the journal.
        private static IMessageHandler Dispatcher()
        {
            _pins = new FakePins();
            return new CommandDispatcher(Prefix, new string[] { "relay" }, new int[] { 4 }, new bool[] { false }, new bool[] { false }, _pins, new FakeClock());
        }

        private static EngineWire Device()
        {
            EngineWire wire = new EngineWire(EngineHarness.DefaultConfig(MqttVersion.V500));
            wire.Applications = Dispatcher;
            wire.Boot();
            return wire;
        }

        [TestMethod]
        public void ToggleAtQoS2IsAppliedOnceEvenWhenTheBrokerSendsItAgain()
        {
            EngineWire wire = Device();
            wire.Online(false);
            wire.Deliver(Relay, "toggle", 2, 7, false);
            Assert.IsTrue(_pins.High[4]);
            // The PUBREC was lost; after a reboot the broker resends the PUBLISH with DUP.
            wire.Boot();
            CommandDispatcher after = (CommandDispatcher)wire.Application;
            Assert.IsTrue(_pins.High[4], "restored from the journal before any network");
            wire.Online(true);
            wire.Deliver(Relay, "toggle", 2, 7, true);
            Assert.AreEqual("PUBREC 7", wire.Drain());
            wire.Release(7);
            Assert.IsTrue(_pins.High[4], "not toggled a second time");
            Assert.AreEqual(0, after.Applied);
            // A new toggle (new packet id) after PUBREL is a new command.
            wire.Deliver(Relay, "toggle", 2, 8, false);
            wire.Release(8);
            Assert.IsFalse(_pins.High[4]);
        }

        [TestMethod]
        public void OutputsComeBackAtBootFromQoS1CommandsToo()
        {
            EngineWire wire = Device();
            wire.Online(false);
            wire.Deliver(Relay, "on", 1, 1, false);
            Assert.AreEqual("PUBACK 1", wire.Drain());
            wire.Boot();
            Assert.IsTrue(_pins.High[4]);
            Assert.AreEqual("4=0,4=1,", _pins.History, "initial level, then the restored one: no glitch through other levels");
        }

        [TestMethod]
        public void BadCommandsAreAcknowledgedAndChangeNothing()
        {
            EngineWire wire = Device();
            CommandDispatcher d = (CommandDispatcher)wire.Application;
            wire.Online(false);
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Deliver(Relay, "explode", 2, 3, false));
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Release(3));
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Deliver(Prefix + "/out/fan/set", "on", 1, 4, false));
            Assert.AreEqual("PUBACK 4", wire.Drain());
            Assert.IsFalse(_pins.High[4]);
            Assert.AreEqual(2, d.Refused);
            Assert.AreEqual(0, wire.Engine.State.Incoming.Count, "the QoS 2 flow completed");
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Commands;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Commands
{
    [TestClass]
    public class CommandDispatcherTests
    {
        private const string Prefix = "nanomqtt/dev1";
        private static FakePins _pins;
        private static FakeClock _clock;

        // relay on pin 4 (active high, starts off), led on pin 2 (active low, starts on).
        private static CommandDispatcher Dispatcher()
        {
            _pins = new FakePins();
            _clock = new FakeClock();
            return new CommandDispatcher(Prefix, new string[] { "relay", "led" }, new int[] { 4, 2 }, new bool[] { false, true },
                new bool[] { false, true }, _pins, _clock);
        }

        private static PublishPacket Command(string output, string payload)
        {
            PublishPacket p = new PublishPacket();
            p.Topic = Slice.FromString(Prefix + "/out/" + output + "/set");
            p.Payload = Slice.FromString(payload);
            p.QoS = 1;
            p.PacketId = 1;
            return p;
        }

        // A device with a broker model, booted and connected.
        private static DeviceHarness Online(MqttVersion version)
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig(version));
            h.Boot();
            h.Connect();
            return h;
        }

        private static int Apply(CommandDispatcher d, PublishPacket p, byte[] effect)
        {
            int n = d.Deliver(p, effect, 0, effect.Length);
            d.Commit();
            return n;
        }

        [TestMethod]
        public void InitialLevelsRespectActiveLow()
        {
            CommandDispatcher d = Dispatcher();
            Assert.IsFalse(_pins.High[4]);
            Assert.IsFalse(_pins.High[2], "led on = pin low (active-low)");
            Assert.IsTrue(d.Level(1));
        }

        [TestMethod]
        public void OnOffToggleDriveThePinAndDescribeTheEffect()
        {
            CommandDispatcher d = Dispatcher();
            byte[] effect = new byte[8];
            Assert.AreEqual(2, Apply(d, Command("relay", "on"), effect));
            Assert.AreEqual((byte)0, effect[0], "key: the output");
            Assert.AreEqual((byte)1, effect[1], "level on");
            Assert.IsTrue(_pins.High[4]);
            Apply(d, Command("relay", "toggle"), effect);
            Assert.IsFalse(_pins.High[4]);
            Assert.AreEqual((byte)0, effect[1]);
            Apply(d, Command("led", "OFF"), effect);
            Assert.IsTrue(_pins.High[2], "led off = pin high");
            Assert.AreEqual(3, d.Applied);
        }

        [TestMethod]
        public void DeliverAloneChangesNothing()
        {
            CommandDispatcher d = Dispatcher();
            int writes = _pins.Writes;
            d.Deliver(Command("relay", "on"), new byte[8], 0, 8);
            Assert.AreEqual(writes, _pins.Writes, "pins move only in Commit, after the journal has the effect");
            Assert.IsFalse(d.Level(0));
        }

        [TestMethod]
        public void CommandsDeliveredTogetherSeeEachOtherAndAreDrivenAtTheirCommit()
        {
            CommandDispatcher d = Dispatcher();
            byte[] effect = new byte[8];
            int writes = _pins.Writes;
            d.Deliver(Command("relay", "toggle"), effect, 0, 8);
            Assert.AreEqual(1, (int)effect[1], "the first toggle leads to on");
            d.Deliver(Command("relay", "toggle"), effect, 0, 8);
            Assert.AreEqual(0, (int)effect[1], "the second sees the first: back to off");
            d.Deliver(Command("led", "off"), effect, 0, 8);
            Assert.AreEqual(writes, _pins.Writes, "nothing driven before the commit");
            d.Commit();
            Assert.IsFalse(d.Level(0), "two toggles cancel out");
            Assert.IsFalse(d.Level(1));
            Assert.AreEqual(3, d.Applied, "every command counted");
        }

        [TestMethod]
        public void TheLastCommandOfAGroupForAnOutputIsWhatItsPinDoes()
        {
            CommandDispatcher d = Dispatcher();
            byte[] effect = new byte[8];
            d.Deliver(Command("relay", "pulse:500"), effect, 0, 8);
            d.Deliver(Command("relay", "on"), effect, 0, 8);
            d.Commit();
            Assert.IsTrue(d.Level(0));
            Assert.IsFalse(d.Pulsing(0), "the pulse was overtaken by on in the same group");
            d.Deliver(Command("relay", "off"), effect, 0, 8);
            d.Deliver(Command("relay", "pulse:500"), effect, 0, 8);
            d.Commit();
            Assert.IsTrue(d.Pulsing(0));
        }

        [TestMethod]
        public void AGroupThatNeverReachedFlashIsForgotten()
        {
            CommandDispatcher d = Dispatcher();
            byte[] effect = new byte[8];
            d.Deliver(Command("relay", "on"), effect, 0, 8);
            // The engine could not store the group (and there may be no state on flash to restore).
            d.Forget();
            d.Commit();
            Assert.IsFalse(d.Level(0), "the command that was never stored is not driven");
            Assert.AreEqual(0, d.Applied);
        }

        [TestMethod]
        public void PulseGoesOnThenOffAtTheRightTime()
        {
            CommandDispatcher d = Dispatcher();
            byte[] effect = new byte[8];
            Apply(d, Command("relay", "pulse:200"), effect);
            Assert.AreEqual((byte)0, effect[1], "recorded level after the pulse: off");
            Assert.IsTrue(_pins.High[4]);
            Assert.IsTrue(d.Pulsing(0));
            _clock.Now = 199;
            d.Tick();
            Assert.IsTrue(_pins.High[4]);
            _clock.Now = 200;
            d.Tick();
            Assert.IsFalse(_pins.High[4]);
            Assert.IsFalse(d.Pulsing(0));
        }

        [TestMethod]
        [DataRow("fan", "on")]
        [DataRow("relay", "maybe")]
        [DataRow("relay", "pulse:0")]
        [DataRow("relay", "pulse:1234567")]
        public void BadCommandsChangeNothing(string output, string payload)
        {
            CommandDispatcher d = Dispatcher();
            int writes = _pins.Writes;
            Assert.AreEqual(0, Apply(d, Command(output, payload), new byte[8]), "no effect to record");
            Assert.AreEqual(writes, _pins.Writes);
            Assert.AreEqual(1, d.Refused);
        }

        [TestMethod]
        public void ExpiredCommandIsNotApplied()
        {
            CommandDispatcher d = Dispatcher();
            PublishPacket p = Command("relay", "on");
            p.Properties.MessageExpiryInterval = 0;
            Apply(d, p, new byte[8]);
            Assert.IsFalse(_pins.High[4]);
            Assert.AreEqual(1, d.Refused);
        }

        [TestMethod]
        public void RestoreDrivesTheRecordedLevel()
        {
            CommandDispatcher d = Dispatcher();
            d.Restore(new byte[] { 0, 1 }, 0, 2);
            d.Restore(new byte[] { 1, 0 }, 0, 2);
            d.Restore(new byte[] { 9, 1 }, 0, 2);
            Assert.IsTrue(_pins.High[4]);
            Assert.IsTrue(_pins.High[2], "led off = pin high");
        }

        [TestMethod]
        public void ReportsGoOutAsRetainedStatesAndStatusErrors()
        {
            DeviceHarness h = Online(MqttVersion.V500);
            CommandDispatcher d = Dispatcher();
            byte[] effect = new byte[8];
            Apply(d, Command("relay", "on"), effect);
            Apply(d, Command("fan", "on"), effect);
            Apply(d, Command("relay", "bogus"), effect);
            d.PublishReports(h.Engine);
            h.Pump();
            Assert.AreEqual("on", h.Broker.Retained(Prefix + "/out/relay/state"));
            Assert.AreEqual(1, h.Broker.CountDelivered("error: unknown output"));
            Assert.AreEqual(1, h.Broker.CountDelivered("error: bad payload (on, off, 1, 0, true, false, toggle, pulse:<ms>) on relay"));
        }

        [TestMethod]
        public void EveryOutputsStateIsDueAtBootAndOnlyTheLatestLevelGoesOut()
        {
            DeviceHarness h = Online(MqttVersion.V500);
            CommandDispatcher d = Dispatcher();
            byte[] effect = new byte[8];
            Apply(d, Command("relay", "on"), effect);
            Apply(d, Command("relay", "off"), effect);
            Apply(d, Command("relay", "on"), effect);
            d.PublishReports(h.Engine);
            h.Pump();
            Assert.AreEqual("on", h.Broker.Retained(Prefix + "/out/relay/state"));
            Assert.AreEqual("on", h.Broker.Retained(Prefix + "/out/led/state"), "the untouched led reported at boot too");
            Assert.AreEqual(2, h.Broker.Delivered.Count, "one state per output, the latest");
            d.PublishReports(h.Engine);
            h.Pump();
            Assert.AreEqual(2, h.Broker.Delivered.Count, "nothing new is due");
        }

        [TestMethod]
        public void AMessageTooLargeIsReportedWithItsSizeTopicAndLimit()
        {
            DeviceHarness h = Online(MqttVersion.V311);
            CommandDispatcher d = Dispatcher();
            d.TooLarge(Slice.FromString(Prefix + "/out/relay/set"), 10250, 1024);
            d.PublishReports(h.Engine);
            h.Pump();
            Assert.AreEqual(1, h.Broker.CountDelivered("error: message of 10250 bytes on " + Prefix + "/out/relay/set over max-packet 1024"));
            Assert.AreEqual(1, d.Refused);
        }

        [TestMethod]
        public void ARefusalStormIsReportedOneByOneThenSummedUp()
        {
            DeviceHarness h = Online(MqttVersion.V500);
            CommandDispatcher d = Dispatcher();
            byte[] effect = new byte[8];
            for (int i = 0; i < 100; i++) Apply(d, Command("fan", "on"), effect);
            Assert.AreEqual(100, d.Refused);
            Assert.AreEqual(ErrorReports.Capacity, d.Errors.Count, "the ring keeps what it can");
            Assert.AreEqual(100 - ErrorReports.Capacity, d.Errors.Unreported);
            for (int round = 0; round < 10; round++)
            {
                d.PublishReports(h.Engine);
                h.Pump();
            }
            Assert.AreEqual(ErrorReports.Capacity, h.Broker.CountDelivered("error: unknown output"));
            Assert.AreEqual(1, h.Broker.CountDelivered("error: " + (100 - ErrorReports.Capacity) + " more refused, not reported one by one (100 since boot)"));
            Assert.AreEqual(0, d.Errors.Unreported);
            Assert.AreEqual(0, h.Engine.State.Outbox.DroppedOldest + h.Engine.State.Outbox.DroppedNewest, "no message pushed out of the outbox");
        }

        [TestMethod]
        public void ErrorReportsWaitWhileTheOutboxIsBusy()
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig(MqttVersion.V500));
            h.Boot();
            CommandDispatcher d = Dispatcher();
            for (int i = 0; i < ErrorReports.OutboxRoom; i++) h.Publish("reading " + i, 1);
            byte[] effect = new byte[8];
            Apply(d, Command("fan", "on"), effect);
            d.PublishReports(h.Engine);
            Assert.AreEqual(1, d.Errors.Count, "offline with a busy outbox: the report waits in the app");
            h.Connect();
            d.PublishReports(h.Engine);
            h.Pump();
            Assert.AreEqual(1, h.Broker.CountDelivered("error: unknown output"));
        }
    }
}

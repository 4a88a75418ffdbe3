using nanoFramework.TestFramework;
using NanoMqtt.Commands;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Commands
{
    /// <summary>The dispatcher over an engine whose flash refuses a group: what never reached flash is never driven.</summary>
    [TestClass]
    public class CommandRefusalTests
    {
        // A QoS 0 command whose group the flash refuses is forgotten by the dispatcher even when the
        // journal holds no state to restore, and is not driven with the next group.
        [TestMethod]
        public void ACommandOfARefusedGroupIsNeverDriven()
        {
            FakePins pins = new FakePins();
            CommandDispatcher d = new CommandDispatcher("dev", new string[] { "relay", "led" }, new int[] { 4, 5 },
                new bool[] { false, false }, new bool[] { false, false }, pins, new FakeClock());
            EngineWire w = EngineWire.Create(5);
            w.Applications = () => d;
            w.Boot();
            w.FirstOnline();
            w.Engine.CommitPending();
            w.Flash.Capacity = w.Flash.TotalBytes + 5;
            Assert.AreEqual((int)SessionStatus.StorageFailed, (int)w.Deliver("dev/out/relay/set", "on", 0, 0, false));
            w.Flash.Capacity = 0;
            w.Lose(); w.Online(true);
            Assert.AreEqual((int)SessionStatus.Ok, (int)w.Deliver("dev/out/led/set", "on", 0, 0, false));
            Assert.IsTrue(pins.High[5]);
            Assert.IsFalse(pins.High[4], "relay 'on' was never on flash and QoS 0 is not resent: it must not be driven");
        }
    }
}

using System;
using nanoFramework.TestFramework;
using NanoMqtt.App;
using NanoMqtt.Config;
using NanoMqtt.Link;
using NanoMqtt.Network;
using NanoMqtt.Tests.Config;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.App
{
    /// <summary>The app in the field: pulses that end on the timer while the main loop is held,
    /// the latency that shows it, and TLS that waits for the clock.</summary>
    public partial class GpioAppTests
    {
        private const int Relay1 = 26;

        [TestMethod]
        public void APulseEndsOnTheTimerWhileTheMainLoopIsHeld()
        {
            GpioApp app = Start();
            _broker.Inject("nanomqtt/dev/out/relay-1/set", "pulse:500", 1);
            long started = StepUntilPulled(app);
            // The main loop is now held (a handshake, say); only the timer thread runs.
            _clock.Now = started + 490;
            app.TimerTick();
            Assert.IsFalse(_pins.High[Relay1], "not before its time");
            _clock.Now = started + 500;
            app.TimerTick();
            Assert.IsTrue(_pins.High[Relay1], "released on time, with the main loop still held");
            _clock.Now = started + 3000;
            Run(app, 10);
            Assert.Contains("the main loop was held for 3000 ms", _log.All);
            Assert.AreEqual("off", _broker.Retained("nanomqtt/dev/out/relay-1/state"), "the main loop reports the end");
            Assert.Contains("loop-max-ms=3000 pulse-late-ms=0", app.Health.Describe(app.Engine, 0, 0).ToString());
        }

        [TestMethod]
        public void WithoutTheTimerThreadThePulseEndsAtTheNextStepAndHealthSaysHowLate()
        {
            GpioApp app = Start();
            _broker.Inject("nanomqtt/dev/out/relay-1/set", "pulse:100", 1);
            long started = StepUntilPulled(app);
            _clock.Now = started + 130;
            app.Step();
            Assert.IsTrue(_pins.High[Relay1], "ended by the main loop");
            string health = app.Health.Describe(app.Engine, 0, 0).ToString();
            Assert.Contains("pulse-late-ms=30", health);
            Assert.Contains("loop-max-ms=130", health);
        }

        [TestMethod]
        public void WithTlsTheNetworkIsUpOnlyOnceTheClockIsSet()
        {
            GpioApp app = Configured("broker.host = h\nclient-id = dev\nbroker.tls = true\n");
            FakeTransport transport = new FakeTransport(_broker);
            app.Connect(transport, new FakeRandom());
            app.SetNetwork(true, new DateTime(1970, 1, 1, 0, 0, 12));
            Run(app, 30);
            Assert.AreEqual(0, transport.Opens, "no handshake that would fail on a 1970 clock");
            Assert.AreEqual((int)LinkState.WaitingForNetwork, (int)app.Driver.State);
            Assert.AreEqual((int)NetworkWait.Clock, (int)app.NetworkWait);
            Assert.Contains("TLS waits for the clock: it reads 1970-01-01, and certificates cannot be checked before SNTP sets it", _log.All);
            app.SetNetwork(true, new DateTime(2026, 12, 1, 17, 0, 0));
            Run(app, 30);
            Assert.AreEqual((int)LinkState.Online, (int)app.Driver.State);
            Assert.Contains("the clock is set (2026-12-01): TLS can start", _log.All);
            app.SetNetwork(false, new DateTime(2026, 12, 1, 17, 0, 1));
            Run(app, 3);
            Assert.AreEqual((int)NetworkWait.Wifi, (int)app.NetworkWait);
            Assert.AreEqual((int)LinkState.WaitingForNetwork, (int)app.Driver.State);
        }

        [TestMethod]
        public void WithoutTlsAnUnsetClockDoesNotHoldTheLink()
        {
            GpioApp app = Configured("broker.host = h\nclient-id = dev\n");
            app.Connect(new FakeTransport(_broker), new FakeRandom());
            app.SetNetwork(true, new DateTime(1970, 1, 1));
            Run(app, 30);
            Assert.AreEqual((int)LinkState.Online, (int)app.Driver.State);
            Assert.DoesNotContains("clock", _log.All);
        }

        [TestMethod]
        public void AnInputPressedAndReleasedWhileTheLoopIsHeldIsPublishedTwice()
        {
            GpioApp app = Start();
            int before = _broker.Delivered.Count;
            app.InputChanged(0, false);
            app.InputChanged(0, true);
            Run(app, 20);
            Assert.AreEqual(before + 2, _broker.Delivered.Count);
            Assert.AreEqual("on", (string)_broker.Delivered[before], "pressed (active-low pin low)");
            Assert.AreEqual("off", (string)_broker.Delivered[before + 1], "then released");
        }

        // Steps until relay-1 (active-low) pulls in; the time it did.
        private static long StepUntilPulled(GpioApp app)
        {
            for (int i = 0; i < 20; i++)
            {
                app.Step();
                if (!_pins.High[Relay1]) return _clock.Now;
                _clock.Now += 10;
            }
            Assert.IsTrue(false, "the pulse never started");
            return 0;
        }

        private static GpioApp Configured(string text)
        {
            return Opened(new BrokerModel(), new FaultyFlash(), text);
        }
    }
}

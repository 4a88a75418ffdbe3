using nanoFramework.TestFramework;
using NanoMqtt.App;
using NanoMqtt.Config;
using NanoMqtt.Link;
using NanoMqtt.Storage;
using NanoMqtt.Telemetry;
using NanoMqtt.Tests.Config;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.App
{
    /// <summary>The one wiring the board and the sim share: commands to outputs, inputs and health
    /// published, events logged, restarts counted.</summary>
    [TestClass]
    public partial class GpioAppTests
    {
        private static BrokerModel _broker;
        private static FakeClock _clock;
        private static FakePins _pins;
        private static Lines _log;

        private sealed class Lines : IAppLog
        {
            public string All = "";
            public void Line(string text) { All += text + "\n"; }
        }

        private sealed class Health : IHealthSource
        {
            public long FreeMemory { get { return 4321; } }
            public int Rssi { get { return -60; } }
        }

        private static GpioApp Start()
        {
            return Start(new BrokerModel(), new FaultyFlash());
        }

        private static GpioApp Start(BrokerModel broker, FaultyFlash flash)
        {
            GpioApp app = Opened(broker, flash);
            app.Connect(new FakeTransport(_broker), new FakeRandom());
            Run(app, 30);
            return app;
        }

        // The app booted over a fresh board, with its journal open, not yet connected.
        private static GpioApp Opened(BrokerModel broker, FaultyFlash flash)
        {
            return Opened(broker, flash, "broker.host = h\nclient-id = dev\n");
        }

        private static GpioApp Opened(BrokerModel broker, FaultyFlash flash, string configuration)
        {
            _broker = broker;
            _clock = new FakeClock();
            _pins = new FakePins();
            _log = new Lines();
            DeviceConfig config = ConfigSamples.Valid(configuration);
            GpioApp app = new GpioApp(config, Boards.ParseDefault(), _pins, _clock, new Health(), 60000, _log);
            app.Open(flash);
            return app;
        }

        private static void Run(GpioApp app, int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                app.Step();
                _clock.Now += 10;
            }
        }

        [TestMethod]
        public void AJournalTooLargeForTheFlashPartitionIsShrunkToOneThatFits()
        {
            _clock = new FakeClock();
            _log = new Lines();
            DeviceConfig config = ConfigSamples.Valid("broker.host = h\nclient-id = dev\n");
            GpioApp app = new GpioApp(config, Boards.ParseDefault(), new FakePins(), _clock, new Health(), 60000, _log);
            // A 2 MB board: 64 KB partition, while the default journal is 64 KB.
            app.Open(new FaultyFlash(), 64 * 1024);
            Assert.AreEqual(JournalSize.ForPartition(64 * 1024), app.Session.JournalBytes);
            Assert.IsTrue(JournalSize.Fits(app.Session.JournalBytes, 64 * 1024));
            Assert.IsTrue(app.Session.OutboxBytes < app.Session.JournalBytes);
            Assert.Contains("journal.bytes 65536 does not fit the 64 KB flash partition: using 12288", _log.All);
        }

        [TestMethod]
        public void AJournalThatFitsThePartitionIsKept()
        {
            _clock = new FakeClock();
            _log = new Lines();
            DeviceConfig config = ConfigSamples.Valid("broker.host = h\nclient-id = dev\n");
            GpioApp app = new GpioApp(config, Boards.ParseDefault(), new FakePins(), _clock, new Health(), 60000, _log);
            app.Open(new FaultyFlash(), 256 * 1024);
            Assert.AreEqual(65536, app.Session.JournalBytes);
            Assert.DoesNotContains("does not fit", _log.All);
        }

        [TestMethod]
        public void TheReportsOfOneStepAreOneCommit()
        {
            FaultyFlash flash = new FaultyFlash();
            GpioApp app = Start(new BrokerModel(), flash);
            Run(app, 30);
            int delivered = _broker.Delivered.Count;
            app.Commands.StatesDue();
            int commits = flash.Commits;
            app.Step();
            Assert.AreEqual(1, flash.Commits - commits, "every output's state in one commit");
            Run(app, 30);
            Assert.AreEqual(delivered + Boards.ParseDefault().Outputs.Length, _broker.Delivered.Count, "and every one reached the broker");
        }

        [TestMethod]
        public void ConnectsAndLogsIt()
        {
            GpioApp app = Start();
            Assert.AreEqual((int)LinkState.Online, (int)app.Driver.State);
            Assert.Contains("journal new", _log.All);
            Assert.Contains("connected, Session Present 0", _log.All);
            Assert.Contains("link online", _log.All);
        }

        [TestMethod]
        public void EveryAcceptedConnectionSaysOnlineOverTheWill()
        {
            GpioApp app = Start();
            Assert.AreEqual("nanomqtt/dev/status", app.Session.WillTopic);
            Assert.AreEqual("online", _broker.Retained("nanomqtt/dev/status"));
            Assert.AreEqual(1, _broker.CountDelivered("online"));
            app.Driver.SetNetworkAvailable(false);
            Run(app, 5);
            app.Driver.SetNetworkAvailable(true);
            _clock.Now += 5000;
            Run(app, 30);
            Assert.AreEqual(2, app.Driver.Sessions);
            Assert.AreEqual(2, _broker.CountDelivered("online"), "said again after the reconnect");
        }

        [TestMethod]
        public void ACommandDrivesItsOutputAndIsReported()
        {
            GpioApp app = Start();
            _broker.Inject("nanomqtt/dev/out/led/set", "on", 1);
            Run(app, 20);
            Assert.IsTrue(_pins.High[25], "led (GPIO25) on");
            Assert.AreEqual("on", _broker.Retained("nanomqtt/dev/out/led/state"));
        }

        [TestMethod]
        public void AnInputChangeIsPublishedByTheNextStep()
        {
            GpioApp app = Start();
            int before = _broker.Delivered.Count;
            app.InputChanged(0, false);
            Assert.AreEqual(before, _broker.Delivered.Count, "nothing sent from the caller's thread");
            Run(app, 20);
            Assert.IsTrue(_broker.Delivered.Contains("on"), "the active-low button pressed reads on");
        }

        [TestMethod]
        public void AButtonHeldThroughAResetIsReportedAtBoot()
        {
            GpioApp app = Opened(new BrokerModel(), new FaultyFlash());
            app.InputAtBoot(0, false);
            Assert.IsTrue(app.Inputs.IsOn(0), "the active-low button reads low: held");
            app.Connect(new FakeTransport(_broker), new FakeRandom());
            Run(app, 30);
            Assert.AreEqual(1, _broker.CountDelivered("on"), "its level published once connected");
        }

        [TestMethod]
        public void HealthIsPublishedEveryInterval()
        {
            GpioApp app = Start();
            _clock.Now += 61000;
            Run(app, 20);
            bool found = false;
            foreach (object d in _broker.Delivered)
            {
                if (((string)d).IndexOf("mem=4321") >= 0) found = true;
            }
            Assert.IsTrue(found, "a health line with the source's figures");
        }

        [TestMethod]
        public void TheStatusLedIsSteadyWhileOnlineAndBlinksOtherwise()
        {
            GpioApp app = Start();
            int led = Boards.ParseDefault().StatusLed.Pin;
            Assert.IsTrue(_pins.High[led], "on while online");
            int writes = _pins.Writes;
            Run(app, 100);
            Assert.AreEqual(writes, _pins.Writes, "steady: not written again while it stays on");
            app.Driver.SetNetworkAvailable(false);
            string toggles = "";
            for (int i = 0; i < 4; i++)
            {
                Run(app, 50);
                toggles += _pins.High[led] ? "1" : "0";
            }
            Assert.AreEqual("0101", toggles, "offline: 500 ms off, 500 ms on");
        }

        [TestMethod]
        public void ABoardWithoutAStatusLedWritesNoPinForIt()
        {
            FakePins pins = new FakePins();
            StatusLed led = new StatusLed(pins, null);
            led.Show(false, 0);
            led.Show(true, 1000);
            Assert.AreEqual(0, pins.Writes);
        }

        [TestMethod]
        public void AnActiveLowLedIsDrivenLowToLight()
        {
            FakePins pins = new FakePins();
            StatusLed led = new StatusLed(pins, new OutputPin("status-led", 2, true, false, 1));
            Assert.AreEqual("2=1,", pins.History, "starts off: high");
            led.Show(true, 0);
            Assert.AreEqual("2=1,2=0,", pins.History);
        }

        [TestMethod]
        public void EndingTheSessionSaysOfflineFirstAndWaitsForItsAcknowledgement()
        {
            GpioApp app = Start();
            app.EndSession();
            Assert.IsTrue(app.Engine.IsConnected, "not ended before \"offline\" is acknowledged");
            Run(app, 30);
            Assert.AreEqual("offline", _broker.Retained("nanomqtt/dev/status"), "a clean DISCONNECT suppresses the Will: said by the app");
            Assert.IsFalse(_broker.HasSession, "then the session ended");
            Assert.Contains("session ended", _log.All);
        }

        [TestMethod]
        public void EndingTheSessionOfflineLeavesTheWordToTheWill()
        {
            GpioApp app = Start();
            app.Driver.SetNetworkAvailable(false);
            Run(app, 5);
            app.EndSession();
            Assert.AreEqual(0, app.Engine.State.Outbox.Count, "nothing queued that would be dropped");
        }

        [TestMethod]
        public void AfterARestartTheRetainedStatesAreTheOutputsNotTheOldSession()
        {
            FaultyFlash flash = new FaultyFlash();
            BrokerModel broker = new BrokerModel();
            GpioApp app = Start(broker, flash);
            broker.Inject("nanomqtt/dev/out/relay-1/set", "on", 1);
            Run(app, 20);
            Assert.AreEqual("on", broker.Retained("nanomqtt/dev/out/relay-1/state"));
            app.EndSession();
            Run(app, 30);
            // Power back over the ended session: relay-1 at its profile level (off), and saying so.
            flash.Reboot();
            broker.Drop();
            GpioApp again = Start(broker, flash);
            Assert.IsFalse(again.Commands.Level(0), "relay-1 at its profile level");
            Assert.AreEqual("off", broker.Retained("nanomqtt/dev/out/relay-1/state"));
        }

        [TestMethod]
        public void ASubscriptionGrantedLessQoSIsReported()
        {
            BrokerModel broker = new BrokerModel();
            broker.MaximumGrantedQoS = 1;
            Start(broker, new FaultyFlash());
            Assert.AreEqual(1, broker.CountDelivered("error: the broker granted nanomqtt/dev/out/+/set less QoS than asked: its commands may be applied more than once"));
            Assert.Contains("less QoS than asked", _log.All);
        }

        [TestMethod]
        public void EveryFailedAttemptIsLoggedWithItsReason()
        {
            GpioApp app = Opened(new BrokerModel(), new FaultyFlash());
            FakeTransport transport = new FakeTransport(_broker);
            transport.RefuseOpens = 3;
            app.Connect(transport, new FakeRandom());
            for (int i = 0; i < 200 && app.Driver.State != LinkState.Online; i++)
            {
                app.Step();
                _clock.Now += 500;
            }
            Assert.Contains("attempt 1 failed: cannot connect to h:1883: connection refused; next in ", _log.All);
            Assert.Contains("attempt 3 failed: ", _log.All);
            Assert.DoesNotContains("attempt 4 failed", _log.All);
            Assert.Contains("link online", _log.All);
        }

        [TestMethod]
        public void AnUnexpectedExceptionRebuildsTheSessionUntilItKeepsHappening()
        {
            GpioApp app = Start();
            _broker.Inject("nanomqtt/dev/out/led/set", "on", 2);
            Run(app, 20);
            for (int i = 0; i < GpioApp.MaxRestarts; i++)
            {
                Assert.IsTrue(app.Recover(new System.Exception("boom")), "restart " + (i + 1));
                Assert.IsTrue(_pins.High[25], "led restored from the journal");
                Run(app, 30);
                Assert.AreEqual((int)LinkState.Online, (int)app.Driver.State, "connected again");
            }
            Assert.IsFalse(app.Recover(new System.Exception("boom")), "one more within the window: reboot");
            Assert.Contains("the main loop stopped: System.Exception boom", _log.All);
        }

        [TestMethod]
        public void TooManyRestartsInAWindowAskForAReboot()
        {
            RestartGuard guard = new RestartGuard(2, 1000);
            Assert.IsFalse(guard.Restarted(0));
            Assert.IsFalse(guard.Restarted(100));
            Assert.IsTrue(guard.Restarted(200), "a third within the window");
            Assert.IsFalse(guard.Restarted(5000), "a new window starts the count again");
            Assert.AreEqual(4, guard.Restarts);
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Telemetry;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Telemetry
{
    [TestClass]
    public class TelemetryTests
    {
        private class Health : IHealthSource
        {
            public long FreeMemory
            {
                get { return 3000000000; }
            }

            public int Rssi
            {
                get { return -61; }
            }
        }

        [TestMethod]
        [DataRow(0L, "0")]
        [DataRow(7L, "7")]
        [DataRow(10L, "10")]
        [DataRow(65535L, "65535")]
        [DataRow(-61L, "-61")]
        [DataRow(4294967295L, "4294967295")]
        public void IntegersAsText(long value, string text)
        {
            PayloadText t = new PayloadText(32);
            t.Add(value);
            Assert.AreEqual(text, Utf8.ToString(t.Buffer, 0, t.Length));
        }

        [TestMethod]
        public void InputChangesArePublishedWithTheirLogicalLevel()
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig(MqttVersion.V500));
            h.Boot();
            h.Connect();
            InputReporter inputs = new InputReporter("dev", new string[] { "button", "door" }, new bool[] { true, false });
            inputs.Changed(0, false);
            inputs.Changed(1, true);
            Assert.AreEqual(2, inputs.PublishReports(h.Engine));
            Assert.AreEqual(0, inputs.PublishReports(h.Engine), "nothing changed since");
            h.Pump();
            Assert.AreEqual(2, h.Broker.CountDelivered("on"), "button pressed (active-low pin low) and door closed: both on");
            Assert.AreEqual(2, h.Broker.Delivered.Count);
        }

        [TestMethod]
        public void ALevelChangeTheOutboxRefusesStaysDueAndGoesLater()
        {
            SessionConfig c = EngineHarness.DefaultConfig(MqttVersion.V500);
            c.OutboxPolicy = OutboxPolicy.DropNewest;
            c.OutboxMessages = 1;
            DeviceHarness h = new DeviceHarness(c);
            h.Boot();
            Assert.AreEqual((int)PublishResult.Accepted, (int)h.Engine.Publish(Slice.FromString("dev/other"), Slice.FromString("x"), 1, false));
            InputReporter inputs = new InputReporter("dev", new string[] { "button" }, new bool[] { false });
            inputs.Changed(0, true);
            Assert.AreEqual(0, inputs.PublishReports(h.Engine), "the outbox is full: refused");
            h.Connect();
            h.Pump();
            Assert.AreEqual(1, inputs.PublishReports(h.Engine), "still due: it goes once there is room");
            h.Pump();
            Assert.AreEqual(1, h.Broker.CountDelivered("on"), "the level change was not lost");
        }

        [TestMethod]
        public void OfflineOnlyTheLatestLevelWaits()
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig(MqttVersion.V500));
            h.Boot();
            h.Connect();
            h.DropLink();
            InputReporter inputs = new InputReporter("dev", new string[] { "button" }, new bool[] { false });
            for (int i = 0; i < 5; i++)
            {
                inputs.Changed(0, i % 2 == 0);
                inputs.PublishReports(h.Engine);
            }
            Assert.AreEqual(1, h.Engine.State.Outbox.Count, "one queued value per input topic");
            Assert.AreEqual(4, h.Engine.State.Outbox.Replaced);
            h.Connect();
            Assert.AreEqual(1, h.Broker.CountDelivered("on"), "the last level (on) is what arrives");
            Assert.AreEqual(0, h.Broker.CountDelivered("off"));
        }

        [TestMethod]
        public void HealthEveryIntervalWithItsFigures()
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig(MqttVersion.V500));
            h.Boot();
            h.Connect();
            FakeClock clock = new FakeClock();
            HealthReporter health = new HealthReporter("dev", 60000, clock, new Health());
            health.Observe(SessionEvent.Connected, 0);
            health.Observe(SessionEvent.Connected, 1);
            health.Observe(SessionEvent.SessionLost, 2);
            clock.Now = 3000;
            Assert.IsTrue(health.Tick(h.Engine, 5, 1));
            Assert.IsFalse(health.Tick(h.Engine, 5, 1), "not again before the interval");
            clock.Now = 63000;
            Assert.IsTrue(health.Tick(h.Engine, 5, 1));
            string text = health.Describe(h.Engine, 5, 1).ToString();
            Assert.StartsWith("uptime=63 mem=3000000000 rssi=-61 connects=2 resumes=1 lost=1 journal=", text);
            Assert.EndsWith(" outbox=0 dropped=0 applied=5 refused=1 loop-max-ms=0 pulse-late-ms=0", text);
            Assert.Contains(" commits=" + h.Engine.Journal.Commits + " ", text);
            h.Pump();
            Assert.AreEqual(2, h.Broker.Delivered.Count, "two health reports reached the broker");
        }

        [TestMethod]
        public void HealthReportsTheWorstLatencySinceTheLastReport()
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig(MqttVersion.V500));
            h.Boot();
            h.Connect();
            FakeClock clock = new FakeClock();
            HealthReporter health = new HealthReporter("dev", 60000, clock, new Health());
            health.Latency.Step(0);
            health.Latency.Step(20);
            health.Latency.Step(3020);
            health.Latency.Step(3030);
            health.Latency.PulseLate(4);
            health.Latency.PulseLate(2);
            Assert.EndsWith(" loop-max-ms=3000 pulse-late-ms=4", health.Describe(h.Engine, 0, 0).ToString());
            Assert.IsTrue(health.Tick(h.Engine, 0, 0));
            health.Latency.Step(3045);
            Assert.EndsWith(" loop-max-ms=15 pulse-late-ms=0", health.Describe(h.Engine, 0, 0).ToString(), "a new interval after the report");
        }

        [TestMethod]
        public void APressAndReleaseBeforeTheNextStepAreBothPublishedInOrder()
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig(MqttVersion.V500));
            h.Boot();
            h.Connect();
            InputReporter inputs = new InputReporter("dev", new string[] { "button" }, new bool[] { false });
            inputs.Changed(0, true);
            inputs.Changed(0, false);
            inputs.Changed(0, false);
            Assert.AreEqual(2, inputs.PublishReports(h.Engine), "two changes; the repeated level is none");
            h.Pump();
            Assert.AreEqual("on,off,", Payloads(h.Broker));
        }

        [TestMethod]
        public void BeyondTheQueueOnlyTheLatestLevelIsPublished()
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig(MqttVersion.V500));
            h.Boot();
            h.Connect();
            InputReporter inputs = new InputReporter("dev", new string[] { "button", "door" }, new bool[] { false, false });
            inputs.Changed(1, true);
            for (int i = 0; i < InputReporter.QueueLength + 5; i++) inputs.Changed(0, i % 2 == 0);
            Assert.AreEqual(6, inputs.Overflows, "the door's change holds one place");
            // The button's latest level (on) replaces its queued changes; the door's change stays.
            Assert.AreEqual(2, inputs.PublishReports(h.Engine));
            Assert.AreEqual(0, inputs.PublishReports(h.Engine));
            h.Pump();
            Assert.AreEqual("on,on,", Payloads(h.Broker));
            Assert.IsTrue(inputs.IsOn(0));
        }

        [TestMethod]
        public void ChangesFromAnotherThreadAreNeitherLostNorTorn()
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig(MqttVersion.V500));
            h.Boot();
            h.Connect();
            InputReporter inputs = new InputReporter("dev", new string[] { "button" }, new bool[] { false });
            const int Changes = 301;
            System.Threading.Thread gpio = new System.Threading.Thread(new System.Threading.ThreadStart(delegate
            {
                for (int i = 0; i < Changes; i++) inputs.Changed(0, i % 2 == 0);
            }));
            gpio.Start();
            int published = 0;
            while (gpio.IsAlive)
            {
                published += inputs.PublishReports(h.Engine);
                h.Pump();
            }
            published += inputs.PublishReports(h.Engine);
            h.Pump();
            Assert.IsTrue(published >= 1 && published <= Changes, "at most one report per change: " + published.ToString());
            Assert.AreEqual(published, h.Broker.Delivered.Count);
            Assert.AreEqual("on", (string)h.Broker.Delivered[h.Broker.Delivered.Count - 1], "the last change (on) is the last report");
        }

        private static string Payloads(BrokerModel broker)
        {
            string all = "";
            foreach (object d in broker.Delivered) all += (string)d + ",";
            return all;
        }

        [TestMethod]
        public void HealthWaitsForTheConnectionSoItsFiguresAreCurrent()
        {
            DeviceHarness h = new DeviceHarness(EngineHarness.DefaultConfig(MqttVersion.V500));
            h.Boot();
            FakeClock clock = new FakeClock();
            HealthReporter health = new HealthReporter("dev", 60000, clock, new Health());
            Assert.IsFalse(health.Tick(h.Engine, 0, 0), "offline at boot: nothing queued with connects=0");
            h.Connect();
            health.Observe(SessionEvent.Connected, 0);
            Assert.IsTrue(health.Tick(h.Engine, 0, 0));
            Assert.Contains("connects=1", health.Describe(h.Engine, 0, 0).ToString());
        }
    }
}

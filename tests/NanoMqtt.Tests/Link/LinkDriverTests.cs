using nanoFramework.TestFramework;
using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Link
{
    [TestClass]
    public class LinkDriverTests
    {
        private static BrokerModel _broker;
        private static FakeTransport _transport;
        private static FakeClock _clock;
        private static FakeRandom _random;
        private static SessionEngine _engine;
        private static LinkConfig _link;

        private static LinkDriver Device(MqttVersion version)
        {
            return Device(version, null, null);
        }

        private static LinkDriver Device(MqttVersion version, string user, string password)
        {
            _broker = new BrokerModel();
            _transport = new FakeTransport(_broker);
            _clock = new FakeClock();
            _random = new FakeRandom();
            SessionConfig session = EngineHarness.DefaultConfig(version);
            session.KeepAliveSeconds = 10;
            session.WillTopic = "nanomqtt/dev/status";
            session.UserName = user;
            session.Password = password;
            _engine = new SessionEngine(session, new FaultyFlash(), new RecordingHandler());
            _engine.Open();
            _link = new LinkConfig();
            return new LinkDriver(_engine, session, _link, _transport, _clock, _random);
        }

        private static void Run(LinkDriver d, int polls, int stepMs)
        {
            for (int i = 0; i < polls; i++)
            {
                d.Poll();
                _clock.Now += stepMs;
            }
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void ConnectsAndSubscribes(int version)
        {
            LinkDriver d = Device((MqttVersion)version);
            Run(d, 20, 10);
            Assert.AreEqual((int)LinkState.Online, (int)d.State);
            Assert.AreEqual(1, _broker.Subscribes);
            Assert.AreEqual(0, _broker.Delivered.Count, "the driver publishes nothing of its own");
            Assert.AreEqual(1, d.Sessions);
        }

        // Online over a table of one run of incoming QoS 2 ids and 128-byte packets, with a broker
        // that leaves a gap after each id: a few commands fill it.
        private static LinkDriver OnlineWithOneIncomingId(MqttVersion version, out RecordingHandler app)
        {
            _broker = new BrokerModel();
            _transport = new FakeTransport(_broker);
            _clock = new FakeClock();
            SessionConfig session = EngineHarness.DefaultConfig(version);
            session.IncomingQoS2Capacity = 1;
            session.MaxPacketSize = 128;
            app = new RecordingHandler();
            _engine = new SessionEngine(session, new FaultyFlash(), app);
            _engine.Open();
            _link = new LinkConfig();
            LinkDriver d = new LinkDriver(_engine, session, _link, _transport, _clock, new FakeRandom());
            _broker.IdStep = 2;
            Run(d, 20, 10);
            Assert.AreEqual((int)LinkState.Online, (int)d.State);
            return d;
        }

        [TestMethod]
        [DataRow(4)]
        [DataRow(5)]
        public void AfterAFloodTheReconnectWaitsAJitterAndCountsNoFailure(int version)
        {
            RecordingHandler app;
            LinkDriver d = OnlineWithOneIncomingId((MqttVersion)version, out app);
            _broker.IgnoreReceiveMaximum = true;
            for (int i = 0; i < 30; i++) _broker.Inject("m" + i, 2);
            for (int i = 0; i < 2000 && d.State == LinkState.Online; i++) Run(d, 1, 1);
            Assert.AreEqual((int)LinkState.BackingOff, (int)d.State, "closed for the deferred ones: " + d.LastError);
            Assert.AreEqual("reconnecting: the broker sent past the Receive Maximum", d.LastError);
            Assert.AreEqual(0, d.Backoff.Attempt, "not a failure: the backoff does not grow");
            long wait = d.NextAttemptAt - _clock.Now;
            Assert.IsTrue(wait > 0 && wait < _link.BackoffBaseMs, "a jitter under the base: " + wait);
            Run(d, 400, 10);
            Assert.AreEqual(30, app.Applied.Count, "every command applied once");
        }

        [TestMethod]
        public void PublishesDeferredForPubRelsThatNeverComeBringANewConnectionInTime()
        {
            RecordingHandler app;
            LinkDriver d = OnlineWithOneIncomingId(MqttVersion.V311, out app);
            // The broker keeps the PUBREL of every PUBREC to itself: the one id fills, the rest is deferred.
            _broker.HoldPubRel = true;
            for (int i = 0; i < 30; i++) _broker.Inject("m" + i, 2);
            Run(d, 50, 10);
            Assert.IsTrue(_engine.DeferringPublishes, "waiting for a PUBREL that does not come");
            Assert.AreEqual(1, d.Sessions);
            Run(d, (_link.PubRelWaitMs - 1000) / 100, 100);
            Assert.AreEqual(1, d.Sessions, "not before PubRelWaitMs, with PINGRESPs keeping the link alive");
            // From the next connection on, the broker sends its PUBRELs (as it must when a session resumes).
            _broker.HoldPubRel = false;
            Run(d, 30, 100);
            Assert.Contains("no PUBREL for " + _link.PubRelWaitMs + " ms", d.LastError);
            Assert.AreEqual(2, d.Sessions, "one new connection");
            Run(d, 400, 50);
            Assert.AreEqual(30, app.Applied.Count, "every command applied once");
            Assert.IsFalse(_engine.DeferringPublishes);
            // A second time: the wait starts again from when these are deferred, not from the first.
            int sessions = d.Sessions;
            _broker.HoldPubRel = true;
            for (int i = 0; i < 30; i++) _broker.Inject("n" + i, 2);
            Run(d, 50, 10);
            Assert.IsTrue(_engine.DeferringPublishes);
            Run(d, (_link.PubRelWaitMs - 1000) / 100, 100);
            Assert.AreEqual(sessions, d.Sessions, "not before PubRelWaitMs the second time either: " + d.LastError);
            _broker.HoldPubRel = false;
            Run(d, 30, 100);
            Assert.AreEqual(sessions + 1, d.Sessions);
        }

        [TestMethod]
        public void PauseSaysGoodbyeAndMakesNoAttemptUntilResumeWhichConnectsAtOnce()
        {
            LinkDriver d = Device(MqttVersion.V500);
            Run(d, 20, 10);
            d.Pause();
            Run(d, 3, 10);
            Assert.AreEqual((int)LinkState.BackingOff, (int)d.State);
            Assert.AreEqual("disconnected by the application", d.LastError);
            Assert.IsFalse(_broker.IsConnected, "a clean DISCONNECT reached the broker");
            Run(d, 300, 100);
            Assert.AreEqual(1, _transport.Opens, "no attempt while paused, however long");
            d.Resume();
            Run(d, 3, 10);
            Assert.AreEqual((int)LinkState.Online, (int)d.State, "at once, not after a backoff");
            Assert.AreEqual(2, d.Sessions);
        }

        [TestMethod]
        public void PauseWhileWaitingForConnAckClosesAndResumeOnlyUndoesAPause()
        {
            LinkDriver d = Device(MqttVersion.V311);
            _transport.BlackHole = true;
            Run(d, 2, 10);
            Assert.AreEqual((int)LinkState.AwaitingConnAck, (int)d.State);
            d.Pause();
            Assert.AreEqual((int)LinkState.BackingOff, (int)d.State);
            Assert.AreEqual("disconnected by the application", d.LastError);
            d.Resume();
            _transport.BlackHole = false;
            _transport.RefuseOpens = 1;
            Run(d, 2, 10);
            long next = d.NextAttemptAt;
            Assert.IsTrue(next > _clock.Now, "a refused attempt backs off");
            d.Resume();
            Assert.AreEqual(next, d.NextAttemptAt, "Resume without a Pause changes nothing");
        }

        [TestMethod]
        public void OnlineEvenWhenTheEventRingOverflowsInTheSameRead()
        {
            // CONNACK (Session Present 1) and sixteen PUBACKs in one read: sixteen MessageCompleted
            // notifications overwrite Connected in the engine's ring; the link must still come online.
            SessionConfig session = EngineHarness.DefaultConfig(MqttVersion.V500);
            session.Subscriptions = new string[0];
            session.SubscriptionOptions = new byte[0];
            _clock = new FakeClock();
            _engine = new SessionEngine(session, new FaultyFlash(), new RecordingHandler());
            _engine.Open();
            ScriptedTransport transport = new ScriptedTransport();
            transport.Reply = Hex.Parse("20 03 00 00 00");
            LinkDriver d = new LinkDriver(_engine, session, new LinkConfig(), transport, _clock, new FakeRandom());
            Run(d, 5, 10);
            Assert.AreEqual((int)LinkState.Online, (int)d.State, "first connection");
            for (int i = 0; i < 16; i++) _engine.Publish(NanoMqtt.Protocol.Slice.FromString("dev/state"), NanoMqtt.Protocol.Slice.FromString("m"), 1, false);
            Run(d, 5, 10);
            Assert.AreEqual(16, _engine.State.Inflight.Count);
            string reply = "20 03 01 00 00";
            for (int i = 0; i < 16; i++)
            {
                int id = _engine.State.Inflight.GetPacketId(i);
                reply += " 40 02 " + (id >> 8).ToString("X2") + " " + (id & 0xFF).ToString("X2");
            }
            transport.Reply = Hex.Parse(reply);
            transport.Close();
            Run(d, 200, 10);
            Assert.AreEqual((int)LinkState.Online, (int)d.State, d.LastError);
            Assert.AreEqual(2, d.Sessions);
            Assert.AreEqual(0, _engine.State.Inflight.Count, "every PUBACK applied");
        }

        [TestMethod]
        public void AHundredCommandsInOneReadAreAllTakenWithoutWaitingForMoreBytes()
        {
            // More PUBLISHes in one read than the acknowledgement queue holds: Receive stops at the
            // full queue, and what is left must be taken once the acknowledgements are sent.
            SessionConfig session = EngineHarness.DefaultConfig(MqttVersion.V311);
            _clock = new FakeClock();
            RecordingHandler app = new RecordingHandler();
            _engine = new SessionEngine(session, new FaultyFlash(), app);
            _engine.Open();
            string reply = "20 02 00 00";
            for (int id = 1; id <= 100; id++) reply += " 32 0D 00 07 64 65 76 2F 63 6D 64 00 " + id.ToString("X2") + " 6F 6E";
            ScriptedTransport transport = new ScriptedTransport();
            transport.Reply = Hex.Parse(reply);
            LinkDriver d = new LinkDriver(_engine, session, new LinkConfig(), transport, _clock, new FakeRandom());
            Run(d, 10, 10);
            Assert.AreEqual((int)LinkState.Online, (int)d.State, d.LastError);
            Assert.AreEqual(100, app.Deliveries, "every command taken within ten polls");
        }

        [TestMethod]
        public void AJournalThatRefusesAWriteIsReportedAsSuch()
        {
            _broker = new BrokerModel();
            _transport = new FakeTransport(_broker);
            _clock = new FakeClock();
            _random = new FakeRandom();
            SessionConfig session = EngineHarness.DefaultConfig(MqttVersion.V500);
            FaultyFlash flash = new FaultyFlash();
            _engine = new SessionEngine(session, flash, new RecordingHandler());
            _engine.Open();
            LinkDriver d = new LinkDriver(_engine, session, new LinkConfig(), _transport, _clock, _random);
            Run(d, 20, 10);
            Assert.AreEqual((int)LinkState.Online, (int)d.State);
            flash.Capacity = flash.TotalBytes + 4;
            _broker.Inject("toggle", 2);
            Run(d, 5, 10);
            Assert.Contains("journal refused a write", d.LastError);
            Assert.DoesNotContains("broken packet", d.LastError);
            Assert.AreEqual((int)LinkState.BackingOff, (int)d.State, "closed and backing off: the broker resends on the next connection");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void ACompletionWaitingForTheNextCommitIsCommittedAfterLazyCommitMs(int version)
        {
            LinkDriver d = Device((MqttVersion)version);
            Run(d, 20, 10);
            _engine.Publish(Slice.FromString("dev/state"), Slice.FromString("m"), 1, false);
            // The PUBLISH goes, the PUBACK comes back: its completion waits in the open group.
            Run(d, 5, 10);
            Assert.AreEqual(0, _engine.State.Inflight.Count);
            Assert.IsTrue(_engine.Journal.HasPending, "the completion rides with the next commit");
            int commits = _engine.Journal.Commits;
            Run(d, (_link.LazyCommitMs - 100) / 10, 10);
            Assert.AreEqual(commits, _engine.Journal.Commits, "not before LazyCommitMs");
            Run(d, 30, 10);
            Assert.AreEqual(commits + 1, _engine.Journal.Commits, "committed on its own once it has waited");
            Assert.IsFalse(_engine.Journal.HasPending);
        }

        [TestMethod]
        public void PingsWhenIdleAndStaysUp()
        {
            LinkDriver d = Device(MqttVersion.V500);
            Run(d, 10, 10);
            _clock.Now += 10000;
            Run(d, 5, 10);
            Assert.AreEqual(1, d.Pings);
            Assert.AreEqual((int)LinkState.Online, (int)d.State);
            _clock.Now += 10000;
            Run(d, 5, 10);
            Assert.AreEqual(2, d.Pings);
            Assert.AreEqual((int)LinkState.Online, (int)d.State, "PINGRESP keeps the link alive");
        }

        [TestMethod]
        public void HalfOpenLinkIsDetectedAndRecovered()
        {
            LinkDriver d = Device(MqttVersion.V500);
            Run(d, 10, 10);
            _transport.BlackHole = true;
            // Keep-alive 10 s: silence beyond 15 s is a dead link.
            Run(d, 14, 1000);
            Assert.AreEqual((int)LinkState.Online, (int)d.State, "not dead yet at 14 s");
            Run(d, 2, 1000);
            Assert.AreNotEqual((int)LinkState.Online, (int)d.State, "dead after 15 s of silence");
            Assert.Contains("keep-alive", d.LastError);
            _transport.BlackHole = false;
            Run(d, 200, 100);
            Assert.AreEqual((int)LinkState.Online, (int)d.State);
            Assert.AreEqual(2, d.Sessions);
            Assert.IsTrue(_broker.LastSessionPresent, "the session was resumed");
        }

        [TestMethod]
        public void HonoursServerKeepAlive()
        {
            LinkDriver d = Device(MqttVersion.V500);
            _broker.ServerKeepAlive = 2;
            Run(d, 10, 10);
            _clock.Now += 2000;
            Run(d, 2, 10);
            Assert.AreEqual(1, d.Pings, "pings at the broker's 2 s, not our 10 s");
        }

        [TestMethod]
        public void PingsAreTimedFromTheLastSendNotTheLastReceive()
        {
            // The broker sends a QoS 0 message every second; the device answers nothing to those, so
            // only a PINGREQ shows the broker it is alive (it goes by the device's own silence).
            LinkDriver d = Device(MqttVersion.V500);
            Run(d, 10, 10);
            int before = d.Pings;
            for (int s = 0; s < 11; s++)
            {
                _broker.Inject("tick", 0);
                Run(d, 10, 100);
            }
            Assert.AreEqual(before + 1, d.Pings, "one PINGREQ within 11 s of a 10 s keep-alive, whatever arrived");
            Assert.AreEqual(LinkState.Online, d.State);
        }

        [TestMethod]
        public void BackoffGrowsWithFullJitterUpToTheCap()
        {
            LinkDriver d = Device(MqttVersion.V500);
            _transport.RefuseOpens = 100;
            int[] ceilings = new int[] { 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000 };
            for (int i = 0; i < ceilings.Length; i++)
            {
                d.Poll();
                long wait = d.NextAttemptAt - _clock.Now;
                Assert.AreEqual((long)(ceilings[i] - 1), wait, "attempt " + i);
                _clock.Now = d.NextAttemptAt;
            }
            Assert.AreEqual(ceilings.Length, _transport.Opens);
            Assert.Contains("connection refused", d.LastError);
        }

        [TestMethod]
        public void JitterSpreadsTheDelay()
        {
            LinkDriver d = Device(MqttVersion.V500);
            _transport.RefuseOpens = 100;
            _random.PerMille = 250;
            d.Poll();
            _clock.Now = d.NextAttemptAt;
            d.Poll();
            Assert.AreEqual(500L, d.NextAttemptAt - _clock.Now, "a quarter of the 2 s ceiling");
        }

        [TestMethod]
        public void StableLinkResetsTheBackoff()
        {
            LinkDriver d = Device(MqttVersion.V500);
            _transport.RefuseOpens = 3;
            Run(d, 100, 1000);
            Assert.AreEqual((int)LinkState.Online, (int)d.State);
            Assert.AreEqual(0, d.Backoff.Attempt, "30 s online reset the backoff");
        }

        [TestMethod]
        public void NetworkDownPausesAttemptsAndUpResumesAtOnce()
        {
            LinkDriver d = Device(MqttVersion.V500);
            d.SetNetworkAvailable(false);
            Run(d, 100, 1000);
            Assert.AreEqual(0, _transport.Opens);
            Assert.AreEqual((int)LinkState.WaitingForNetwork, (int)d.State);
            d.SetNetworkAvailable(true);
            Run(d, 5, 10);
            Assert.AreEqual((int)LinkState.Online, (int)d.State);
            d.SetNetworkAvailable(false);
            Assert.AreEqual((int)LinkState.WaitingForNetwork, (int)d.State);
            Assert.IsFalse(_transport.IsOpen);
        }

        [TestMethod]
        [DataRow(5, 0x86)]
        [DataRow(5, 0x87)]
        [DataRow(4, 2)]
        [DataRow(4, 4)]
        [DataRow(4, 5)]
        public void BadCredentialsWaitTheLongestBackoff(int version, int code)
        {
            LinkDriver d = Device((MqttVersion)version);
            _random.PerMille = 0;
            _broker.RefuseNextConnect = (byte)code;
            Run(d, 3, 10);
            Assert.AreEqual((int)LinkState.BackingOff, (int)d.State);
            Assert.IsTrue(d.NextAttemptAt - _clock.Now >= 29000, "waits at least half the 60 s cap, not 1 s");
            Assert.Contains("refused", d.LastError);
        }

        [TestMethod]
        public void ServerUnavailableUsesTheNormalBackoff()
        {
            LinkDriver d = Device(MqttVersion.V500);
            _broker.RefuseNextConnect = ReasonCode.ServerUnavailable;
            Run(d, 3, 10);
            Assert.IsTrue(d.NextAttemptAt - _clock.Now < 1000);
            Assert.Contains("server unavailable", d.LastError);
            Run(d, 200, 10);
            Assert.AreEqual((int)LinkState.Online, (int)d.State);
        }

        [TestMethod]
        public void NoConnAckInTimeIsAFailedAttempt()
        {
            LinkDriver d = Device(MqttVersion.V500);
            _transport.BlackHole = true;
            Run(d, 5, 10);
            Assert.AreEqual((int)LinkState.AwaitingConnAck, (int)d.State);
            _clock.Now += 10001;
            d.Poll();
            Assert.AreEqual((int)LinkState.BackingOff, (int)d.State);
            Assert.Contains("CONNACK", d.LastError);
        }

        [TestMethod]
        public void PasswordNeverAppearsInErrors()
        {
            LinkDriver d = Device(MqttVersion.V500, "device-7", "s3cret-pass");
            _broker.RefuseNextConnect = ReasonCode.BadUserNameOrPassword;
            Run(d, 3, 10);
            Assert.IsNotNull(d.LastError, "the refusal was reported");
            Assert.Contains("bad user name or password", d.LastError);
            Assert.DoesNotContains("s3cret-pass", d.LastError);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void EndingTheSessionStopsTheDevice(int version)
        {
            LinkDriver d = Device((MqttVersion)version);
            Run(d, 10, 10);
            _engine.Publish(Slice.FromString("nanomqtt/dev/status"), Slice.FromString("online"), 1, true);
            Run(d, 10, 10);
            d.EndSession();
            Run(d, 50, 100);
            Assert.IsFalse(_broker.HasSession, "the broker dropped the session");
            Assert.AreEqual("online", _broker.Retained("nanomqtt/dev/status"), "retained messages are not session state");
            int opens = _transport.Opens;
            Run(d, 100, 1000);
            Assert.AreEqual(opens, _transport.Opens, "no reconnect after the session ended");
        }
    }
}

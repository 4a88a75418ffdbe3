using nanoFramework.TestFramework;
using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Link
{
    /// <summary>
    /// The link driver at its edges: writes that fail at each point of the flow, every deadline at
    /// its exact millisecond, and the reason each close leaves in <see cref="LinkDriver.LastError"/>
    /// (what an operator reads on the device's status).
    /// </summary>
    [TestClass]
    public class LinkDriverEdgeTests
    {
        private static BrokerModel _broker;
        private static FakeTransport _transport;
        private static FakeClock _clock;
        private static SessionEngine _engine;
        private static LinkConfig _link;

        private static LinkDriver Device(MqttVersion version, int keepAliveSeconds)
        {
            SessionConfig session = EngineHarness.DefaultConfig(version);
            session.KeepAliveSeconds = (ushort)keepAliveSeconds;
            return Device(session);
        }

        private static LinkDriver Device(SessionConfig session)
        {
            _broker = new BrokerModel();
            _transport = new FakeTransport(_broker);
            _clock = new FakeClock();
            _clock.Now = 1000000;
            _engine = new SessionEngine(session, new FaultyFlash(), new RecordingHandler());
            _engine.Open();
            _link = new LinkConfig();
            return new LinkDriver(_engine, session, _link, _transport, _clock, new FakeRandom());
        }

        private static void Run(LinkDriver d, int polls, int stepMs)
        {
            for (int i = 0; i < polls; i++)
            {
                d.Poll();
                _clock.Now += stepMs;
            }
        }

        private static LinkDriver Online(MqttVersion version, int keepAliveSeconds)
        {
            LinkDriver d = Device(version, keepAliveSeconds);
            Run(d, 20, 10);
            Assert.AreEqual((int)LinkState.Online, (int)d.State);
            return d;
        }

        [TestMethod]
        public void TheDefaultsAreTheDocumentedOnes()
        {
            LinkConfig c = new LinkConfig();
            Assert.AreEqual("localhost", c.Host);
            Assert.AreEqual(1883, c.Port);
            Assert.IsFalse(c.Tls);
            Assert.AreEqual(10000, c.ConnAckTimeoutMs);
            Assert.AreEqual(1000, c.BackoffBaseMs);
            Assert.AreEqual(60000, c.BackoffCapMs);
            Assert.AreEqual(30000, c.StableAfterMs);
            Assert.AreEqual(2000, c.LazyCommitMs);
            Assert.AreEqual(30000, c.PubRelWaitMs);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void AWriteThatFailsWhileOnlineIsALostConnectionAndTheMessageGoesOnTheNext(int version)
        {
            LinkDriver d = Online((MqttVersion)version, 10);
            _transport.FailWrites = true;
            Assert.AreEqual((int)PublishResult.Accepted, (int)_engine.Publish(Slice.FromString("dev/state"), Slice.FromString("m1"), 1, false));
            d.Poll();
            Assert.AreEqual((int)LinkState.BackingOff, (int)d.State);
            Assert.AreEqual("connection lost while sending", d.LastError);
            Assert.IsFalse(_engine.IsConnected, "the engine knows the link is gone");
            Assert.IsTrue(d.NextAttemptAt > _clock.Now, "after a backoff");
            _transport.FailWrites = false;
            Run(d, 300, 10);
            Assert.AreEqual((int)LinkState.Online, (int)d.State);
            Assert.AreEqual(1, _broker.CountDelivered("m1"));
        }

        [TestMethod]
        public void APingThatCannotBeWrittenIsALostConnection()
        {
            LinkDriver d = Online(MqttVersion.V500, 10);
            _transport.FailWrites = true;
            _clock.Now += 10000;
            d.Poll();
            Assert.AreEqual((int)LinkState.BackingOff, (int)d.State);
            Assert.AreEqual("connection lost", d.LastError);
            Assert.AreEqual(0, d.Pings);
            Assert.IsTrue(d.NextAttemptAt > _clock.Now);
        }

        [TestMethod]
        public void AQoS0PublishThatCannotBeWrittenIsALostConnection()
        {
            LinkDriver d = Online(MqttVersion.V500, 10);
            _transport.FailWrites = true;
            Assert.AreEqual((int)PublishResult.NotConnected, (int)d.PublishAtMostOnce(Slice.FromString("dev/t"), Slice.FromString("x"), false));
            Assert.AreEqual((int)LinkState.BackingOff, (int)d.State);
            Assert.AreEqual("connection lost while sending", d.LastError);
            Assert.IsTrue(d.NextAttemptAt > _clock.Now);
        }

        [TestMethod]
        public void AConnectThatCannotBeWrittenIsAFailedAttempt()
        {
            LinkDriver d = Device(MqttVersion.V500, 10);
            _transport.FailWrites = true;
            d.Poll();
            Assert.AreEqual((int)LinkState.BackingOff, (int)d.State);
            Assert.AreEqual("connection lost while sending CONNECT", d.LastError);
            Assert.AreEqual(1, d.Backoff.Attempt, "a failure: the backoff grows");
            Assert.IsTrue(d.NextAttemptAt > _clock.Now);
        }

        [TestMethod]
        public void NetworkDownWhileWaitingForTheConnAckClosesTheAttempt()
        {
            LinkDriver d = Device(MqttVersion.V500, 10);
            _transport.BlackHole = true;
            d.Poll();
            Assert.AreEqual((int)LinkState.AwaitingConnAck, (int)d.State);
            d.SetNetworkAvailable(false);
            Assert.AreEqual((int)LinkState.WaitingForNetwork, (int)d.State);
            Assert.AreEqual("network down", d.LastError);
            Assert.IsFalse(_transport.IsOpen);
        }

        [TestMethod]
        public void TheConnAckDeadlineIsConnAckTimeoutMsToTheMillisecond()
        {
            LinkDriver d = Device(MqttVersion.V500, 10);
            _transport.BlackHole = true;
            long attempt = _clock.Now;
            d.Poll();
            _clock.Now = attempt + _link.ConnAckTimeoutMs;
            d.Poll();
            Assert.AreEqual((int)LinkState.AwaitingConnAck, (int)d.State, "still waiting at the deadline");
            _clock.Now++;
            d.Poll();
            Assert.AreEqual((int)LinkState.BackingOff, (int)d.State);
            Assert.AreEqual("no CONNACK within 10000 ms", d.LastError);
        }

        [TestMethod]
        public void TheBackoffResetsAfterStableAfterMsOnlineAndNotBefore()
        {
            LinkDriver d = Device(MqttVersion.V500, 10);
            _transport.RefuseOpens = 3;
            for (int i = 0; i < 100000 && d.State != LinkState.Online; i++) Run(d, 1, 10);
            Assert.AreEqual((int)LinkState.Online, (int)d.State);
            long online = _clock.Now - 10;
            Assert.AreEqual(3, d.Backoff.Attempt);
            Run(d, (_link.StableAfterMs - 20) / 10, 10);
            Assert.AreEqual(3, d.Backoff.Attempt, "not yet stable");
            _clock.Now = online + _link.StableAfterMs;
            d.Poll();
            Assert.AreEqual(0, d.Backoff.Attempt, "stable at StableAfterMs");
        }

        [TestMethod]
        public void KeepAliveZeroMeansNoPingsAndNoDeadline()
        {
            LinkDriver d = Device(MqttVersion.V500, 0);
            _transport.RefuseOpens = 2;
            Run(d, 500, 10);
            Assert.AreEqual((int)LinkState.Online, (int)d.State);
            _transport.BlackHole = true;
            Run(d, 600, 1000);
            Assert.AreEqual((int)LinkState.Online, (int)d.State, "ten minutes of silence");
            Assert.AreEqual(0, d.Pings);
            Assert.AreEqual(0, d.Backoff.Attempt, "and the link counts as stable");
        }

        [TestMethod]
        public void SilenceIsDeadAfterOneAndAHalfKeepAlivesToTheMillisecond()
        {
            LinkDriver d = Online(MqttVersion.V500, 10);
            _broker.Inject("tick", 0);
            long received = _clock.Now;
            d.Poll();
            _transport.BlackHole = true;
            _clock.Now = received + 15000;
            d.Poll();
            Assert.AreEqual((int)LinkState.Online, (int)d.State, "alive at exactly 1.5 x keep-alive");
            _clock.Now++;
            d.Poll();
            Assert.AreEqual((int)LinkState.BackingOff, (int)d.State);
            Assert.AreEqual("keep-alive: nothing from the broker for 15001 ms", d.LastError);
        }

        [TestMethod]
        public void APingGoesKeepAliveAfterTheLastSendToTheMillisecond()
        {
            LinkDriver d = Online(MqttVersion.V500, 10);
            long sent = _clock.Now;
            Assert.AreEqual((int)PublishResult.Sent, (int)d.PublishAtMostOnce(Slice.FromString("dev/t"), Slice.FromString("x"), false));
            _clock.Now = sent + 9999;
            d.Poll();
            Assert.AreEqual(0, d.Pings);
            _clock.Now = sent + 10000;
            d.Poll();
            Assert.AreEqual(1, d.Pings);
        }

        [TestMethod]
        public void TheBrokerClosingTheConnectionIsReportedAsSuch()
        {
            LinkDriver d = Online(MqttVersion.V500, 10);
            _broker.Drop();
            d.Poll();
            Assert.AreEqual((int)LinkState.BackingOff, (int)d.State);
            Assert.AreEqual("the broker closed the connection", d.LastError);
            Assert.IsFalse(_engine.IsConnected);
        }

        [TestMethod]
        public void AfterThePauseGoodbyeTheNextAttemptIsABackoffAway()
        {
            LinkDriver d = Online(MqttVersion.V500, 10);
            d.Pause();
            d.Poll();
            Assert.AreEqual("disconnected by the application", d.LastError);
            Assert.IsTrue(d.NextAttemptAt > _clock.Now, "a backoff away, should Resume come before it");
        }

        [TestMethod]
        public void AnEndedSessionSaysSoAndMakesNoAttempt()
        {
            LinkDriver d = Online(MqttVersion.V500, 10);
            d.EndSession();
            Run(d, 5, 10);
            Assert.AreEqual("session ended", d.LastError);
            Assert.IsTrue(d.IsStopped);
        }

        [TestMethod]
        public void EndingA311SessionReconnectsAtOnceToCleanIt()
        {
            // 3.1.1 ends a session with a clean CONNECT: the session asks for a new connection, made
            // at once (no backoff, no jitter: nothing went wrong).
            LinkDriver d = Online(MqttVersion.V311, 10);
            int opens = _transport.Opens;
            d.EndSession();
            d.Poll();
            Assert.AreEqual("reconnecting: the session asked for a new connection", d.LastError);
            Assert.AreEqual(_clock.Now, d.NextAttemptAt);
            d.Poll();
            Assert.AreEqual(opens + 1, _transport.Opens, "the next poll connects");
            Assert.AreEqual(0, d.Backoff.Attempt);
        }

        [TestMethod]
        public void TheLargestMessageTheEngineAcceptsGoesThroughTheDriver()
        {
            LinkDriver d = Online(MqttVersion.V500, 10);
            string payload = null;
            for (int size = 1100; size > 0 && payload == null; size--)
            {
                string p = new string('x', size);
                if (_engine.Publish(Slice.FromString("dev/state"), Slice.FromString(p), 1, false) == PublishResult.Accepted) payload = p;
            }
            Assert.IsNotNull(payload);
            Assert.IsTrue(payload.Length > 1000, "a packet close to the 1 KB limit: " + payload.Length);
            Run(d, 20, 10);
            Assert.AreEqual(1, _broker.CountDelivered(payload));
            Assert.AreEqual((int)LinkState.Online, (int)d.State);
        }
    }
}

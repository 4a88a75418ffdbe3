using nanoFramework.TestFramework;
using NanoMqtt.Client;
using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Client
{
    /// <summary>The client facade an app uses, over the broker model: connect, publish at every QoS,
    /// the message callback, a clean disconnect that keeps the session, ending it.</summary>
    [TestClass]
    public class MqttSessionClientTests
    {
        private static BrokerModel _broker;
        private static FakeTransport _transport;
        private static FakeClock _clock;
        private static FaultyFlash _flash;
        private static int _received;
        private static string _lastPayload;
        private static int _connects;
        private static bool _lastPresent;

        private static MqttSessionClient Client(MqttVersion version)
        {
            _broker = new BrokerModel();
            _transport = new FakeTransport(_broker);
            _clock = new FakeClock();
            _flash = new FaultyFlash();
            _received = 0;
            _connects = 0;
            return Reboot(version);
        }

        private static MqttSessionClient Reboot(MqttVersion version)
        {
            _flash.Reboot();
            SessionConfig session = EngineHarness.DefaultConfig(version);
            MqttSessionClient c = new MqttSessionClient(session, new LinkConfig(), _flash, _transport, _clock, new FakeRandom());
            c.MessageReceived += OnMessage;
            c.Connected += OnConnected;
            return c;
        }

        private static void OnMessage(MqttSessionClient sender, PublishPacket message)
        {
            _received++;
            _lastPayload = message.Payload.ToString();
        }

        private static void OnConnected(MqttSessionClient sender, bool sessionPresent)
        {
            _connects++;
            _lastPresent = sessionPresent;
        }

        private static void Run(MqttSessionClient c, int polls)
        {
            for (int i = 0; i < polls; i++)
            {
                c.Poll();
                _clock.Now += 10;
            }
        }

        [TestMethod]
        public void NothingHappensBeforeConnect()
        {
            MqttSessionClient c = Client(MqttVersion.V500);
            Run(c, 20);
            Assert.AreEqual(0, _transport.Opens);
            Assert.IsFalse(c.IsConnected);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void ConnectsAndPublishesAtEveryQoS(int version)
        {
            MqttSessionClient c = Client((MqttVersion)version);
            c.Connect();
            Run(c, 20);
            Assert.IsTrue(c.IsConnected);
            Assert.AreEqual(1, _connects);
            Assert.IsFalse(_lastPresent, "a new session");
            Assert.AreEqual((int)PublishResult.Sent, (int)c.Publish("dev/state", new byte[] { 0x61 }, 0, false));
            Assert.AreEqual((int)PublishResult.Accepted, (int)c.Publish("dev/state", new byte[] { 0x62 }, 1, false));
            Assert.AreEqual((int)PublishResult.Accepted, (int)c.Publish("dev/state", new byte[] { 0x63 }, 2, false));
            Run(c, 20);
            Assert.AreEqual(3, _broker.Delivered.Count);
            Assert.IsNull(_broker.Violation, _broker.Violation);
        }

        [TestMethod]
        public void QoS0IsNeverQueued()
        {
            MqttSessionClient c = Client(MqttVersion.V500);
            Assert.AreEqual((int)PublishResult.NotConnected, (int)c.Publish("dev/state", new byte[] { 1 }, 0, false));
            c.Connect();
            Run(c, 20);
            Assert.AreEqual((int)PublishResult.Invalid, (int)c.Publish("dev/+", new byte[] { 1 }, 0, false));
            Assert.AreEqual(0, _broker.Delivered.Count);
        }

        [TestMethod]
        public void MessagesReachTheCallback()
        {
            MqttSessionClient c = Client(MqttVersion.V500);
            c.Connect();
            Run(c, 20);
            _broker.Inject("hello", 1);
            _broker.Inject("once", 2);
            Run(c, 20);
            Assert.AreEqual(2, _received);
            Assert.AreEqual("once", _lastPayload);
            Assert.AreEqual(0, _broker.PendingForClient, "both acknowledged");
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void DisconnectKeepsTheSessionForTheNextConnect(int version)
        {
            MqttSessionClient c = Client((MqttVersion)version);
            c.Connect();
            Run(c, 20);
            c.Disconnect();
            Run(c, 20);
            Assert.IsFalse(c.IsConnected);
            Assert.AreEqual(1, _transport.Opens, "no attempt while disconnected");
            Assert.IsTrue(_broker.HasSession, "a clean DISCONNECT keeps the session");
            c.Publish("dev/state", new byte[] { 0x64 }, 1, false);
            c.Connect();
            Run(c, 20);
            Assert.IsTrue(c.IsConnected);
            Assert.IsTrue(c.SessionPresent);
            Assert.AreEqual(2, _connects);
            Assert.AreEqual(1, _broker.Delivered.Count, "what was accepted while disconnected went after reconnect");
        }

        [TestMethod]
        public void AcceptedMessagesSurviveAPowerCut()
        {
            MqttSessionClient c = Client(MqttVersion.V500);
            Assert.AreEqual((int)PublishResult.Accepted, (int)c.Publish("dev/state", new byte[] { 0x65 }, 1, false));
            c = Reboot(MqttVersion.V500);
            c.Connect();
            Run(c, 20);
            Assert.AreEqual(1, _broker.Delivered.Count);
        }

        [TestMethod]
        public void EndSessionTellsTheBroker()
        {
            MqttSessionClient c = Client(MqttVersion.V500);
            c.Connect();
            Run(c, 20);
            c.EndSession();
            Run(c, 20);
            Assert.IsFalse(_broker.HasSession);
            Assert.IsFalse(c.IsConnected);
        }

        [TestMethod]
        public void QoS2EffectsThroughTheClientHappenOnceAcrossAPowerCut()
        {
            Client(MqttVersion.V500);
            RecordingHandler app = new RecordingHandler();
            MqttSessionClient c = new MqttSessionClient(EngineHarness.DefaultConfig(MqttVersion.V500), new LinkConfig(), _flash, _transport, _clock, new FakeRandom(), app);
            c.MessageReceived += OnMessage;
            c.Connect();
            Run(c, 20);
            _broker.HoldPubRel = true;
            _broker.Inject("valve-open", 2);
            Run(c, 20);
            Assert.AreEqual(1, app.Applied.Count, "applied at delivery, before PUBREL");
            Assert.AreEqual(1, _received, "and seen by the callback");
            // Power cut before the broker's PUBREL: the rebooted client restores the effect and
            // takes the broker's resend as the same message.
            _flash.Reboot();
            _broker.Drop();
            _broker.HoldPubRel = false;
            Assert.AreEqual(1, _broker.PendingForClient, "the broker still owes its PUBREL");
            MqttSessionClient again = new MqttSessionClient(EngineHarness.DefaultConfig(MqttVersion.V500), new LinkConfig(), _flash, _transport, _clock, new FakeRandom(), app);
            again.Connect();
            Run(again, 40);
            Assert.AreEqual(0, app.Duplicates, "applied once");
            Assert.AreEqual(0, _broker.PendingForClient, "released");
        }

        [TestMethod]
        public void TheFacadeShowsTheEngineTheLinkAndTheGrantedExpiry()
        {
            MqttSessionClient c = Client(MqttVersion.V500);
            _broker.SessionExpiryOverride = 600;
            Assert.IsNotNull(c.Engine);
            Assert.IsNotNull(c.Link);
            c.Connect();
            Run(c, 20);
            Assert.AreEqual(600u, c.GrantedSessionExpiry, "the broker's word, not the request");
        }

        [TestMethod]
        public void SubscribingAtRunTimeGoesToTheBroker()
        {
            MqttSessionClient c = Client(MqttVersion.V500);
            c.Connect();
            Run(c, 20);
            int before = _broker.Subscribes;
            Assert.AreEqual((int)SubscriptionResult.Accepted, (int)c.Subscribe("dev/extra/#", 1));
            Run(c, 20);
            Assert.AreEqual(before + 1, _broker.Subscribes);
            Assert.AreEqual((int)SubscriptionResult.Accepted, (int)c.Unsubscribe("dev/extra/#"));
            Assert.AreEqual((int)SubscriptionResult.NotFound, (int)c.Unsubscribe("dev/none"));
        }
    }
}

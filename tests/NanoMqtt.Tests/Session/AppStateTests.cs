using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>The application's keyed state: recorded before Commit for every QoS, restored at boot, kept by compaction.</summary>
    [TestClass]
    public class AppStateTests
    {
        /// <summary>Payload "xN": key x, level N. Restore fills <see cref="Levels"/>.</summary>
        private class LevelHandler : IMessageHandler
        {
            public readonly byte[] Levels = new byte[128];
            public int Restores;
            private byte _key;
            private byte _level;

            public int Deliver(PublishPacket message, byte[] effect, int offset, int capacity)
            {
                _key = message.Payload[0];
                _level = message.Payload[1];
                effect[offset] = _key;
                effect[offset + 1] = _level;
                return 2;
            }

            public void Commit()
            {
                Levels[_key] = _level;
            }

            public void Restore(byte[] effect, int offset, int length)
            {
                Restores++;
                Levels[effect[offset]] = effect[offset + 1];
            }
        }

        private static int _packetId;

        private static void Deliver(SessionEngine engine, string payload, byte qos)
        {
            Assert.AreEqual((int)SessionStatus.Ok, (int)EngineLoop.Deliver(engine, "dev/cmd", payload, qos, ++_packetId, false, true));
        }

        private static SessionEngine Online(SessionConfig config, FaultyFlash flash, LevelHandler handler)
        {
            return EngineLoop.Online(config, flash, handler, false);
        }

        [TestMethod]
        public void LatestLevelPerKeyComesBackAtBootForEveryQoS()
        {
            SessionConfig config = DeviceHarness.DefaultConfig(MqttVersion.V500);
            FaultyFlash flash = new FaultyFlash();
            SessionEngine engine = Online(config, flash, new LevelHandler());
            Deliver(engine, "a1", 0);
            Deliver(engine, "b1", 1);
            Deliver(engine, "c1", 2);
            Deliver(engine, "a0", 1);
            LevelHandler after = new LevelHandler();
            new SessionEngine(config, flash, after).Open();
            Assert.AreEqual((byte)'0', after.Levels['a']);
            Assert.AreEqual((byte)'1', after.Levels['b']);
            Assert.AreEqual((byte)'1', after.Levels['c'], "QoS 2 state outlives the released packet id");
            Assert.AreEqual(3, after.Restores, "one Restore per key");
        }

        [TestMethod]
        public void CompactionKeepsTheLatestLevels()
        {
            SessionConfig config = DeviceHarness.DefaultConfig(MqttVersion.V500);
            config.JournalBytes = 600;
            FaultyFlash flash = new FaultyFlash();
            SessionEngine engine = Online(config, flash, new LevelHandler());
            for (int i = 0; i < 200; i++) Deliver(engine, (char)('a' + i % 5) + "" + (char)('0' + i % 7), (byte)(1 + i % 2));
            Assert.IsTrue(engine.Journal.Compactions > 5, engine.Journal.Compactions.ToString());
            LevelHandler after = new LevelHandler();
            new SessionEngine(config, flash, after).Open();
            for (int k = 0; k < 5; k++)
            {
                int last = 195 + k;
                Assert.AreEqual((byte)('0' + last % 7), after.Levels['a' + k], "key " + (char)('a' + k));
            }
        }
    }
}

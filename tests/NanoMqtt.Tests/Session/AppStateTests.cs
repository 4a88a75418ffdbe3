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
            // Delivered, waiting for Commit: key, level, key, level…
            private readonly byte[] _pending = new byte[256];
            private int _pendingCount;

            public int Deliver(PublishPacket message, byte[] effect, int offset, int capacity)
            {
                _pending[_pendingCount++] = message.Payload[0];
                _pending[_pendingCount++] = message.Payload[1];
                effect[offset] = message.Payload[0];
                effect[offset + 1] = message.Payload[1];
                return 2;
            }

            public void Commit()
            {
                for (int i = 0; i < _pendingCount; i += 2) Levels[_pending[i]] = _pending[i + 1];
                _pendingCount = 0;
            }

            public void Forget()
            {
                _pendingCount = 0;
            }

            public void Restore(byte[] effect, int offset, int length)
            {
                Restores++;
                Levels[effect[offset]] = effect[offset + 1];
            }
        }

        private static int _packetId;

        private static void Deliver(EngineWire wire, string payload, byte qos)
        {
            Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Deliver("dev/cmd", payload, qos, ++_packetId, false));
            if (qos == 2) Assert.AreEqual((int)SessionStatus.Ok, (int)wire.Release(_packetId));
            wire.Drain();
        }

        private static IMessageHandler NewHandler()
        {
            return new LevelHandler();
        }

        private static EngineWire Online(SessionConfig config)
        {
            EngineWire wire = new EngineWire(config);
            wire.Applications = NewHandler;
            wire.Boot();
            wire.Online(false);
            return wire;
        }

        /// <summary>Power back: the handler of the new boot, after the journal's replay.</summary>
        private static LevelHandler Reboot(EngineWire wire)
        {
            wire.Boot();
            return (LevelHandler)wire.Application;
        }

        [TestMethod]
        public void LatestLevelPerKeyComesBackAtBootForEveryQoS()
        {
            SessionConfig config = EngineHarness.DefaultConfig(MqttVersion.V500);
            EngineWire wire = Online(config);
            Deliver(wire, "a1", 0);
            Deliver(wire, "b1", 1);
            Deliver(wire, "c1", 2);
            Deliver(wire, "a0", 1);
            LevelHandler after = Reboot(wire);
            Assert.AreEqual((byte)'0', after.Levels['a']);
            Assert.AreEqual((byte)'1', after.Levels['b']);
            Assert.AreEqual((byte)'1', after.Levels['c'], "QoS 2 state outlives the released packet id");
            Assert.AreEqual(3, after.Restores, "one Restore per key");
        }

        [TestMethod]
        public void CompactionKeepsTheLatestLevels()
        {
            SessionConfig config = EngineHarness.DefaultConfig(MqttVersion.V500);
            config.JournalBytes = 600;
            EngineWire wire = Online(config);
            for (int i = 0; i < 200; i++) Deliver(wire, (char)('a' + i % 5) + "" + (char)('0' + i % 7), (byte)(1 + i % 2));
            Assert.IsTrue(wire.Engine.Journal.Compactions > 5, wire.Engine.Journal.Compactions.ToString());
            LevelHandler after = Reboot(wire);
            for (int k = 0; k < 5; k++)
            {
                int last = 195 + k;
                Assert.AreEqual((byte)('0' + last % 7), after.Levels['a' + k], "key " + (char)('a' + k));
            }
        }
    }
}

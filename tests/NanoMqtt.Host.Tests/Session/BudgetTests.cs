using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Host;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Host.Tests.Session
{
    /// <summary>
    /// The memory budget of DESIGN section 6, measured on the host: the engine's whole footprint at
    /// defaults, and zero bytes allocated per message in steady state, across journal compactions.
    /// </summary>
    [TestClass]
    public class BudgetTests
    {
        private sealed class CountingHandler : IMessageHandler
        {
            public int Delivered;
            public int Deliver(PublishPacket message, byte[] effect, int offset, int capacity)
            {
                Delivered++;
                if (message.QoS < 2) return 0;
                effect[offset] = message.Payload.Length > 0 ? message.Payload[0] : (byte)0;
                return 1;
            }
            public void Commit() { }
            public void Forget() { }
            public void Restore(byte[] effect, int offset, int length) { }
        }

        /// <summary>Packets a broker would send, encoded once.</summary>
        private sealed class BrokerBytes
        {
            private readonly byte[] _buffer = new byte[256];
            private readonly AckPacket _ack = new AckPacket(PacketType.PubAck);
            private readonly PublishPacket _publish = new PublishPacket();

            public BrokerBytes(MqttVersion version)
            {
                Version = version;
                _publish.Topic = Slice.FromString("nanomqtt/dev/out/led/set");
                _publish.Payload = Slice.FromString("on");
            }

            public MqttVersion Version { get; }

            public int Ack(PacketType type, ushort id)
            {
                _ack.SetType(type);
                _ack.PacketId = id;
                PacketEncoder.Encode(_ack, Version, _buffer, 0, 0, out int n);
                return n;
            }

            public int Publish(byte qos, ushort id)
            {
                _publish.QoS = qos;
                _publish.PacketId = id;
                PacketEncoder.Encode(_publish, Version, _buffer, 0, 0, out int n);
                return n;
            }

            public byte[] Buffer => _buffer;
        }

        private static SessionConfig Defaults(MqttVersion version) => new SessionConfig
        {
            Version = version,
            ClientId = "nanomqtt-0011223344ff",
            WillTopic = "nanomqtt/nanomqtt-0011223344ff/status",
            Subscriptions = new[] { "nanomqtt/nanomqtt-0011223344ff/out/+/set" },
            SubscriptionOptions = new byte[] { 2 },
        };

        private static SessionEngine Connected(SessionConfig config, MemoryFileStore store, IMessageHandler handler, BrokerBytes broker, byte[] output)
        {
            var engine = new SessionEngine(config, store, handler);
            engine.Open();
            engine.BeginConnect(output, 0);
            var connack = new ConnAckPacket();
            PacketEncoder.Encode(connack, broker.Version, broker.Buffer, 0, 0, out int n);
            Assert.AreEqual(SessionStatus.Ok, engine.Receive(broker.Buffer, 0, n, out _));
            while (engine.NextOutput(output, 0) > 0) { }
            return engine;
        }

        private sealed class Pins : NanoMqtt.Commands.IPins
        {
            public int Writes;
            public void Write(int pin, bool high) => Writes++;
        }

        private sealed class Clock : NanoMqtt.Link.IClock
        {
            public long NowMs => 0;
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(2)]
        public void CommandDispatchToThePinAllocatesNothing(int qos)
        {
            var config = Defaults(MqttVersion.V500);
            config.JournalBytes = 4096;
            var store = new MemoryFileStore(8192);
            var pins = new Pins();
            var dispatcher = new NanoMqtt.Commands.CommandDispatcher("nanomqtt/nanomqtt-0011223344ff", new[] { "relay", "led" }, new[] { 26, 25 },
                new[] { true, false }, new[] { false, false }, pins, new Clock());
            var broker = new BrokerBytes(MqttVersion.V500);
            var output = new byte[2048];
            var engine = Connected(config, store, dispatcher, broker, output);
            var command = new PublishPacket { Topic = Slice.FromString("nanomqtt/nanomqtt-0011223344ff/out/relay/set"), Payload = Slice.FromString("toggle"), QoS = (byte)qos };
            var ack = new AckPacket(PacketType.PubRel);
            var buffer = new byte[256];
            ushort id = 1;
            void One()
            {
                command.PacketId = id;
                PacketEncoder.Encode(command, MqttVersion.V500, buffer, 0, 0, out int n);
                engine.Receive(buffer, 0, n, out _);
                while (engine.NextOutput(output, 0) > 0) { }
                if (qos == 2)
                {
                    ack.PacketId = id;
                    PacketEncoder.Encode(ack, MqttVersion.V500, buffer, 0, 0, out n);
                    engine.Receive(buffer, 0, n, out _);
                    while (engine.NextOutput(output, 0) > 0) { }
                }
                id = (ushort)(id % 60000 + 1);
            }
            for (int i = 0; i < 500; i++) One();
            int writes = pins.Writes;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5000; i++) One();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine($"QoS {qos}: 5000 commands from PUBLISH to pin write: {allocated} bytes allocated, {engine.Journal.Compactions} compactions");
            Assert.AreEqual(5000, pins.Writes - writes, "every command drove the pin");
            Assert.AreEqual(0L, allocated);
        }

        [TestMethod]
        public void HeapOnNanoClrAtDefaultsIsUnder8KB()
        {
            var store = new MemoryFileStore(70000);
            var config = Defaults(MqttVersion.V500);
            var handler = new CountingHandler();
            var existing = NanoHeapEstimate.Existing(config, store, handler);
            var engine = new SessionEngine(config, store, handler);
            engine.Open();
            var estimate = NanoHeapEstimate.Of(engine, NanoHeapEstimate.LibraryTypes(), existing);
            Console.WriteLine("engine heap at defaults on the 32-bit nanoCLR:");
            Console.WriteLine(estimate);
            // Calibration (README, "Memory and flash budget"): the model matched GC.Run on nanoCLR to
            // the byte in every measurement so far. The gate keeps 2 % below 8 KB for what it cannot see.
            Assert.IsTrue(estimate.Bytes <= 8 * 1024 * 98 / 100, $"{estimate.Bytes} bytes on nanoCLR (estimate); the budget is 8 KB with a 2 % margin");
        }

        [TestMethod]
        public void FootprintAtDefaultsIsUnder8KB()
        {
            var store = new MemoryFileStore(70000);
            var config = Defaults(MqttVersion.V500);
            var handler = new CountingHandler();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var engine = new SessionEngine(config, store, handler);
            engine.Open();
            long footprint = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine($"engine RAM at defaults (host, 64-bit references): {footprint} bytes");
            Assert.IsTrue(footprint < 8 * 1024, $"{footprint} bytes");
            GC.KeepAlive(engine);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void SteadyStateAllocatesNothingPerMessage(int v)
        {
            var version = (MqttVersion)v;
            var config = Defaults(version);
            config.JournalBytes = 4096; // small, so the run crosses many compactions
            var store = new MemoryFileStore(8192);
            var handler = new CountingHandler();
            var broker = new BrokerBytes(version);
            var output = new byte[2048];
            var engine = Connected(config, store, handler, broker, output);
            var topic = Slice.FromString("nanomqtt/nanomqtt-0011223344ff/in/button");
            var payload = Slice.FromString("pressed");
            ushort incomingId = 1;

            void OneOfEach()
            {
                // Publish QoS 1 -> PUBACK.
                engine.Publish(topic, payload, 1, false);
                int n = engine.NextOutput(output, 0);
                ushort id = (ushort)((output[n - payload.Length - 2 - (version == MqttVersion.V500 ? 1 : 0)] << 8) | output[n - payload.Length - 1 - (version == MqttVersion.V500 ? 1 : 0)]);
                engine.Receive(broker.Buffer, 0, broker.Ack(PacketType.PubAck, id), out _);
                // Receive QoS 1 -> deliver -> PUBACK.
                engine.Receive(broker.Buffer, 0, broker.Publish(1, incomingId), out _);
                engine.NextOutput(output, 0);
                // Receive QoS 2 -> PUBREC -> PUBREL -> PUBCOMP.
                engine.Receive(broker.Buffer, 0, broker.Publish(2, incomingId), out _);
                engine.NextOutput(output, 0);
                engine.Receive(broker.Buffer, 0, broker.Ack(PacketType.PubRel, incomingId), out _);
                engine.NextOutput(output, 0);
                incomingId = (ushort)(incomingId % 60000 + 1);
            }

            for (int i = 0; i < 500; i++) OneOfEach();
            int compactionsBefore = engine.Journal.Compactions;
            const int rounds = 5000;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < rounds; i++) OneOfEach();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(0, engine.State.Inflight.Count, "every publish completed");
            Assert.AreEqual(0, engine.State.Incoming.Count, "every QoS 2 released");
            Console.WriteLine($"delivered {handler.Delivered} inflight {engine.State.Inflight.Count} outbox {engine.State.Outbox.Count} connected {engine.IsConnected}");
            Assert.AreEqual(2 * (rounds + 500), handler.Delivered, "every message delivered");
            int compactions = engine.Journal.Compactions - compactionsBefore;
            Console.WriteLine($"v{v}: {rounds} rounds of (publish QoS 1, receive QoS 1, receive QoS 2), {compactions} compactions: {allocated} bytes allocated = {(double)allocated / (3 * rounds):F2} B/message");
            Assert.IsTrue(compactions > 10, $"{compactions} compactions");
            Assert.AreEqual(0L, allocated);
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;

namespace NanoMqtt.Tests.Support
{
    /// <summary>Drives an engine with hand-made broker packets (5.0), draining whatever it sends.</summary>
    public static class EngineLoop
    {
        private static readonly byte[] Buffer = new byte[4096];
        private static readonly byte[] Output = new byte[4096];

        /// <summary>A booted engine that got CONNACK (Session Present as given).</summary>
        public static SessionEngine Online(SessionConfig config, IFileStore flash, IMessageHandler handler, bool sessionPresent)
        {
            SessionEngine engine = new SessionEngine(config, flash, handler);
            engine.Open();
            engine.BeginConnect(Buffer, 0);
            ConnAckPacket ack = new ConnAckPacket();
            ack.SessionPresent = sessionPresent;
            Feed(engine, ack);
            return engine;
        }

        /// <summary>Sends a packet to the engine and drains its answers.</summary>
        public static SessionStatus Feed(SessionEngine engine, Packet packet)
        {
            int length;
            Assert.AreEqual((int)EncodeStatus.Ok, (int)PacketEncoder.Encode(packet, MqttVersion.V500, Buffer, 0, 0, out length));
            int used;
            SessionStatus st = engine.Receive(Buffer, 0, length, out used);
            while (engine.NextOutput(Output, 0) > 0)
            {
            }
            return st;
        }

        /// <summary>The broker delivers a message; with <paramref name="release"/> a QoS 2 flow is finished with PUBREL.</summary>
        public static SessionStatus Deliver(SessionEngine engine, string topic, string payload, byte qos, int packetId, bool dup, bool release)
        {
            PublishPacket p = new PublishPacket();
            p.Topic = Slice.FromString(topic);
            p.Payload = Slice.FromString(payload);
            p.QoS = qos;
            p.PacketId = (ushort)packetId;
            p.Dup = dup;
            SessionStatus st = Feed(engine, p);
            if (st != SessionStatus.Ok || qos != 2 || !release) return st;
            AckPacket rel = new AckPacket(PacketType.PubRel);
            rel.PacketId = (ushort)packetId;
            return Feed(engine, rel);
        }
    }
}

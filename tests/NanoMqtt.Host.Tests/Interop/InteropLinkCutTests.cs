using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Link;
using static NanoMqtt.Host.Tests.Brokers.FaultProxy;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// The link cut before every packet of QoS 1 and QoS 2 flows, both ways, against ejabberd,
    /// RabbitMQ and Aedes; paho-mqtt and MQTT.js take turns as the far end.
    /// </summary>
    [TestClass]
    public class InteropLinkCutTests
    {
        private const int Publish = 3, PubAck = 4, PubRec = 5, PubRel = 6, PubComp = 7;

        public static IEnumerable<object[]> Cuts()
        {
            int row = 0;
            foreach (var (broker, version) in InteropBrokers.Matrix)
                foreach (var (flow, qos, direction, type) in Boundaries(broker))
                    yield return new object[] { broker, version, flow, qos, (int)direction, type, Peers.Kinds[row++ % 2] };
        }

        /// <summary>
        /// MQTTnet 5.2's broker keeps no QoS 2 flow across a reconnect: it takes the device's DUP resend as
        /// a new message, and restarts an interrupted delivery with a new PUBLISH (new packet id, DUP 0).
        /// Once the device had the command, that is a second command to it, and the id it holds for
        /// the first is never released (held until the session ends).
        /// </summary>
        private static bool RestartsQoS2(string broker, string flow, int qos, int packetType) =>
            broker == "mqttnet" && qos == 2 && (flow == "out" ? packetType == PubRec : packetType != Publish);

        private static IEnumerable<(string, int, Direction, int)> Boundaries(string broker)
        {
            yield return ("out", 1, Direction.ToBroker, Publish);
            yield return ("out", 1, Direction.ToDevice, PubAck);
            if (InteropBrokers.DowngradesQoS2(broker))
            {
                yield return ("out", 2, Direction.ToBroker, Publish);
                yield return ("out", 2, Direction.ToDevice, PubAck);
            }
            else
            {
                yield return ("out", 2, Direction.ToBroker, Publish);
                yield return ("out", 2, Direction.ToDevice, PubRec);
                yield return ("out", 2, Direction.ToBroker, PubRel);
                yield return ("out", 2, Direction.ToDevice, PubComp);
            }
            yield return ("in", 1, Direction.ToDevice, Publish);
            yield return ("in", 1, Direction.ToBroker, PubAck);
            if (InteropBrokers.DowngradesQoS2(broker))
            {
                yield return ("in", 2, Direction.ToDevice, Publish);
                yield return ("in", 2, Direction.ToBroker, PubAck);
            }
            else
            {
                yield return ("in", 2, Direction.ToDevice, Publish);
                yield return ("in", 2, Direction.ToBroker, PubRec);
                yield return ("in", 2, Direction.ToDevice, PubRel);
                yield return ("in", 2, Direction.ToBroker, PubComp);
            }
        }

        private static string Wire(FaultProxy proxy) =>
            string.Join(" ", proxy.Packets.Select(p => $"{p.Connection}{(p.Direction == Direction.ToBroker ? ">" : "<")}{p.Type}/{p.Flags}"));

        [TestMethod]
        [DynamicData(nameof(Cuts))]
        public async Task CutAtEveryPacketBoundary(string brokerName, int version, string flow, int qos, int direction, int packetType, string peerKind)
        {
            var broker = await InteropBrokers.Get(brokerName);
            await using var proxy = new FaultProxy(broker.Port);
            using var device = InteropBrokers.Device(broker, version, proxy.Port);
            string inTopic = $"nanomqtt/{device.Session.ClientId}/in/meter";
            await using var peer = await Peers.ConnectAsync(peerKind, broker, version, device.Session.ClientId + "-peer");
            await peer.SubscribeAsync($"nanomqtt/{device.Session.ClientId}/#");
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            int firstConnection = proxy.Connections;
            bool restarted = RestartsQoS2(brokerName, flow, qos, packetType);
            int staleIds = restarted && flow == "in" && packetType != PubComp ? 1 : 0;
            // Let the connection's own traffic (the retained "online" PUBLISH) pass before arming the cut.
            Assert.IsTrue(device.RunUntil(() => Peers.Has(peer, "online"), 10000), "the peer sees the device");
            int already = proxy.Packets.Count(p => p.Direction == (Direction)direction && p.Type == packetType);
            proxy.CutBefore((Direction)direction, packetType, already + 1);

            if (flow == "out") device.Engine.Publish(inTopic, Encoding.UTF8.GetBytes("reading"), (byte)qos, false);
            else await peer.PublishAsync(device.CommandTopic("relay"), "command", qos);

            Assert.IsTrue(device.RunUntil(() => proxy.CutFired, 10000), "the cut happened");
            Assert.IsTrue(device.RunUntil(() => proxy.Connections > firstConnection && device.Driver.State == LinkState.Online
                && device.Engine.State.Inflight.Count == 0 && device.Engine.State.Incoming.Count == staleIds, 15000), "reconnected and settled: " + device.Driver.LastError + ": " + Wire(proxy));

            // A marker sent the same way at the same QoS after the flow settled: once it has arrived,
            // a duplicate of the message would have arrived before it.
            int delivered;
            if (flow == "out")
            {
                device.Engine.Publish(inTopic, Encoding.UTF8.GetBytes("marker"), (byte)qos, false);
                Assert.IsTrue(device.RunUntil(() => Peers.Has(peer, "marker"), 10000), "the marker arrived");
                Assert.IsTrue(device.RunUntil(() => device.Engine.State.Inflight.Count == 0, 10000));
                delivered = Peers.CountOf(peer, "reading");
            }
            else
            {
                await peer.PublishAsync(device.CommandTopic("relay"), "marker", qos);
                Assert.IsTrue(device.RunUntil(() => device.Deliveries.Contains("marker"), 10000), "the marker arrived");
                delivered = device.Deliveries.Count(x => x == "command");
            }
            string wire = Wire(proxy);
            Assert.IsTrue(delivered >= 1, "arrived: " + wire);
            // Exactly once where the broker runs QoS 2; RabbitMQ runs it as QoS 1, so once or twice;
            // MQTTnet sends it twice.
            if (restarted) Assert.AreEqual(2, delivered, "the broker restarted the flow: " + wire);
            else if (qos == 2 && !InteropBrokers.DowngradesQoS2(brokerName)) Assert.AreEqual(1, delivered, "QoS 2 exactly once: " + wire);

            // The device resends its PUBLISH, with DUP, when the cut came before the broker's answer
            // to it reached the device; after PUBREC it resends PUBREL instead. Nothing else is a resend.
            bool resent = flow == "out" && (packetType == Publish || packetType == PubAck || packetType == PubRec);
            var sent = proxy.Packets.Where(p => p.Direction == Direction.ToBroker && p.Type == Publish).ToList();
            Assert.AreEqual(0, sent.Count(p => p.Connection == firstConnection && (p.Flags & 0x08) != 0), "no DUP on the first connection: " + wire);
            Assert.AreEqual(resent ? 1 : 0, sent.Count(p => p.Connection > firstConnection && (p.Flags & 0x08) != 0), "DUP exactly on the resend: " + wire);
        }
    }
}

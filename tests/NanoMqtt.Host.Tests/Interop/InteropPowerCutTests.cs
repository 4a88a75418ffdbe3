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
    /// Power lost while a QoS 2 flow is half done, both ways, on every broker of the matrix: the
    /// device boots from its journal and the flow ends once.
    /// </summary>
    [TestClass]
    public class InteropPowerCutTests
    {
        private const int PubAck = 4, PubRec = 5, PubRel = 6;

        public static IEnumerable<object[]> Rows()
        {
            int row = 0;
            foreach (var (broker, version) in InteropBrokers.Matrix)
                foreach (var flow in new[] { "out", "in" })
                    yield return new object[] { broker, version, flow, Peers.Kinds[row++ % 2] };
        }

        [TestMethod]
        [DynamicData(nameof(Rows))]
        public async Task PowerCutInTheMiddleOfAQoS2Flow(string brokerName, int version, string flow, string peerKind)
        {
            bool downgrades = InteropBrokers.DowngradesQoS2(brokerName);
            var broker = await InteropBrokers.Get(brokerName);
            await using var proxy = new FaultProxy(broker.Port);
            using var device = InteropBrokers.Device(broker, version, proxy.Port);
            string inTopic = $"nanomqtt/{device.Session.ClientId}/in/meter";
            await using var peer = await Peers.ConnectAsync(peerKind, broker, version, device.Session.ClientId + "-peer");
            await peer.SubscribeAsync($"nanomqtt/{device.Session.ClientId}/#");
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsTrue(device.RunUntil(() => Peers.Has(peer, "online"), 10000), "the peer sees the device");

            // Out: the broker has the message, its answer never reaches the device. In: the device
            // has taken the command (applied, on flash), the broker's PUBREL never reaches it.
            var (direction, type) = flow == "out" ? (Direction.ToDevice, downgrades ? PubAck : PubRec)
                : downgrades ? (Direction.ToBroker, PubAck) : (Direction.ToDevice, PubRel);
            proxy.CutBefore(direction, type, proxy.Packets.Count(p => p.Direction == direction && p.Type == type) + 1);
            if (flow == "out") device.Engine.Publish(inTopic, Encoding.UTF8.GetBytes("reading"), 2, false);
            else await peer.PublishAsync(device.CommandTopic("valve"), "command", 2);
            Assert.IsTrue(device.RunUntil(() => proxy.CutFired, 10000), "the cut happened");
            if (flow == "in") Assert.AreEqual(1, device.Deliveries.Count(x => x == "command"), "applied before the power went");
            device.PowerCut();
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            Assert.IsTrue(device.LastSessionPresent, "the broker kept the session through the device's power loss");

            int delivered;
            if (flow == "out")
            {
                device.Engine.Publish(inTopic, Encoding.UTF8.GetBytes("marker"), 2, false);
                Assert.IsTrue(device.RunUntil(() => Peers.Has(peer, "marker") && device.Engine.State.Inflight.Count == 0, 10000), "the marker arrived");
                delivered = Peers.CountOf(peer, "reading");
            }
            else
            {
                await peer.PublishAsync(device.CommandTopic("valve"), "marker", 2);
                Assert.IsTrue(device.RunUntil(() => device.Deliveries.Contains("marker"), 10000), "the marker arrived");
                delivered = device.Deliveries.Count(x => x == "command");
            }
            // MQTTnet restarts the flow (see InteropLinkCutTests); RabbitMQ runs it as QoS 1.
            if (brokerName == "mqttnet") Assert.AreEqual(2, delivered, "MQTTnet started the flow again");
            else if (downgrades) Assert.IsTrue(delivered >= 1, "at least once");
            else Assert.AreEqual(1, delivered, "exactly once across the power cut");
        }
    }
}

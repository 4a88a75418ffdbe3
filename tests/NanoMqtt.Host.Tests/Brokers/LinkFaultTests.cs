using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Link;
using NanoMqtt.Protocol;
using static NanoMqtt.Host.Tests.Brokers.FaultProxy;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>The link cut inside a packet, a half-open link, hostile brokers. (Cuts at every packet
    /// boundary, on every broker, are InteropLinkCutTests.)</summary>
    [TestClass]
    public class LinkFaultTests
    {
        private static async Task<IBroker> Start(string broker)
        {
            if (broker == "mosquitto") MosquittoBroker.RequireInstalled();
            IBroker b = broker == "mqttnet" ? new MqttNetBroker() : new MosquittoBroker(persistence: false);
            await b.StartAsync();
            return b;
        }

        [TestMethod]
        [DataRow("mosquitto", 4, 0)]
        [DataRow("mosquitto", 5, 0)]
        [DataRow("mosquitto", 4, 1)]
        [DataRow("mosquitto", 5, 1)]
        [DataRow("mqttnet", 5, 0)]
        public async Task CutInTheMiddleOfAPacketLosesNothing(string brokerName, int version, int direction)
        {
            await using var broker = await Start(brokerName);
            await using var proxy = new FaultProxy(broker.Port);
            using var device = new TestDevice((MqttVersion)version, proxy.Port);
            await using var backend = await Publisher.ConnectAsync(broker.Port);
            await backend.SubscribeAsync($"nanomqtt/{device.Session.ClientId}/in/#");
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            // 10 bytes into the next traffic: inside the PUBLISH whichever way it goes.
            proxy.CutAfterBytes((Direction)direction, 10);
            if ((Direction)direction == Direction.ToBroker)
                device.Engine.Publish($"nanomqtt/{device.Session.ClientId}/in/meter", System.Text.Encoding.UTF8.GetBytes("half-sent"), 1, false);
            else
                await backend.PublishAsync(device.CommandTopic("relay"), "half-received", 1);
            Assert.IsTrue(device.RunUntil(() => proxy.CutFired, 5000), "cut");
            Assert.IsTrue(device.RunUntil(() => proxy.Connections >= 2 && device.Driver.State == LinkState.Online && device.Engine.State.Inflight.Count == 0, 10000), device.Driver.LastError);
            if ((Direction)direction == Direction.ToBroker)
            {
                bool Sent() { lock (backend.Received) return backend.Received.Any(r => r.Payload == "half-sent"); }
                Assert.IsTrue(device.RunUntil(Sent, 5000), "the message went again after reconnecting");
            }
            else Assert.IsTrue(device.RunUntil(() => device.Deliveries.Contains("half-received"), 5000), "the broker sent it again after reconnecting");
        }

        [TestMethod]
        [DataRow("mqttnet")]
        [DataRow("mosquitto")]
        public async Task HalfOpenLinkIsDetectedByKeepAliveAndRecovered(string brokerName)
        {
            await using var broker = await Start(brokerName);
            await using var proxy = new FaultProxy(broker.Port);
            using var device = new TestDevice(MqttVersion.V500, proxy.Port);
            device.Session.KeepAliveSeconds = 1;
            device.PowerOn();
            Assert.IsTrue(device.Online(), device.Driver.LastError);
            proxy.BlackHole = true;
            Assert.IsTrue(device.RunUntil(() => device.Driver.State != LinkState.Online, 4000), "keep-alive noticed the dead link");
            StringAssert.Contains(device.Driver.LastError, "keep-alive");
            proxy.BlackHole = false;
            proxy.CutNow();
            Assert.IsTrue(device.RunUntil(() => device.Driver.State == LinkState.Online, 10000), device.Driver.LastError);
            Assert.IsTrue(device.LastSessionPresent);
        }

        /// <summary>A hostile "broker": accepts, then sends whatever bytes the test gives it.</summary>
        private static async Task<(int Port, TcpListener Listener, Task Loop)> Hostile(byte[] reply, CancellationToken stop)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var loop = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var client = await listener.AcceptTcpClientAsync(stop);
                    var s = client.GetStream();
                    var buffer = new byte[1024];
                    _ = await s.ReadAsync(buffer, stop); // the CONNECT; its content does not matter
                    await s.WriteAsync(reply, stop);
                    await Task.Delay(200, stop);
                }
            }, stop);
            await Task.Yield();
            return (port, listener, loop);
        }

        [TestMethod]
        [DataRow("30 FF FF FF FF 7F", "malformed remaining length")]
        [DataRow("20 02 00 00 90 FF FF 7F 00 01 00", "larger than the maximum packet size")]
        [DataRow("20 02 00 00 30 05 00 02 C3 28 00", "invalid UTF-8")]
        [DataRow("20 02 00 00 10 00", "only clients send")]
        public async Task HostileBrokerGetsDroppedWithAReasonAndBackoff(string hex, string reason)
        {
            using var stop = new CancellationTokenSource();
            var (port, listener, loop) = await Hostile(Convert.FromHexString(hex.Replace(" ", "")), stop.Token);
            using var device = new TestDevice(MqttVersion.V311, port);
            device.Driver.SetNetworkAvailable(true);
            Assert.IsTrue(device.RunUntil(() => device.Driver.LastError != null && device.Driver.LastError.Contains(reason), 5000), device.Driver.LastError);
            Assert.AreEqual(LinkState.BackingOff, device.Driver.State);
            // The failure went through the backoff (full jitter may draw 0 ms, so the time says nothing).
            Assert.IsTrue(device.Driver.Backoff.Attempt >= 1, "the backoff counted the failure");
            int attempts = device.Driver.Attempts;
            Assert.IsTrue(device.RunUntil(() => device.Driver.Attempts > attempts, 3000), "it tries again after the backoff");
            stop.Cancel();
            listener.Stop();
        }
    }
}

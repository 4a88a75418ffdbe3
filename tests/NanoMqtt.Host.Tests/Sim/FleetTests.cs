using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Host.Tests.Brokers;

namespace NanoMqtt.Host.Tests.Sim
{
    /// <summary>The fleet storm against Mosquitto: every device resumes its session, no queued command lost.</summary>
    [TestClass]
    public class FleetTests
    {
        [TestMethod]
        public async Task StormOf100DevicesLosesNothing()
        {
            MosquittoBroker.RequireInstalled();
            await using var broker = new MosquittoBroker(persistence: false, maxQueuedMessages: 10000);
            await broker.StartAsync();
            var output = new StringWriter();
            bool passed = await NanoMqtt.Sim.Fleet.StormAsync(100, "127.0.0.1", broker.Port, output, outageMs: 2000);
            System.Console.WriteLine(output.ToString());
            Assert.IsTrue(passed, output.ToString());
            StringAssert.Contains(output.ToString(), "commands lost or applied twice: 0 device(s)");
        }
    }
}

using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoMqtt.Host.Tests.Sim
{
    /// <summary>The virtual device's narrated walkthrough must pass every step it narrates.</summary>
    [TestClass]
    public class DemoTests
    {
        [TestMethod]
        public async Task DemoPasses()
        {
            var output = new StringWriter();
            bool passed = await NanoMqtt.Sim.Demo.RunAsync(output);
            System.Console.WriteLine(output.ToString());
            Assert.IsTrue(passed, output.ToString());
            StringAssert.Contains(output.ToString(), "demo passed");
        }
    }
}

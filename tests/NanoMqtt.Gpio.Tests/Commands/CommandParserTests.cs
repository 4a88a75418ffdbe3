using nanoFramework.TestFramework;
using NanoMqtt.Commands;
using NanoMqtt.Protocol;

namespace NanoMqtt.Tests.Commands
{
    [TestClass]
    public class CommandParserTests
    {
        [TestMethod]
        [DataRow("on", (int)CommandKind.On, 0)]
        [DataRow("ON", (int)CommandKind.On, 0)]
        [DataRow("1", (int)CommandKind.On, 0)]
        [DataRow("True", (int)CommandKind.On, 0)]
        [DataRow("off", (int)CommandKind.Off, 0)]
        [DataRow("Off", (int)CommandKind.Off, 0)]
        [DataRow("0", (int)CommandKind.Off, 0)]
        [DataRow("FALSE", (int)CommandKind.Off, 0)]
        [DataRow("toggle", (int)CommandKind.Toggle, 0)]
        [DataRow("TOGGLE", (int)CommandKind.Toggle, 0)]
        [DataRow("pulse:200", (int)CommandKind.Pulse, 200)]
        [DataRow("Pulse:1", (int)CommandKind.Pulse, 1)]
        [DataRow("pulse:60000", (int)CommandKind.Pulse, 60000)]
        public void ValidCommands(string payload, int kind, int ms)
        {
            CommandKind k;
            int pulse;
            Assert.AreEqual((int)CommandError.None, (int)CommandParser.Parse(Slice.FromString(payload), out k, out pulse));
            Assert.AreEqual(kind, (int)k);
            Assert.AreEqual(ms, pulse);
        }

        [TestMethod]
        [DataRow("", (int)CommandError.BadPayload)]
        [DataRow("onn", (int)CommandError.BadPayload)]
        [DataRow("o", (int)CommandError.BadPayload)]
        [DataRow("2", (int)CommandError.BadPayload)]
        [DataRow(" on", (int)CommandError.BadPayload)]
        [DataRow("pulse:", (int)CommandError.BadPulse)]
        [DataRow("pulse:0", (int)CommandError.BadPulse)]
        [DataRow("pulse:60001", (int)CommandError.BadPulse)]
        [DataRow("pulse:99999", (int)CommandError.BadPulse)]
        [DataRow("pulse:1a", (int)CommandError.BadPulse)]
        [DataRow("pulse:-5", (int)CommandError.BadPulse)]
        [DataRow("pulse:000001", (int)CommandError.TooLong)]
        [DataRow("on and on and on", (int)CommandError.TooLong)]
        public void RejectedPayloads(string payload, int error)
        {
            CommandKind k;
            int pulse;
            Assert.AreEqual(error, (int)CommandParser.Parse(Slice.FromString(payload), out k, out pulse));
            Assert.AreEqual((int)CommandKind.None, (int)k);
        }
    }
}

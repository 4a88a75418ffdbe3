using nanoFramework.TestFramework;
using NanoMqtt.Commands;
using NanoMqtt.Protocol;

namespace NanoMqtt.Tests.Commands
{
    [TestClass]
    public class CommandTopicTests
    {
        private static CommandTopic Topics()
        {
            return new CommandTopic("nanomqtt/dev1", new string[] { "relay", "led", "relay2" });
        }

        [TestMethod]
        [DataRow("nanomqtt/dev1/out/relay/set", 0)]
        [DataRow("nanomqtt/dev1/out/led/set", 1)]
        [DataRow("nanomqtt/dev1/out/relay2/set", 2)]
        public void MatchesOutputs(string topic, int index)
        {
            CommandError e;
            Assert.AreEqual(index, Topics().Match(Slice.FromString(topic), out e));
            Assert.AreEqual((int)CommandError.None, (int)e);
        }

        [TestMethod]
        [DataRow("nanomqtt/dev1/out/fan/set", (int)CommandError.UnknownOutput)]
        [DataRow("nanomqtt/dev1/out/rel/set", (int)CommandError.UnknownOutput)]
        [DataRow("nanomqtt/dev1/out/relay/sub/set", (int)CommandError.UnknownOutput)]
        [DataRow("nanomqtt/dev2/out/relay/set", (int)CommandError.WrongTopic)]
        [DataRow("nanomqtt/dev1/out/relay/get", (int)CommandError.WrongTopic)]
        [DataRow("nanomqtt/dev1/out/relay", (int)CommandError.WrongTopic)]
        [DataRow("nanomqtt/dev1/out//set", (int)CommandError.WrongTopic)]
        [DataRow("nanomqtt/dev1/in/relay/set", (int)CommandError.WrongTopic)]
        [DataRow("x", (int)CommandError.WrongTopic)]
        public void RejectsOtherTopics(string topic, int error)
        {
            CommandError e;
            Assert.AreEqual(-1, Topics().Match(Slice.FromString(topic), out e));
            Assert.AreEqual(error, (int)e);
        }
    }
}

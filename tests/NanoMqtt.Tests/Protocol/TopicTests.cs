using nanoFramework.TestFramework;
using NanoMqtt.Protocol;

namespace NanoMqtt.Tests.Protocol
{
    [TestClass]
    public class TopicTests
    {
        [TestMethod]
        [DataRow("a/b", true)]
        [DataRow("#", true)]
        [DataRow("a/#", true)]
        [DataRow("+", true)]
        [DataRow("+/b/+", true)]
        [DataRow("/", true)]
        [DataRow("$share/g/a/+", true)]
        [DataRow("", false)]
        [DataRow("a#", false)]
        [DataRow("a/#/b", false)]
        [DataRow("a+/b", false)]
        [DataRow("a/b+", false)]
        [DataRow("##", false)]
        public void FilterRules(string filter, bool valid)
        {
            Assert.AreEqual(valid, Topic.IsValidFilter(Slice.FromString(filter)));
        }

        [TestMethod]
        [DataRow("nanomqtt/dev/out/led/set", true)]
        [DataRow("a/+", false)]
        [DataRow("#", false)]
        [DataRow("", true)]
        public void NameRules(string name, bool valid)
        {
            Assert.AreEqual(valid, Topic.IsValidName(Slice.FromString(name)));
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Protocol;

namespace NanoMqtt.Tests.Protocol
{
    [TestClass]
    public class SliceTableTests
    {
        [TestMethod]
        public void EntriesStartAbsentAndKeepWhatIsSet()
        {
            SliceTable t = new SliceTable(3);
            Assert.AreEqual(3, t.Capacity);
            Assert.IsTrue(t.Get(0).IsAbsent);
            byte[] b = new byte[] { 1, 2, 3, 4 };
            t.Set(1, new Slice(b, 1, 2));
            Slice s = t.Get(1);
            Assert.AreSame(b, s.Array);
            Assert.AreEqual(1, s.Offset);
            Assert.AreEqual(2, s.Length);
            Assert.IsTrue(t.Get(2).IsAbsent);
            t.Set(1, new Slice());
            Assert.IsTrue(t.Get(1).IsAbsent);
        }

        [TestMethod]
        public void UserPropertiesWithoutCapacityAreCountedAsDropped()
        {
            Properties p = new Properties(0, 0);
            Assert.IsFalse(p.AddUserProperty(Slice.FromString("k"), Slice.FromString("v")));
            Assert.AreEqual(1, p.UserPropertiesDropped);
            Assert.AreEqual(0, p.UserPropertyCount);
        }
    }
}

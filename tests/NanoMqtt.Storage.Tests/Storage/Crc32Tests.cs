using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Storage;

namespace NanoMqtt.Tests.Storage
{
    [TestClass]
    public class Crc32Tests
    {
        [TestMethod]
        public void CheckValueOfTheStandard()
        {
            Slice s = Slice.FromString("123456789");
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(s.Array, 0, s.Length));
        }

        [TestMethod]
        public void UpdateContinuesAcrossPieces()
        {
            Slice s = Slice.FromString("123456789");
            Assert.AreEqual(0xCBF43926u, Crc32.Update(Crc32.Compute(s.Array, 0, 4), s.Array, 4, 5));
            Assert.AreEqual(0u, Crc32.Compute(s.Array, 0, 0));
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Protocol;

namespace NanoMqtt.Tests.Protocol
{
    /// <summary>An absent slice (no array) is equal only to another absent one, or to a null string, and reads as null.</summary>
    [TestClass]
    public class SliceTests
    {
        [TestMethod]
        public void AbsentSlicesCompareOnlyWithAbsentOnes()
        {
            Slice absent = new Slice();
            Slice empty = Slice.Of(new byte[0]);
            Slice ab = Slice.FromString("ab");
            Assert.IsTrue(absent.IsAbsent);
            Assert.IsFalse(empty.IsAbsent);
            Assert.IsTrue(absent.ContentEquals(new Slice()));
            Assert.IsFalse(absent.ContentEquals(ab));
            Assert.IsFalse(ab.ContentEquals(absent));
            Assert.IsTrue(absent.ContentEquals((string)null));
            Assert.IsFalse(absent.ContentEquals("ab"));
            Assert.IsFalse(ab.ContentEquals((string)null));
            Assert.IsNull(absent.ToString());
            Assert.AreEqual(0, Slice.Of(null).Length);
        }

        [TestMethod]
        public void ContentNotPositionDecidesEquality()
        {
            byte[] bytes = new byte[] { 0x78, 0x61, 0x62, 0x79 };
            Slice inner = new Slice(bytes, 1, 2);
            Assert.IsTrue(inner.ContentEquals(Slice.FromString("ab")));
            Assert.IsTrue(inner.ContentEquals("ab"));
            Assert.IsFalse(inner.ContentEquals("abc"));
            Assert.IsFalse(inner.ContentEquals(Slice.FromString("ax")));
            Assert.AreEqual("ab", inner.ToString());
            Assert.AreEqual((byte)0x62, inner[1]);
        }
    }
}

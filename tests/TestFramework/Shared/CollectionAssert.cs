using System.Collections;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>Asserts on collections, as in nanoFramework.TestFramework 3.x.</summary>
    public sealed class CollectionAssert
    {
        /// <summary>Fails unless the collection has no elements.</summary>
        public static void Empty(ICollection collection, string message = "")
        {
            Assert.IsNotNull(collection, message);
            if (collection.Count != 0) Fail("CollectionAssert.Empty", "Collection is not empty", message);
        }

        /// <summary>Fails unless the collection has elements.</summary>
        public static void NotEmpty(ICollection collection, string message = "")
        {
            Assert.IsNotNull(collection, message);
            if (collection.Count == 0) Fail("CollectionAssert.NotEmpty", "Collection is empty", message);
        }

        /// <summary>Fails unless both have the same count and equal elements in order.</summary>
        public static void AreEqual(ICollection expected, ICollection actual, string message = "")
        {
            string reason = Difference(expected, actual);
            if (reason != null) Fail("CollectionAssert.AreEqual", reason, message);
        }

        /// <summary>Fails when both have the same count and equal elements in order.</summary>
        public static void AreNotEqual(ICollection notExpected, ICollection actual, string message = "")
        {
            if (Difference(notExpected, actual) == null) Fail("CollectionAssert.AreNotEqual", "Collections are equal", message);
        }

        private static string Difference(ICollection expected, ICollection actual)
        {
            if (expected == null || actual == null) return expected == actual ? null : "One collection is null";
            if (expected.Count != actual.Count) return "Different number of elements";
            IEnumerator e = expected.GetEnumerator();
            IEnumerator a = actual.GetEnumerator();
            int index = 0;
            while (e.MoveNext() && a.MoveNext())
            {
                if (!Equals(e.Current, a.Current)) return "Element at index " + index + " do not match";
                index++;
            }
            return null;
        }

        private static void Fail(string assertion, string reason, string message)
        {
            throw new AssertFailedException(assertion + " failed. " + message + "(" + reason + ")");
        }
    }
}

using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Array helpers of the nanoFramework test API.</summary>
    public static class TestExtensions
    {
        /// <summary>Same length, and each element of the same type and value.</summary>
        public static bool SequenceEqual(this Array a, Array b)
        {
            if (a == null || b == null || a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                object x = a.GetValue(i);
                object y = b.GetValue(i);
                if (x == null || y == null)
                {
                    if (x != y) return false;
                    continue;
                }
                if (x.GetType() != y.GetType() || !x.Equals(y)) return false;
            }
            return true;
        }
    }
}

using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Thrown by <see cref="Assert.SkipTest"/>: the test (or, from a Setup, the class) is skipped.</summary>
    public class SkipTestException : Exception
    {
        /// <summary>A skip with an optional reason.</summary>
        public SkipTestException(string message = null, Exception innerException = null)
            : base(message, innerException)
        {
        }
    }
}

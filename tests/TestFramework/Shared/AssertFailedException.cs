using System;

namespace TestFrameworkShared
{
    /// <summary>Thrown by a failing assert (same namespace as in nanoFramework.TestFramework).</summary>
    public class AssertFailedException : Exception
    {
        /// <summary>With a message and the exception that caused the failure.</summary>
        public AssertFailedException(string msg, Exception ex)
            : base(msg, ex)
        {
        }

        /// <summary>With a message.</summary>
        public AssertFailedException(string msg)
            : base(msg)
        {
        }

        /// <summary>Without a message.</summary>
        public AssertFailedException()
        {
        }
    }
}

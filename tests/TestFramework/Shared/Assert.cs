using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// The assert API of nanoFramework.TestFramework 3.x with its exact signatures, implemented on
    /// nano mscorlib alone so the same code runs under MSTest and compiles in the nano check.
    /// </summary>
    public sealed partial class Assert
    {
        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(expected.Equals(actual))) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(expected.Equals(actual))) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(char expected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(expected.Equals(actual))) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(expected.Equals(actual))) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(double expected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(expected.Equals(actual))) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(float expected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(expected.Equals(actual))) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(expected.Equals(actual))) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(expected.Equals(actual))) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(Equals(expected, actual))) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(expected.Equals(actual))) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(short expected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(expected.Equals(actual))) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(string.Compare(expected, actual) == 0)) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(expected.Equals(actual))) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(expected.Equals(actual))) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!(expected.Equals(actual))) HandleAreEqualFail(expected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(bool notExpected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected.Equals(actual)) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(byte notExpected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected.Equals(actual)) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(char notExpected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected.Equals(actual)) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(DateTime notExpected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected.Equals(actual)) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(double notExpected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected.Equals(actual)) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(float notExpected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected.Equals(actual)) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected.Equals(actual)) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected.Equals(actual)) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(sbyte notExpected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected.Equals(actual)) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(short notExpected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected.Equals(actual)) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(string notExpected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (string.Compare(notExpected, actual) == 0) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(uint notExpected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected.Equals(actual)) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(ulong notExpected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected.Equals(actual)) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(ushort notExpected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected.Equals(actual)) HandleAreNotEqualFail(notExpected, actual, message);
        }

        /// <summary>Fails unless both references are the same object.</summary>
        public static void AreSame(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!ReferenceEquals(expected, actual)) HandleFail("Assert.AreSame", message);
        }

        /// <summary>Fails when both references are the same object.</summary>
        public static void AreNotSame(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (ReferenceEquals(notExpected, actual)) HandleFail("Assert.AreNotSame", message);
        }

        /// <summary>Fails unless <paramref name="value"/> contains <paramref name="expected"/>.</summary>
        public static void Contains(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            EnsureParameterIsNotNull(value, "Assert.Contains");
            if (value.IndexOf(expected) < 0) HandleFail("Assert.Contains", "String '" + value + "' does not contain '" + expected + "'. " + message);
        }

        /// <summary>Fails when <paramref name="value"/> contains <paramref name="notExpected"/>.</summary>
        public static void DoesNotContains(string notExpected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            EnsureParameterIsNotNull(value, "Assert.DoesNotContains");
            if (value.IndexOf(notExpected) >= 0) HandleFail("Assert.DoesNotContains", "String '" + value + "' contains '" + notExpected + "'. " + message);
        }

        /// <summary>Fails unless <paramref name="value"/> ends with <paramref name="expected"/>.</summary>
        public static void EndsWith(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            EnsureParameterIsNotNull(value, "Assert.EndsWith");
            if (!value.EndsWith(expected)) HandleFail("Assert.EndsWith", "String '" + value + "' does not end with '" + expected + "'. " + message);
        }

        /// <summary>Fails unless <paramref name="value"/> starts with <paramref name="expected"/>.</summary>
        public static void StartsWith(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            EnsureParameterIsNotNull(value, "Assert.StartsWith");
            if (!value.StartsWith(expected)) HandleFail("Assert.StartsWith", "String '" + value + "' does not start with '" + expected + "'. " + message);
        }

        /// <summary>Fails unless the condition is false.</summary>
        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (condition) HandleFail("Assert.IsFalse", message);
        }

        /// <summary>Fails unless the condition is true.</summary>
        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (!condition) HandleFail("Assert.IsTrue", message);
        }

        /// <summary>Fails unless the value's exact type is <paramref name="expected"/>.</summary>
        public static void IsInstanceOfType(object value, Type expected, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            EnsureParameterIsNotNull(value, "Assert.IsInstanceOfType");
            if (expected != value.GetType()) HandleFail("Assert.IsInstanceOfType", message);
        }

        /// <summary>Fails when the value's exact type is <paramref name="notExpected"/>.</summary>
        public static void IsNotInstanceOfType(object value, Type notExpected, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null && notExpected == value.GetType()) HandleFail("Assert.IsNotInstanceOfType", message);
        }

        /// <summary>Fails when the value is null.</summary>
        public static void IsNotNull([NotNull] object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null) HandleFail("Assert.IsNotNull", message);
        }

        /// <summary>Fails unless the value is null.</summary>
        public static void IsNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null) HandleFail("Assert.IsNull", message);
        }

        /// <summary>Skips the test; from a Setup method, skips the whole class.</summary>
        [DoesNotReturn]
        public static void SkipTest(string message = null)
        {
            throw new SkipTestException(message);
        }

        /// <summary>Fails unless <paramref name="action"/> throws exactly <paramref name="exception"/>.</summary>
        public static void ThrowsException(Type exception, Action action, [CallerArgumentExpression(nameof(action))] string message = "")
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                if (exception != ex.GetType())
                    HandleFail("Assert.ThrowsException", "Threw exception " + ex.GetType().Name + ", but exception " + exception.Name + " was expected. " + message);
                return;
            }
            HandleFail("Assert.ThrowsException", "No exception thrown. " + exception.Name + " exception was expected. " + message);
        }

        internal static void EnsureParameterIsNotNull(object value, string assertion)
        {
            if (value == null) HandleFail(assertion, "Parameter is null");
        }

        [DoesNotReturn]
        internal static void HandleFail(string assertion, string message)
        {
            throw new AssertFailedException(assertion + " failed. " + ReplaceNullChars(message));
        }

        internal static string ReplaceNulls(object input)
        {
            return input == null ? "(null)" : ReplaceNullChars(input.ToString());
        }

        internal static string ReplaceNullChars(string input)
        {
            return input == null ? string.Empty : input;
        }

        private static void HandleAreEqualFail(object expected, object actual, string message)
        {
            HandleFail("Assert.AreEqual", "Expected:<" + ReplaceNulls(expected) + ">. Actual:<" + ReplaceNulls(actual) + ">. " + message);
        }

        private static void HandleAreNotEqualFail(object notExpected, object actual, string message)
        {
            HandleFail("Assert.AreNotEqual", "Expected any value except:<" + ReplaceNulls(notExpected) + ">. Actual:<" + ReplaceNulls(actual) + ">. " + message);
        }
    }
}

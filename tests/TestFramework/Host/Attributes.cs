using System;
using System.Threading.Tasks;
using MS = Microsoft.VisualStudio.TestTools.UnitTesting;

// The nanoFramework.TestFramework attributes, derived from MSTest's so MSTest discovers the
// nano-dialect tests; the test method attribute hands execution to NanoTestRunner.
namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class that holds tests.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : MS.TestClassAttribute
    {
    }

    /// <summary>Marks a test method; runs it the way the nano launcher does.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : MS.TestMethodAttribute
    {
        /// <summary>Records where the test is declared, as MSTest requires.</summary>
        public TestMethodAttribute([System.Runtime.CompilerServices.CallerFilePath] string callerFilePath = "", [System.Runtime.CompilerServices.CallerLineNumber] int callerLineNumber = -1)
            : base(callerFilePath, callerLineNumber)
        {
        }

        /// <inheritdoc/>
        public override Task<MS.TestResult[]> ExecuteAsync(MS.ITestMethod testMethod)
        {
            return Task.FromResult(new[] { NanoTestRunner.Run(testMethod.MethodInfo, testMethod.Arguments) });
        }
    }

    /// <summary>Runs once before the class's tests.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class SetupAttribute : Attribute
    {
    }

    /// <summary>Runs once after the class's tests.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class CleanupAttribute : Attribute
    {
    }

    /// <summary>Runs the test method once with these arguments.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : MS.DataRowAttribute
    {
        /// <summary>The arguments, passed as they are.</summary>
        public object[] MethodParameters { get; }

        /// <summary>A row of arguments; at least one.</summary>
        public DataRowAttribute(params object[] methodParameters)
            : base(methodParameters)
        {
            if (methodParameters == null) throw new ArgumentNullException(nameof(methodParameters), "methodParameters can not be null");
            if (methodParameters.Length == 0) throw new ArgumentException("methodParameters can not be empty");
            MethodParameters = methodParameters;
        }
    }
}

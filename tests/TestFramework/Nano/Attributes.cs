using System;

// The attributes exactly as nanoFramework.TestFramework 3.x declares them, for the nano build of
// the tests. The host build maps them onto MSTest instead (Host/Attributes.cs).
namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class that holds tests.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
        /// <summary>Lets a derived attribute substitute the test method attribute.</summary>
        public virtual TestMethodAttribute GetTestMethodAttribute(TestMethodAttribute testMethodAttribute)
        {
            return testMethodAttribute;
        }
    }

    /// <summary>Marks a test method.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
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
    public class DataRowAttribute : Attribute
    {
        /// <summary>The arguments, passed as they are.</summary>
        public object[] MethodParameters { get; }

        /// <summary>A row of arguments; at least one.</summary>
        public DataRowAttribute(params object[] methodParameters)
        {
            if (methodParameters == null) throw new ArgumentNullException("methodParameters can not be null");
            if (methodParameters.Length == 0) throw new ArgumentException("methodParameters can not be empty");
            MethodParameters = methodParameters;
        }
    }
}

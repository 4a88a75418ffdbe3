using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano = nanoFramework.TestFramework;

// The sample classes are driven through the adapter on purpose, not discovered by MSTest.
#pragma warning disable MSTEST0030

namespace NanoMqtt.Build.Tests;

/// <summary>
/// The host adapter must give nano-dialect tests the nano launcher's semantics and must turn a
/// failing nano assert into a failed MSTest result. The sample classes below carry no [TestClass],
/// so MSTest does not run them on its own; these tests drive them through the adapter.
/// </summary>
[TestClass]
public class TestAdapterTests
{
    private sealed class FakeTestMethod : ITestMethod
    {
        public FakeTestMethod(MethodInfo method, object?[]? arguments)
        {
            MethodInfo = method;
            Arguments = arguments;
        }

        public string TestMethodName => MethodInfo.Name;
        public string TestClassName => MethodInfo.DeclaringType!.FullName!;
        public Type ReturnType => MethodInfo.ReturnType;
        public object?[]? Arguments { get; }
        public ParameterInfo[] ParameterTypes => MethodInfo.GetParameters();
        public MethodInfo MethodInfo { get; }
        public Attribute[]? GetAllAttributes() => MethodInfo.GetCustomAttributes().ToArray();
        public TAttributeType[] GetAttributes<TAttributeType>() where TAttributeType : Attribute => MethodInfo.GetCustomAttributes<TAttributeType>().ToArray();
        public Task<TestResult> InvokeAsync(object?[]? arguments) => throw new NotSupportedException("the adapter invokes tests itself");
    }

    private static TestResult Run(Type type, string method, params object[]? arguments)
    {
        var info = type.GetMethod(method)!;
        var attribute = info.GetCustomAttribute<Nano.TestMethodAttribute>()!;
        return attribute.ExecuteAsync(new FakeTestMethod(info, arguments)).GetAwaiter().GetResult().Single();
    }

    public class Passing
    {
        public static int SetupRuns;
        public static int CleanupRuns;
        public static string Log = "";

        [Nano.Setup]
        public void Setup() { SetupRuns++; Log += "S"; }

        [Nano.TestMethod]
        public void First() { Log += "1"; Nano.Assert.AreEqual(1, SetupRuns); }

        [Nano.TestMethod]
        [Nano.DataRow(2, "two")]
        [Nano.DataRow(3, "three")]
        public void Rows(int n, string name) { Log += n; Nano.Assert.IsTrue(name.Length > 2); }

        [Nano.Cleanup]
        public void Cleanup() { CleanupRuns++; Log += "C"; }
    }

    public class Failing
    {
        [Nano.TestMethod]
        public void AssertFails() { Nano.Assert.AreEqual(1, 2); }

        [Nano.TestMethod]
        public void Throws() { throw new InvalidOperationException("boom"); }

        [Nano.TestMethod]
        public void Skips() { Nano.Assert.SkipTest("not on this board"); }
    }

    public class SkippedBySetup
    {
        public static int Ran;

        [Nano.Setup]
        public void Setup() { Nano.Assert.SkipTest("no hardware"); }

        [Nano.TestMethod]
        public void Never() { Ran++; }
    }

    public class SetupFails
    {
        [Nano.Setup]
        public void Setup() { throw new InvalidOperationException("setup broke"); }

        [Nano.TestMethod]
        public void Body() { }
    }

    [TestMethod]
    public void SetupOnceBeforeAndCleanupOnceAfterTheClass()
    {
        Assert.AreEqual(UnitTestOutcome.Passed, Run(typeof(Passing), nameof(Passing.First)).Outcome);
        Assert.AreEqual(0, Passing.CleanupRuns, "cleanup waits for the last test");
        Assert.AreEqual(UnitTestOutcome.Passed, Run(typeof(Passing), nameof(Passing.Rows), 2, "two").Outcome);
        Assert.AreEqual(UnitTestOutcome.Passed, Run(typeof(Passing), nameof(Passing.Rows), 3, "three").Outcome);
        Assert.AreEqual(1, Passing.SetupRuns);
        Assert.AreEqual(1, Passing.CleanupRuns);
        Assert.AreEqual("S123C", Passing.Log);
    }

    [TestMethod]
    public void FailingNanoAssertFailsTheTest()
    {
        var result = Run(typeof(Failing), nameof(Failing.AssertFails));
        Assert.AreEqual(UnitTestOutcome.Failed, result.Outcome);
        Assert.IsInstanceOfType<TestFrameworkShared.AssertFailedException>(result.TestFailureException);
        StringAssert.Contains(result.TestFailureException!.Message, "Expected:<1>. Actual:<2>");
    }

    [TestMethod]
    public void ExceptionFailsTheTest()
    {
        var result = Run(typeof(Failing), nameof(Failing.Throws));
        Assert.AreEqual(UnitTestOutcome.Failed, result.Outcome);
        Assert.AreEqual("boom", result.TestFailureException!.Message);
    }

    [TestMethod]
    public void SkipTestIsNotAPass()
    {
        Assert.AreEqual(UnitTestOutcome.Inconclusive, Run(typeof(Failing), nameof(Failing.Skips)).Outcome);
    }

    [TestMethod]
    public void SkipInSetupSkipsTheClass()
    {
        Assert.AreEqual(UnitTestOutcome.Inconclusive, Run(typeof(SkippedBySetup), nameof(SkippedBySetup.Never)).Outcome);
        Assert.AreEqual(0, SkippedBySetup.Ran);
    }

    [TestMethod]
    public void FailingSetupFailsTheTests()
    {
        var result = Run(typeof(SetupFails), nameof(SetupFails.Body));
        Assert.AreEqual(UnitTestOutcome.Failed, result.Outcome);
        StringAssert.Contains(result.TestFailureException!.Message, "setup broke");
    }

    [TestMethod]
    public void ThrowsExceptionWantsTheExactType()
    {
        Nano.Assert.ThrowsException(typeof(InvalidOperationException), () => throw new InvalidOperationException());
        Assert.ThrowsExactly<TestFrameworkShared.AssertFailedException>(() =>
            Nano.Assert.ThrowsException(typeof(Exception), () => throw new InvalidOperationException()));
        Assert.ThrowsExactly<TestFrameworkShared.AssertFailedException>(() =>
            Nano.Assert.ThrowsException(typeof(Exception), () => { }));
    }

    [TestMethod]
    public void CollectionAssertComparesElements()
    {
        Nano.CollectionAssert.AreEqual(new[] { 1, 2 }, new[] { 1, 2 });
        Assert.ThrowsExactly<TestFrameworkShared.AssertFailedException>(() => Nano.CollectionAssert.AreEqual(new[] { 1, 2 }, new[] { 2, 1 }));
        Assert.ThrowsExactly<TestFrameworkShared.AssertFailedException>(() => Nano.CollectionAssert.Empty(new[] { 1 }));
        Nano.CollectionAssert.NotEmpty(new[] { 1 });
    }
}

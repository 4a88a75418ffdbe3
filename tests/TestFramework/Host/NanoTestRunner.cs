using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using MS = Microsoft.VisualStudio.TestTools.UnitTesting;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// Gives nano-dialect tests the nanoFramework launcher's semantics under MSTest: no constructor
    /// runs and every method of a class shares one receiver (the launcher passes a null 'this', so
    /// state lives in static fields); [Setup] runs once before the class's first test, [Cleanup]
    /// once after its last; a Setup that skips skips the whole class.
    /// </summary>
    internal static class NanoTestRunner
    {
        private sealed class ClassState
        {
            public object Receiver;
            public string SetupFailure;
            public string SkipReason;
            public int Remaining;
            public bool CleanedUp;
        }

        private static readonly Dictionary<Type, ClassState> Classes = new();
        private static readonly object Gate = new();

        static NanoTestRunner()
        {
            // When a filter runs only some tests the class's last test never comes: clean up at exit.
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                lock (Gate)
                {
                    foreach (var pair in Classes) RunCleanup(pair.Key, pair.Value);
                }
            };
        }

        public static MS.TestResult Run(MethodInfo method, object[] arguments)
        {
            lock (Gate)
            {
                Type type = method.DeclaringType;
                ClassState state = Prepare(type);
                var result = new MS.TestResult { DisplayName = method.Name };
                var watch = Stopwatch.StartNew();
                var output = new System.IO.StringWriter();
                var console = Console.Out;
                Console.SetOut(output);
                try
                {
                    if (state.SkipReason != null)
                    {
                        result.Outcome = MS.UnitTestOutcome.Inconclusive;
                        result.TestFailureException = new SkipTestException("Setup skipped the class: " + state.SkipReason);
                        return result;
                    }
                    Exception failure = Invoke(method, state.Receiver, arguments);
                    if (failure is SkipTestException)
                    {
                        result.Outcome = MS.UnitTestOutcome.Inconclusive;
                        result.TestFailureException = failure;
                    }
                    else if (failure != null)
                    {
                        result.Outcome = MS.UnitTestOutcome.Failed;
                        result.TestFailureException = failure;
                    }
                    else if (state.SetupFailure != null)
                    {
                        result.Outcome = MS.UnitTestOutcome.Failed;
                        result.TestFailureException = new TestFrameworkShared.AssertFailedException("Setup failed: " + state.SetupFailure);
                    }
                    else
                    {
                        result.Outcome = MS.UnitTestOutcome.Passed;
                    }
                }
                finally
                {
                    Console.SetOut(console);
                    result.LogOutput = output.ToString();
                    result.Duration = watch.Elapsed;
                    if (--state.Remaining == 0)
                    {
                        string cleanupFailure = RunCleanup(type, state);
                        if (cleanupFailure != null && result.Outcome == MS.UnitTestOutcome.Passed)
                        {
                            result.Outcome = MS.UnitTestOutcome.Failed;
                            result.TestFailureException = new TestFrameworkShared.AssertFailedException("Cleanup failed: " + cleanupFailure);
                        }
                    }
                }
                return result;
            }
        }

        private static ClassState Prepare(Type type)
        {
            if (Classes.TryGetValue(type, out var state)) return state;
            state = new ClassState
            {
                Receiver = type.IsAbstract ? null : RuntimeHelpers.GetUninitializedObject(type),
                Remaining = CountRuns(type),
            };
            Classes[type] = state;
            foreach (var setup in Marked(type, typeof(SetupAttribute)))
            {
                Exception failure = Invoke(setup, state.Receiver, null);
                if (failure is SkipTestException)
                {
                    state.SkipReason = failure.Message;
                    break;
                }
                if (failure != null) state.SetupFailure = $"{setup.Name}: {failure.Message}";
            }
            return state;
        }

        private static string RunCleanup(Type type, ClassState state)
        {
            if (state.CleanedUp || state.SkipReason != null) return null;
            state.CleanedUp = true;
            string failures = null;
            foreach (var cleanup in Marked(type, typeof(CleanupAttribute)))
            {
                Exception failure = Invoke(cleanup, state.Receiver, null);
                if (failure != null && failure is not SkipTestException) failures += $"{cleanup.Name}: {failure.Message} ";
            }
            return failures;
        }

        private static int CountRuns(Type type)
        {
            int runs = 0;
            foreach (var m in type.GetMethods())
            {
                if (m.GetCustomAttribute<TestMethodAttribute>() == null) continue;
                runs += Math.Max(1, m.GetCustomAttributes<DataRowAttribute>().Count());
            }
            return runs;
        }

        private static IEnumerable<MethodInfo> Marked(Type type, Type attribute) =>
            type.GetMethods().Where(m => m.IsDefined(attribute, true));

        private static Exception Invoke(MethodInfo method, object receiver, object[] arguments)
        {
            try
            {
                method.Invoke(method.IsStatic ? null : receiver, arguments);
                return null;
            }
            catch (TargetInvocationException e)
            {
                return e.InnerException ?? e;
            }
            catch (Exception e)
            {
                return e;
            }
        }
    }
}

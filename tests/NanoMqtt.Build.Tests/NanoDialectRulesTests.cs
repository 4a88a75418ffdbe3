using System;
using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano = nanoFramework.TestFramework;

namespace NanoMqtt.Build.Tests;

/// <summary>
/// What the nano launcher does differently from MSTest, checked on the unit-test assembly: it never
/// constructs test classes (so they may not keep instance state), runs a [DataRow] method only
/// through its rows, and cannot read attributes with named arguments.
/// </summary>
[TestClass]
public class NanoDialectRulesTests
{
    private static readonly Type[] TestClasses = typeof(NanoMqtt.Tests.Support.Hex).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<Nano.TestClassAttribute>() != null)
        .ToArray();

    [TestMethod]
    public void UnitTestsExist() => Assert.IsTrue(TestClasses.Length >= 10, $"{TestClasses.Length} test classes");

    [TestMethod]
    public void TestClassesKeepNoInstanceState()
    {
        foreach (var type in TestClasses)
        {
            var fields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            Assert.AreEqual(0, fields.Length, $"{type.Name} has instance fields ({string.Join(", ", fields.Select(f => f.Name))}); the nano launcher calls tests with a null 'this': use static state");
        }
    }

    [TestMethod]
    public void DataRowMethodsAreTestMethods()
    {
        foreach (var method in TestClasses.SelectMany(t => t.GetMethods()))
        {
            if (method.GetCustomAttributes<Nano.DataRowAttribute>().Any())
                Assert.IsNotNull(method.GetCustomAttribute<Nano.TestMethodAttribute>(), $"{method.DeclaringType!.Name}.{method.Name}: add [TestMethod] so the host runs it too");
        }
    }

    [TestMethod]
    public void AttributesHaveNoNamedArguments()
    {
        foreach (var type in TestClasses)
        {
            var data = type.GetCustomAttributesData().Concat(type.GetMethods().SelectMany(m => m.GetCustomAttributesData()));
            foreach (var attribute in data)
                Assert.AreEqual(0, attribute.NamedArguments.Count, $"{type.Name}: [{attribute.AttributeType.Name}] uses named arguments, which nanoCLR cannot read");
        }
    }

    [TestMethod]
    public void TestMethodsArePublicAndReturnNothing()
    {
        foreach (var type in TestClasses)
        {
            foreach (var method in type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (method.GetCustomAttribute<Nano.TestMethodAttribute>() == null) continue;
                Assert.IsTrue(method.IsPublic, $"{type.Name}.{method.Name} must be public");
                Assert.AreEqual(typeof(void), method.ReturnType, $"{type.Name}.{method.Name} must return void");
            }
        }
    }
}

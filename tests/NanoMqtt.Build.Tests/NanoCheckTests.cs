using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoCheck;

namespace NanoMqtt.Build.Tests;

/// <summary>
/// Compiles small programs against nano mscorlib (as the nano check does) and shows the checker
/// catching each construct nanoFramework 1.x cannot run, while passing code that it can.
/// </summary>
[TestClass]
public class NanoCheckTests
{
    private static readonly MetadataReference Mscorlib = MetadataReference.CreateFromFile(BuildPaths.NanoMscorlib);

    private static byte[] Compile(string source, params MetadataReference[] extra)
    {
        var compilation = CSharpCompilation.Create(
            "Probe",
            new[] { CSharpSyntaxTree.ParseText(source) },
            new[] { Mscorlib }.Concat(extra),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new InvalidOperationException("probe does not compile: " + string.Join("; ", errors));
        return stream.ToArray();
    }

    private static ViolationKind[] Kinds(string source) =>
        NanoChecker.Check(Compile(source), new[] { "mscorlib" }).Select(v => v.Kind).Distinct().ToArray();

    private static void AssertCaught(ViolationKind kind, string source)
    {
        var kinds = Kinds(source);
        CollectionAssert.Contains(kinds, kind, $"expected {kind}, got [{string.Join(", ", kinds)}]");
    }

    [TestMethod]
    public void PlainNanoCodePasses()
    {
        const string source = @"
using System;
using System.Collections;
public delegate void Handler(int value);
public struct Point { public int X; }
public interface IPins { void Write(int pin, bool on); }
public sealed class Engine : IPins
{
    private readonly byte[] _buffer = new byte[16];
    private readonly int[][] _jagged = new int[][] { new int[1], new int[2] };
    private readonly ArrayList _list = new ArrayList();
    public event Handler Changed;
    public void Write(int pin, bool on) { lock (_list) { _list.Add(pin); } if (Changed != null) Changed(pin); }
    public string Describe(int n) { return $""n={n}"" + _buffer.Length + _jagged.Length; }
    public void Each(Action a) { a(); }
}";
        Assert.AreEqual(0, Kinds(source).Length);
    }

    [TestMethod]
    public void GenericTypeDefinitionIsCaught() =>
        AssertCaught(ViolationKind.GenericTypeDefinition, "public class Box<T> { public T Value; }");

    [TestMethod]
    public void GenericMethodDefinitionIsCaught() =>
        AssertCaught(ViolationKind.GenericMethodDefinition, "public static class Util { public static T Pick<T>(T a, T b) { return a; } }");

    [TestMethod]
    public void ActionOfTIsCaught() =>
        AssertCaught(ViolationKind.GenericInstantiation, "using System; public class C { public void Run(Action<int> a) { a(1); } }");

    [TestMethod]
    public void FuncOfTLocalIsCaught() =>
        AssertCaught(ViolationKind.GenericInstantiation, "using System; public class C { public int Run() { Func<int> f = () => 3; return f(); } }");

    [TestMethod]
    public void GenericFieldFromAnotherAssemblyIsCaught()
    {
        // A generic type the program brings itself (nano mscorlib has no List<T>).
        var source = "public class C { private Lib.Bag<int> _bag = new Lib.Bag<int>(); public object Get() { return _bag; } }";
        var library = Compile("namespace Lib { public class Bag<T> { } }");
        var image = Compile(source, MetadataReference.CreateFromImage(library));
        var kinds = NanoChecker.Check(image, new[] { "mscorlib", "Probe" }).Select(v => v.Kind).ToArray();
        CollectionAssert.Contains(kinds, ViolationKind.GenericInstantiation);
    }

    [TestMethod]
    public void CallOfAGenericMethodIsCaught() =>
        AssertCaught(ViolationKind.GenericInstantiation, "public class C { static T Id<T>(T x) { return x; } public int Run() { return Id(3); } }");

    [TestMethod]
    public void MultidimensionalArrayFieldIsCaught() =>
        AssertCaught(ViolationKind.MultidimensionalArray, "public class C { public int[,] Grid = new int[2, 2]; }");

    [TestMethod]
    public void MultidimensionalArrayLocalIsCaught() =>
        AssertCaught(ViolationKind.MultidimensionalArray, "public class C { public int Run() { var g = new byte[3, 3]; return g.Length; } }");

    [TestMethod]
    public void PointerIsCaught() =>
        AssertCaught(ViolationKind.UnsafeCode, "public unsafe class C { public int Read(int* p) { return *p; } }");

    [TestMethod]
    public void FixedStatementIsCaught() =>
        AssertCaught(ViolationKind.UnsafeCode, "public class C { public unsafe int Run(byte[] b) { fixed (byte* p = b) { return p[0]; } } }");

    [TestMethod]
    public void ForeignAssemblyReferenceIsCaught()
    {
        var library = Compile("namespace Lib { public class Thing { } }");
        var image = Compile("public class C { public object Make() { return new Lib.Thing(); } }", MetadataReference.CreateFromImage(library));
        var violations = NanoChecker.Check(image, new[] { "mscorlib" });
        Assert.IsTrue(violations.Any(v => v.Kind == ViolationKind.ForeignAssemblyReference && v.Where == "Probe"));
        Assert.AreEqual(0, NanoChecker.Check(image, new[] { "mscorlib", "Probe" }).Count, "an allowed reference passes");
    }

    [TestMethod]
    public void AStringTablePastTheProcessorsLimitIsCaught()
    {
        // 700 literals of 100 characters: about 70 KB of string table, past the 16-bit offsets.
        var literals = string.Join("\n", Enumerable.Range(0, 700).Select(i => $"    public static string S{i} = \"{i:D4}{new string('x', 96)}\";"));
        AssertCaught(ViolationKind.StringTableNearLimit, "public static class Many {\n" + literals + "\n}");
        Assert.IsFalse(Kinds("public static class Few { public static string S = \"short\"; }").Contains(ViolationKind.StringTableNearLimit));
    }

    [TestMethod]
    public void ANullStringInAnAttributeArgumentIsCaught()
    {
        const string attribute = "[System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = true)] public sealed class Row : System.Attribute { public Row(params object[] data) { } } ";
        var v = NanoChecker.Check(Compile(attribute + "public class T { [Row(\"a\", null)] public void M(string a, string b) { } }"), new[] { "mscorlib" });
        Assert.IsTrue(v.Any(x => x.Kind == ViolationKind.NullAttributeArgument && x.Where.Contains("T.M")), string.Join("; ", v));
        Assert.IsFalse(Kinds(attribute + "public class T { [Row(\"a\", \"\", 3)] public void M(string a, string b, int c) { } }").Contains(ViolationKind.NullAttributeArgument));
    }

    [TestMethod]
    public void ViolationNamesWhereItIs()
    {
        var v = NanoChecker.Check(Compile("public class Box<T> { }"), new[] { "mscorlib" }).First();
        StringAssert.Contains(v.Where, "Box");
    }

    [TestMethod]
    public void CommandLineFailsOnAViolatingAssembly()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nanocheck-{Guid.NewGuid():N}.dll");
        File.WriteAllBytes(path, Compile("public class Box<T> { }"));
        try
        {
            Assert.AreEqual(1, NanoCheck.Program.Main(new[] { path }));
            File.WriteAllBytes(path, Compile("public class Plain { }"));
            Assert.AreEqual(0, NanoCheck.Program.Main(new[] { path }));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

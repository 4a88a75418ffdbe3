using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoCheck;

namespace NanoMqtt.Build.Tests;

/// <summary>
/// The guard against reading an unassigned element of a new reference-type array (a crash on
/// nanoCLR): probes compiled against nano mscorlib, in debug and release, must be refused when
/// the array is not filled and accepted when it is; the device app, which the nano check cannot
/// build here, is held to the same rule by its sources.
/// </summary>
[TestClass]
public class ReferenceArrayRuleTests
{
    private const string Filler = @"
namespace NanoMqtt.Runtime
{
    public static class ReferenceArray
    {
        public static void FillWithNulls(object[] array) { for (int i = 0; i < array.Length; i++) array[i] = null; }
    }
}";

    private static readonly MetadataReference Mscorlib = MetadataReference.CreateFromFile(BuildPaths.NanoMscorlib);

    private static int Unfilled(string source, OptimizationLevel level)
    {
        var compilation = CSharpCompilation.Create("Probe",
            new[] { CSharpSyntaxTree.ParseText(source), CSharpSyntaxTree.ParseText(Filler) },
            new[] { Mscorlib },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: level));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.IsTrue(result.Success, string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return NanoChecker.Check(stream.ToArray(), new[] { "mscorlib" }).Count(v => v.Kind == ViolationKind.UnfilledReferenceArray);
    }

    private static void Refused(string source)
    {
        Assert.AreEqual(1, Unfilled(source, OptimizationLevel.Debug), "debug build");
        Assert.AreEqual(1, Unfilled(source, OptimizationLevel.Release), "release build");
    }

    private static void Accepted(string source)
    {
        Assert.AreEqual(0, Unfilled(source, OptimizationLevel.Debug), "debug build");
        Assert.AreEqual(0, Unfilled(source, OptimizationLevel.Release), "release build");
    }

    [TestMethod]
    public void StringArrayReadBeforeAssignedIsRefused() =>
        // The pattern that crashed nanoCLR in the test flash: compare an element never assigned.
        Refused("public class F { private readonly string[] _names = new string[8]; public int Find(string n) { for (int i = 0; i < 8; i++) if (_names[i] == n) return i; return -1; } }");

    [TestMethod]
    public void JaggedArrayIsRefused() =>
        Refused("public class F { public byte[][] Make(int n) { return new byte[n][]; } }");

    [TestMethod]
    public void ClassArrayInALocalIsRefused() =>
        Refused("public class Pin { } public class F { public int Make(int n) { Pin[] pins = new Pin[n]; return pins.Length; } }");

    [TestMethod]
    public void FillingAnotherArrayDoesNotCount() =>
        Refused("using NanoMqtt.Runtime; public class F { public object Make(int n) { string[] a = new string[n]; ReferenceArray.FillWithNulls(a); string[] b = new string[n]; return b.Length + a.Length; } }");

    [TestMethod]
    public void FilledFieldIsAccepted() =>
        Accepted("using NanoMqtt.Runtime; public class F { private readonly string[] _names; public F() { _names = new string[8]; ReferenceArray.FillWithNulls(_names); } public int N() { return _names.Length; } }");

    [TestMethod]
    public void FilledLocalAndStaticAreAccepted() =>
        Accepted("using NanoMqtt.Runtime; public class F { static byte[][] s; public int Make(int n) { string[] a = new string[n]; ReferenceArray.FillWithNulls(a); s = new byte[n][]; ReferenceArray.FillWithNulls(s); return a.Length + s.Length; } }");

    [TestMethod]
    public void InitializersEmptyArraysAndValueTypesAreAccepted() =>
        Accepted(@"public struct S { public byte[] A; }
public class F { public object Make(int n, string x) { string[] a = new[] { ""a"", x, n.ToString() }; string[] e = new string[0];
  S[] s = new S[n]; int[] i = new int[n]; byte[] b = new byte[n]; return a.Length + e.Length + s.Length + i.Length + b.Length + (x + n + x + n + x); } }");

    [TestMethod]
    public void ConcatenationOfManyStringsIsAccepted() =>
        // The compiler builds string.Concat's array with an initializer, temporaries inside the values.
        Accepted("public class F { public int P; public override string ToString() { return \"a\" + P.ToString() + \"b\" + P.ToString() + \"c\" + P.ToString(); } }");

    // The device app needs packages the nano check cannot restore here, so its sources are read.
    private static readonly Regex NewArray = new(@"new\s+([A-Za-z_][A-Za-z0-9_.]*)\s*\[([^\]]+)\](\s*\[\])*", RegexOptions.Compiled);
    private static readonly string[] ValueTypes = { "byte", "sbyte", "short", "ushort", "int", "uint", "long", "ulong", "bool", "char", "float", "double", "Slice", "PinValue" };

    [TestMethod]
    public void DeviceAppFillsEveryReferenceArray()
    {
        string app = Path.Combine(BuildPaths.RepositoryRoot, "firmware");
        var files = Directory.GetFiles(app, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")).ToArray();
        Assert.IsTrue(files.Length > 10, "firmware sources found");
        foreach (var file in files)
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (Match m in NewArray.Matches(lines[i]))
                {
                    bool jagged = m.Groups[3].Success && m.Groups[3].Length > 0;
                    if (!jagged && ValueTypes.Contains(m.Groups[1].Value)) continue;
                    if (m.Groups[2].Value.Trim() == "0") continue;
                    string next = i + 1 < lines.Length ? lines[i + 1] : "";
                    StringAssert.Contains(next, "ReferenceArray.FillWithNulls(",
                        $"{Path.GetRelativePath(BuildPaths.RepositoryRoot, file)}:{i + 1}: '{m.Value}' must be followed by ReferenceArray.FillWithNulls on the next line (nanoCLR does not null new reference-type arrays)");
                }
            }
        }
    }

    [TestMethod]
    public void SourceRuleCatchesTheUnfilledPattern()
    {
        Assert.IsTrue(NewArray.IsMatch("_pins = new GpioPin[inputs.Length];"));
        Assert.IsTrue(NewArray.Match("_data = new byte[8][];").Groups[3].Length > 0, "jagged arrays are reference arrays");
        Assert.IsFalse(ValueTypes.Contains(NewArray.Match("var x = new string[4];").Groups[1].Value));
    }
}

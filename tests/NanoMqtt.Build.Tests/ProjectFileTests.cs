using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoMqtt.Build.Tests;

/// <summary>
/// The nanoFramework project files cannot be built here, so their shape is checked instead: the
/// project system, every source file listed (nanoFramework projects have no globs), the references
/// matching packages.config, and every project in NanoMqtt.sln.
/// </summary>
[TestClass]
public class ProjectFileTests
{
    internal static readonly XNamespace Ms = "http://schemas.microsoft.com/developer/msbuild/2003";
    private const string NanoTypeGuids = "{11A8DD76-328B-46DF-9F39-F559912D0360};{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}";

    public static IEnumerable<object[]> NanoProjects() =>
        Directory.EnumerateFiles(BuildPaths.RepositoryRoot, "*.nfproj", SearchOption.AllDirectories)
            .Where(p => !IsBuildOutput(p))
            .Select(p => new object[] { Path.GetRelativePath(BuildPaths.RepositoryRoot, p) });

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git" or "packages");

    internal static XDocument Load(string relative) => XDocument.Load(Path.Combine(BuildPaths.RepositoryRoot, relative));

    internal static string? Property(XDocument doc, string name) => doc.Descendants(Ms + name).Select(e => e.Value).FirstOrDefault();

    [TestMethod]
    public void ThereAreNanoProjects()
    {
        var names = NanoProjects().Select(p => Path.GetFileName((string)p[0])).ToList();
        CollectionAssert.Contains(names, "NanoMqtt.nfproj");
        CollectionAssert.Contains(names, "NanoMqtt.Gpio.nfproj");
        CollectionAssert.Contains(names, "NanoMqtt.Tests.nfproj");
        CollectionAssert.Contains(names, "NanoMqtt.Esp32.nfproj");
        CollectionAssert.Contains(names, "NanoMqtt.Esp32.Adapters.nfproj");
    }

    [TestMethod]
    [DynamicData(nameof(NanoProjects))]
    public void UsesTheNanoFrameworkProjectSystem(string project)
    {
        var doc = Load(project);
        Assert.AreEqual(NanoTypeGuids, Property(doc, "ProjectTypeGuids"));
        Assert.AreEqual("v1.0", Property(doc, "TargetFrameworkVersion"));
        var imports = doc.Root!.Elements(Ms + "Import").Select(i => (string)i.Attribute("Project")!).ToList();
        string[] expected =
        {
            "$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props",
            "$(NanoFrameworkProjectSystemPath)NFProjectSystem.props",
            "$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets",
        };
        CollectionAssert.AreEqual(expected, imports);
        foreach (var import in doc.Root.Elements(Ms + "Import"))
            Assert.AreEqual($"Exists('{import.Attribute("Project")!.Value}')", (string)import.Attribute("Condition")!);
    }

    [TestMethod]
    [DynamicData(nameof(NanoProjects))]
    public void ListsExactlyTheSourceFilesOnDisk(string project)
    {
        string dir = Path.GetDirectoryName(Path.Combine(BuildPaths.RepositoryRoot, project))!;
        var compiles = Load(project).Descendants(Ms + "Compile").Select(c => ((string)c.Attribute("Include")!).Replace('\\', '/')).ToList();
        // Files linked from another folder (the test support both test projects share) must exist.
        foreach (var linked in compiles.Where(c => c.StartsWith("../")))
            Assert.IsTrue(File.Exists(Path.Combine(dir, linked)), $"{project}: linked {linked} does not exist");
        var listed = compiles.Where(c => !c.StartsWith("../")).ToHashSet(StringComparer.Ordinal);
        var onDisk = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/") && !f.StartsWith("obj/"))
            .ToHashSet(StringComparer.Ordinal);
        var missing = onDisk.Except(listed).OrderBy(f => f).ToList();
        var extra = listed.Except(onDisk).OrderBy(f => f).ToList();
        Assert.IsTrue(missing.Count == 0 && extra.Count == 0,
            $"{project}: add {string.Join(" ", missing.Select(f => $"<Compile Include=\"{f.Replace('/', '\\')}\" />"))}; remove {string.Join(", ", extra)}");
    }

    [TestMethod]
    [DynamicData(nameof(NanoProjects))]
    public void EveryPackageHasAMatchingReference(string project)
    {
        string dir = Path.GetDirectoryName(Path.Combine(BuildPaths.RepositoryRoot, project))!;
        var packages = XDocument.Load(Path.Combine(dir, "packages.config")).Descendants("package")
            .Select(p => $"{p.Attribute("id")!.Value}.{p.Attribute("version")!.Value}")
            .ToList();
        var hintPaths = Load(project).Descendants(Ms + "HintPath").Select(h => h.Value.Replace('\\', '/')).ToList();
        foreach (var package in packages)
            Assert.IsTrue(hintPaths.Any(h => h.Contains($"/packages/{package}/lib/")), $"{project}: no Reference into {package}");
        foreach (var hint in hintPaths)
            Assert.IsTrue(packages.Any(p => hint.Contains($"/packages/{p}/lib/")), $"{project}: {hint} is not from a package in packages.config");
        foreach (var hint in hintPaths)
        {
            string packagesRoot = Path.GetFullPath(Path.Combine(dir, hint[..hint.IndexOf("/packages/", StringComparison.Ordinal)]));
            Assert.AreEqual(BuildPaths.RepositoryRoot.TrimEnd('/'), packagesRoot.TrimEnd('/'), $"{project}: {hint} must resolve into packages/ beside NanoMqtt.sln");
        }
    }

    [TestMethod]
    [DynamicData(nameof(NanoProjects))]
    public void IsInTheSolution(string project)
    {
        string sln = File.ReadAllText(Path.Combine(BuildPaths.RepositoryRoot, "NanoMqtt.sln"));
        string guid = Property(Load(project), "ProjectGuid")!;
        StringAssert.Contains(sln, $"\"{project.Replace('/', '\\')}\", \"{guid}\"");
        foreach (string configuration in new[] { "Debug", "Release" })
            foreach (string step in new[] { "ActiveCfg", "Build.0" })
                StringAssert.Contains(sln, $"{guid}.{configuration}|Any CPU.{step} = {configuration}|Any CPU", $"{project}: no {configuration} {step} line in NanoMqtt.sln");
    }

    [TestMethod]
    public void TheAppIsAnExecutableOverTheCore()
    {
        const string project = "firmware/NanoMqtt.Esp32/NanoMqtt.Esp32.nfproj";
        var doc = Load(project);
        Assert.AreEqual("Exe", Property(doc, "OutputType"));
        Assert.AreEqual("NanoMqtt.Esp32", Property(doc, "AssemblyName"));
        var projectReferences = doc.Descendants(Ms + "ProjectReference").Select(r => (string)r.Attribute("Include")!).ToList();
        CollectionAssert.AreEqual(new[] { @"..\NanoMqtt\NanoMqtt.nfproj", @"..\NanoMqtt.Gpio\NanoMqtt.Gpio.nfproj", @"..\NanoMqtt.Esp32.Adapters\NanoMqtt.Esp32.Adapters.nfproj" }, projectReferences);
        var adapters = Load("firmware/NanoMqtt.Esp32.Adapters/NanoMqtt.Esp32.Adapters.nfproj");
        Assert.AreEqual("Library", Property(adapters, "OutputType"), "the adapters are a library other apps can reference");
        Assert.IsTrue(doc.Descendants(Ms + "ItemGroup").Any(g => (string?)g.Attribute("Label") == "Sources" && g.Elements(Ms + "Compile").Any(c => (string?)c.Attribute("Include") == "Program.cs")),
            "Program.cs belongs in the ItemGroup labelled Sources");
    }

    [TestMethod]
    [DynamicData(nameof(NanoProjects))]
    public void SharesItsFolderWithNoSdkProject(string project)
    {
        // An SDK project restored beside a classic one shares obj/ with it, which breaks NuGet
        // asset resolution in Visual Studio (dotnet/project-system#1935).
        string dir = Path.GetDirectoryName(Path.Combine(BuildPaths.RepositoryRoot, project))!;
        Assert.AreEqual(0, Directory.GetFiles(dir, "*.csproj").Length, $"{project}: an SDK project in the same folder");
    }

    [TestMethod]
    [DataRow("firmware/NanoMqtt.Esp32")]
    [DataRow("sim")]
    public void TheBoardAndTheSimRunTheSharedAppInsteadOfWiringTheirOwn(string folder)
    {
        string[] wiring = { "new SessionEngine(", "new LinkDriver(", "new CommandDispatcher(", "new InputReporter(", "new HealthReporter(", "new MqttSessionClient(" };
        string dir = Path.Combine(BuildPaths.RepositoryRoot, folder);
        var files = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)).ToList();
        Assert.IsTrue(files.Count >= 2, folder);
        foreach (var file in files)
        {
            string text = File.ReadAllText(file);
            foreach (string w in wiring)
                Assert.IsFalse(text.Contains(w), $"{Path.GetRelativePath(BuildPaths.RepositoryRoot, file)} wires the session itself ({w.TrimEnd('(')}): build a GpioApp and call its Step()");
        }
        Assert.IsTrue(files.Any(f => File.ReadAllText(f).Contains("new GpioApp(")), $"{folder} builds the shared GpioApp");
    }

    [TestMethod]
    public void TheBoardsProgramHoldsSettingsAndAdaptersOnly()
    {
        int lines = File.ReadAllLines(Path.Combine(BuildPaths.RepositoryRoot, "firmware/NanoMqtt.Esp32/Program.cs")).Length;
        Assert.IsTrue(lines <= 110, $"Program.cs has {lines} lines: policy belongs in the shared app");
    }

    [TestMethod]
    public void TheReadmeSampleIsTheOneTheNanoCheckCompiles()
    {
        string sample = File.ReadAllText(Path.Combine(BuildPaths.RepositoryRoot, "samples/GreenhouseSample.cs")).Replace("\r\n", "\n");
        string readme = File.ReadAllText(Path.Combine(BuildPaths.RepositoryRoot, "README.md")).Replace("\r\n", "\n");
        StringAssert.Contains(readme, "```csharp\n" + sample + "```", "README's sample differs from samples/GreenhouseSample.cs");
        Assert.IsTrue(sample.Split('\n').Length <= 41, "the sample stays within about 40 lines");
        string nano = File.ReadAllText(Path.Combine(BuildPaths.RepositoryRoot, "nano/Sample/NanoMqtt.Sample.Nano.csproj"));
        StringAssert.Contains(nano, "../../samples/*.cs");
    }

    [TestMethod]
    public void TheLibraryKnowsNothingOfTheApp()
    {
        var library = Load("firmware/NanoMqtt/NanoMqtt.nfproj");
        Assert.AreEqual(0, library.Descendants(Ms + "ProjectReference").Count(), "the library references no project");
        string dir = Path.Combine(BuildPaths.RepositoryRoot, "firmware/NanoMqtt");
        foreach (var file in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)))
        {
            string text = File.ReadAllText(file);
            foreach (string ns in new[] { "NanoMqtt.Commands", "NanoMqtt.Config", "NanoMqtt.Telemetry" })
                Assert.IsFalse(text.Contains(ns), $"{Path.GetRelativePath(BuildPaths.RepositoryRoot, file)} uses {ns}, which is the GPIO app's");
        }
        var app = Load("firmware/NanoMqtt.Gpio/NanoMqtt.Gpio.nfproj");
        CollectionAssert.AreEqual(new[] { @"..\NanoMqtt\NanoMqtt.nfproj" },
            app.Descendants(Ms + "ProjectReference").Select(r => (string)r.Attribute("Include")!).ToArray());
    }

    [TestMethod]
    [DynamicData(nameof(NanoProjects))]
    public void ReferencesNameTheAssemblyTheirHintPathLoads(string project)
    {
        foreach (var reference in Load(project).Descendants(Ms + "Reference"))
        {
            string include = (string)reference.Attribute("Include")!;
            string hint = reference.Element(Ms + "HintPath")!.Value.Replace('\\', '/');
            string assembly = include.Split(',')[0].Trim();
            Assert.AreEqual(assembly, Path.GetFileNameWithoutExtension(hint), $"{project}: Reference {include}");
            Assert.IsTrue(include.Contains("PublicKeyToken=c07d481e9758c731"), $"{project}: {assembly} is not nanoFramework's signed assembly");
        }
    }

    [TestMethod]
    [DataRow("tests/NanoMqtt.Tests/NanoMqtt.Tests.nfproj")]
    [DataRow("tests/NanoMqtt.Gpio.Tests/NanoMqtt.Gpio.Tests.nfproj")]
    [DataRow("tests/NanoMqtt.Storage.Tests/NanoMqtt.Storage.Tests.nfproj")]
    public void TestProjectIsWhatTheNanoTestAdapterRuns(string project)
    {
        var doc = Load(project);
        Assert.AreEqual("NFUnitTest", Property(doc, "AssemblyName"));
        Assert.AreEqual("true", Property(doc, "IsTestProject"));
        Assert.AreEqual("UnitTest", Property(doc, "TestProjectType"));
        Assert.IsTrue(doc.Descendants(Ms + "ProjectCapability").Any(c => (string?)c.Attribute("Include") == "TestContainer"));
        Assert.AreEqual(@"$(MSBuildProjectDirectory)\nano.runsettings", Property(doc, "RunSettingsFilePath"));
        var runSettings = XDocument.Load(Path.Combine(BuildPaths.RepositoryRoot, Path.GetDirectoryName(project)!, "nano.runsettings"));
        Assert.AreEqual("False", runSettings.Descendants("IsRealHardware").Single().Value, "the emulator by default");
        var references = doc.Descendants(Ms + "HintPath").Select(h => h.Value).ToList();
        Assert.IsTrue(references.Any(r => r.EndsWith(@"lib\nanoFramework.TestFramework.dll")));
        Assert.IsTrue(references.Any(r => r.EndsWith(@"lib\nanoFramework.UnitTestLauncher.exe")));
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoMqtt.Build.Tests;

/// <summary>
/// The nanoFramework packages of every <c>.nfproj</c>: nanoFramework has no binding redirects, so
/// all projects must use the one aligned set of versions (the table in NANO.md), each package must
/// bring the packages its assemblies reference (the deployer needs every assembly on the device),
/// and no project may carry a package its sources do not use, directly or through another package.
/// </summary>
[TestClass]
public class PackageTests
{
    /// <summary>The package set that goes with nanoFramework.CoreLibrary 1.17.11 (NANO.md): id, version, assemblies.</summary>
    private static readonly Dictionary<string, (string Version, string[] Assemblies)> AlignedSet = new()
    {
        ["nanoFramework.CoreLibrary"] = ("1.17.11", new[] { "mscorlib" }),
        ["nanoFramework.System.Device.Gpio"] = ("1.1.62", new[] { "System.Device.Gpio" }),
        ["nanoFramework.Hardware.Esp32"] = ("1.6.40", new[] { "nanoFramework.Hardware.Esp32" }),
        ["nanoFramework.System.Device.Wifi"] = ("1.5.149", new[] { "System.Device.Wifi" }),
        ["nanoFramework.System.Net"] = ("1.11.60", new[] { "System.Net" }),
        ["nanoFramework.System.IO.FileSystem"] = ("1.1.93", new[] { "System.IO.FileSystem" }),
        ["nanoFramework.System.IO.Streams"] = ("1.1.96", new[] { "System.IO.Streams" }),
        ["nanoFramework.Runtime.Events"] = ("1.11.37", new[] { "nanoFramework.Runtime.Events" }),
        ["nanoFramework.Runtime.Native"] = ("1.7.11", new[] { "nanoFramework.Runtime.Native" }),
        ["nanoFramework.System.Threading"] = ("1.1.52", new[] { "System.Threading" }),
        ["nanoFramework.System.Text"] = ("1.3.42", new[] { "nanoFramework.System.Text" }),
        ["nanoFramework.System.Collections"] = ("1.5.75", new[] { "nanoFramework.System.Collections" }),
        ["nanoFramework.M2Mqtt"] = ("5.1.220", new[] { "nanoFramework.M2Mqtt", "nanoFramework.M2Mqtt.Core" }),
        ["nanoFramework.TestFramework"] = ("3.0.80", new[] { "nanoFramework.TestFramework", "nanoFramework.UnitTestLauncher" }),
    };

    /// <summary>
    /// The nanoFramework packages each package's assemblies reference (besides CoreLibrary), read
    /// from the assemblies built from the upstream tags (see firmware/NanoMqtt.Esp32/API-CHECKS.md).
    /// </summary>
    private static readonly Dictionary<string, string[]> Dependencies = new()
    {
        ["nanoFramework.System.Device.Gpio"] = new[] { "nanoFramework.Runtime.Events" },
        ["nanoFramework.Hardware.Esp32"] = new[] { "nanoFramework.Runtime.Events" },
        ["nanoFramework.System.Device.Wifi"] = new[] { "nanoFramework.Runtime.Events", "nanoFramework.System.Net", "nanoFramework.System.Threading", "nanoFramework.System.Text" },
        ["nanoFramework.System.Net"] = new[] { "nanoFramework.Runtime.Events", "nanoFramework.System.Threading", "nanoFramework.System.IO.Streams", "nanoFramework.System.Text" },
        ["nanoFramework.System.IO.FileSystem"] = new[] { "nanoFramework.Runtime.Events", "nanoFramework.System.IO.Streams", "nanoFramework.System.Text" },
        ["nanoFramework.System.IO.Streams"] = new[] { "nanoFramework.System.Text" },
        ["nanoFramework.M2Mqtt"] = new[] { "nanoFramework.Runtime.Events", "nanoFramework.System.Collections", "nanoFramework.System.Net", "nanoFramework.System.Threading", "nanoFramework.System.Text", "nanoFramework.System.IO.Streams" },
    };

    /// <summary>
    /// What in a source file shows a package is used: its namespaces, or types that live in a
    /// namespace other assemblies share (System, System.IO, System.Threading, nanoFramework.Networking).
    /// </summary>
    private static readonly Dictionary<string, string[]> Markers = new()
    {
        ["nanoFramework.System.Device.Gpio"] = new[] { "System.Device.Gpio" },
        ["nanoFramework.Hardware.Esp32"] = new[] { "nanoFramework.Hardware.Esp32" },
        ["nanoFramework.System.Device.Wifi"] = new[] { "System.Device.Wifi", "WifiNetworkHelper" },
        ["nanoFramework.System.Net"] = new[] { "System.Net", "NetworkHelper", "NetworkHelperStatus", "X509Certificate" },
        ["nanoFramework.System.IO.FileSystem"] = new[] { "FileStream", "FileMode", "FileAccess", "DriveInfo", "File", "Directory" },
        ["nanoFramework.System.IO.Streams"] = new[] { "MemoryStream", "StreamReader", "StreamWriter", "SeekOrigin" },
        ["nanoFramework.Runtime.Events"] = new[] { "nanoFramework.Runtime.Events" },
        ["nanoFramework.Runtime.Native"] = new[] { "nanoFramework.Runtime.Native", "Environment.TickCount64" },
        ["nanoFramework.System.Threading"] = new[] { "CancellationToken", "CancellationTokenSource", "ThreadPool", "SynchronizationContext" },
        ["nanoFramework.System.Text"] = new[] { "System.Text", "Encoding", "StringBuilder" },
        ["nanoFramework.System.Collections"] = new[] { "Hashtable", "Queue", "Stack", "DictionaryEntry" },
        ["nanoFramework.M2Mqtt"] = new[] { "nanoFramework.M2Mqtt" },
        ["nanoFramework.TestFramework"] = new[] { "nanoFramework.TestFramework" },
    };

    public static IEnumerable<object[]> NanoProjects() => ProjectFileTests.NanoProjects();

    private static List<(string Id, string Version, string? TargetFramework)> Packages(string project)
    {
        string dir = Path.GetDirectoryName(Path.Combine(BuildPaths.RepositoryRoot, project))!;
        return XDocument.Load(Path.Combine(dir, "packages.config")).Descendants("package")
            .Select(p => (p.Attribute("id")!.Value, p.Attribute("version")!.Value, (string?)p.Attribute("targetFramework")))
            .ToList();
    }

    private static IEnumerable<string> ReferencedProjects(string project)
    {
        string dir = Path.GetDirectoryName(project)!;
        return ProjectFileTests.Load(project).Descendants(ProjectFileTests.Ms + "ProjectReference")
            .Select(r => Path.GetRelativePath(BuildPaths.RepositoryRoot,
                Path.GetFullPath(Path.Combine(BuildPaths.RepositoryRoot, dir, ((string)r.Attribute("Include")!).Replace('\\', '/')))));
    }

    /// <summary>The project's sources without comments (a package named in a comment is not a use of it).</summary>
    private static string Sources(string project)
    {
        string dir = Path.GetDirectoryName(Path.Combine(BuildPaths.RepositoryRoot, project))!;
        var text = ProjectFileTests.Load(project).Descendants(ProjectFileTests.Ms + "Compile")
            .Select(c => File.ReadAllText(Path.Combine(dir, ((string)c.Attribute("Include")!).Replace('\\', '/'))));
        return WithoutComments(string.Join("\n", text));
    }

    private static string WithoutComments(string source) =>
        Regex.Replace(source, @"/\*.*?\*/|//[^\n]*", " ", RegexOptions.Singleline);

    private static bool Mentions(string source, string marker) =>
        Regex.IsMatch(source, @"(?<![\w.])" + Regex.Escape(marker) + @"(?![\w])");

    private static HashSet<string> DirectlyUsed(string source) =>
        Markers.Where(m => m.Value.Any(marker => Mentions(source, marker))).Select(m => m.Key).ToHashSet();

    private static HashSet<string> WithDependencies(IEnumerable<string> packages)
    {
        var all = new HashSet<string>(packages);
        var pending = new Queue<string>(all);
        while (pending.Count > 0)
        {
            if (!Dependencies.TryGetValue(pending.Dequeue(), out var dependencies)) continue;
            foreach (string dependency in dependencies)
                if (all.Add(dependency)) pending.Enqueue(dependency);
        }
        return all;
    }

    [TestMethod]
    [DynamicData(nameof(NanoProjects))]
    public void UsesOnlyTheAlignedVersions(string project)
    {
        foreach (var (id, version, targetFramework) in Packages(project))
        {
            Assert.IsTrue(AlignedSet.ContainsKey(id), $"{project}: {id} is not in the aligned package set (NANO.md)");
            Assert.AreEqual(AlignedSet[id].Version, version, $"{project}: {id} must be {AlignedSet[id].Version}, the version aligned with CoreLibrary 1.17.11");
            Assert.AreEqual("netnano1.0", targetFramework, $"{project}: {id}");
        }
    }

    [TestMethod]
    public void AllProjectsUseOneVersionOfEachPackage()
    {
        var versions = NanoProjects().Select(p => (string)p[0])
            .SelectMany(project => Packages(project).Select(p => (p.Id, p.Version, Project: project)))
            .GroupBy(p => p.Id)
            .Where(g => g.Select(p => p.Version).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => $"{p.Version} in {p.Project}"))}")
            .ToList();
        Assert.AreEqual(0, versions.Count, string.Join("; ", versions));
    }

    [TestMethod]
    [DynamicData(nameof(NanoProjects))]
    public void EveryPackageReferencesItsAssemblies(string project)
    {
        var hintPaths = ProjectFileTests.Load(project).Descendants(ProjectFileTests.Ms + "HintPath").Select(h => h.Value.Replace('\\', '/')).ToList();
        foreach (var (id, version, _) in Packages(project))
        {
            if (!AlignedSet.TryGetValue(id, out var aligned)) continue;
            foreach (string assembly in aligned.Assemblies)
                Assert.IsTrue(hintPaths.Any(h => h.Contains($"/packages/{id}.{version}/lib/{assembly}.")),
                    $"{project}: no <Reference> with HintPath ..\\packages\\{id}.{version}\\lib\\{assembly}.dll");
        }
    }

    [TestMethod]
    [DynamicData(nameof(NanoProjects))]
    public void EveryPackageBringsThePackagesItsAssembliesNeed(string project)
    {
        var ids = Packages(project).Select(p => p.Id).ToHashSet();
        foreach (string id in ids)
        {
            if (!Dependencies.TryGetValue(id, out var dependencies)) continue;
            foreach (string dependency in dependencies)
                Assert.IsTrue(ids.Contains(dependency), $"{project}: {id} needs {dependency} on the device; add it to packages.config and a <Reference>");
        }
    }

    [TestMethod]
    [DynamicData(nameof(NanoProjects))]
    public void NoPackageGoesUnused(string project)
    {
        var used = WithDependencies(DirectlyUsed(Sources(project)));
        used.Add("nanoFramework.CoreLibrary");
        // packages.config does not flow to the app: it lists the packages of the libraries it deploys.
        foreach (string referenced in ReferencedProjects(project)) used.UnionWith(Packages(referenced).Select(p => p.Id));
        var unused = Packages(project).Select(p => p.Id).Where(id => !used.Contains(id)).ToList();
        Assert.AreEqual(0, unused.Count, $"{project}: packages its sources do not use (directly or through another package): {string.Join(", ", unused)}");
    }

    [TestMethod]
    [DynamicData(nameof(NanoProjects))]
    public void EveryPackageTheSourcesUseIsListed(string project)
    {
        var ids = Packages(project).Select(p => p.Id).ToHashSet();
        var missing = DirectlyUsed(Sources(project)).Where(id => !ids.Contains(id)).ToList();
        Assert.AreEqual(0, missing.Count, $"{project}: the sources use {string.Join(", ", missing)}, missing from packages.config");
    }

    [TestMethod]
    public void EveryAdapterFileUsesADevicePackage()
    {
        // An adapter is the thin layer over a device API; logic that needs none belongs in the
        // portable app or library, where unit tests and the nano check reach it.
        const string project = "firmware/NanoMqtt.Esp32.Adapters/NanoMqtt.Esp32.Adapters.nfproj";
        string dir = Path.GetDirectoryName(Path.Combine(BuildPaths.RepositoryRoot, project))!;
        var files = ProjectFileTests.Load(project).Descendants(ProjectFileTests.Ms + "Compile")
            .Select(c => ((string)c.Attribute("Include")!).Replace('\\', '/')).ToList();
        Assert.IsTrue(files.Count > 5, "the adapters' sources are found");
        foreach (string file in files)
        {
            var used = DirectlyUsed(WithoutComments(File.ReadAllText(Path.Combine(dir, file))));
            Assert.IsTrue(used.Count > 0, $"{file} uses no device package: move it to firmware/NanoMqtt.Gpio or the library");
        }
    }

    [TestMethod]
    public void TheMarkersFindTheAppsPackages()
    {
        // The heuristic must see what the app really uses, or the checks above prove nothing.
        var direct = DirectlyUsed(Sources("firmware/NanoMqtt.Esp32/NanoMqtt.Esp32.nfproj") + "\n" + Sources("firmware/NanoMqtt.Esp32.Adapters/NanoMqtt.Esp32.Adapters.nfproj"));
        string[] expected =
        {
            "nanoFramework.System.Device.Gpio", "nanoFramework.Hardware.Esp32", "nanoFramework.System.Device.Wifi",
            "nanoFramework.System.Net", "nanoFramework.System.IO.FileSystem", "nanoFramework.Runtime.Native",
        };
        CollectionAssert.AreEquivalent(expected, direct.ToList());
        Assert.IsFalse(DirectlyUsed(WithoutComments("// using System.Net;\n/* File.Delete */ class A { string s; }")).Any(), "comments are not uses");
    }
}

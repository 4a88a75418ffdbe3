using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoMqtt.Build.Tests;

/// <summary>Small files with one job: no library file over 300 lines, no function over 40.</summary>
[TestClass]
public class SourceSizeTests
{
    private const int MaxFileLines = 300;
    private const int MaxFunctionLines = 40;

    private static IEnumerable<string> LibraryFiles() =>
        Directory.EnumerateFiles(Path.Combine(BuildPaths.RepositoryRoot, "firmware/NanoMqtt"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    // A member of a type at the usual indentation whose body opens on the next line: its length
    // runs from the signature to the closing brace at the same indentation.
    internal static IEnumerable<(string Signature, int Lines)> Functions(string[] lines)
    {
        var signature = new Regex(@"^        (public|private|internal|protected)\b[^;=]*\(");
        for (int i = 0; i + 1 < lines.Length; i++)
        {
            if (!signature.IsMatch(lines[i]) || lines[i + 1] != "        {") continue;
            int end = i + 2;
            while (end < lines.Length && lines[end] != "        }") end++;
            yield return (lines[i].Trim(), end - i + 1);
            i = end;
        }
    }

    [TestMethod]
    public void NoLibraryFileIsOver300Lines()
    {
        var over = LibraryFiles().Select(f => (File: Path.GetRelativePath(BuildPaths.RepositoryRoot, f), Lines: File.ReadAllLines(f).Length))
            .Where(f => f.Lines > MaxFileLines).ToList();
        Assert.AreEqual(0, over.Count, string.Join("; ", over.Select(f => $"{f.File}: {f.Lines} lines")));
    }

    [TestMethod]
    public void NoLibraryFunctionIsOver40Lines()
    {
        int seen = 0;
        var over = new List<string>();
        foreach (string file in LibraryFiles())
        {
            foreach (var f in Functions(File.ReadAllLines(file)))
            {
                seen++;
                if (f.Lines > MaxFunctionLines) over.Add($"{Path.GetFileName(file)} {f.Signature}: {f.Lines} lines");
            }
        }
        Assert.IsTrue(seen > 200, $"the functions are found ({seen})");
        Assert.AreEqual(0, over.Count, string.Join("; ", over));
    }

    [TestMethod]
    public void AFunctionIsMeasuredFromItsSignatureToItsClosingBrace()
    {
        string[] source =
        {
            "    public class A",
            "    {",
            "        public int F(int x)",
            "        {",
            "            if (x > 0)",
            "            {",
            "                return 1;",
            "            }",
            "            return 0;",
            "        }",
            "        private bool G;",
            "        private void H()",
            "        {",
            "        }",
            "    }",
        };
        var found = Functions(source).ToList();
        CollectionAssert.AreEqual(new[] { "public int F(int x):8", "private void H():3" }, found.Select(f => $"{f.Signature}:{f.Lines}").ToList());
    }
}

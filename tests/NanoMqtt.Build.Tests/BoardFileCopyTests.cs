using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Config;
using NanoMqtt.Tests.Config;

namespace NanoMqtt.Build.Tests;

/// <summary>
/// nanoCLR tests cannot read files, so the unit tests carry the board profiles as constants, and
/// the firmware carries the default one; these must stay byte-for-byte the files in boards/.
/// </summary>
[TestClass]
public class BoardFileCopyTests
{
    private static string File(string name) =>
        System.IO.File.ReadAllText(Path.Combine(BuildPaths.RepositoryRoot, "boards", name + ".board")).Replace("\r\n", "\n");

    [TestMethod]
    public void EveryBoardFileHasItsTestCopy()
    {
        var files = Directory.GetFiles(Path.Combine(BuildPaths.RepositoryRoot, "boards"), "*.board");
        Assert.AreEqual(files.Length, BoardFiles.Names.Length, "a board file without a test copy, or the reverse");
        foreach (var name in BoardFiles.Names)
            Assert.AreEqual(File(name), BoardFiles.Text(name).Replace("\r\n", "\n"), name);
    }

    [TestMethod]
    public void BuiltInDefaultIsTheDevKitCFile()
    {
        Assert.AreEqual(File(Boards.DefaultName), Boards.Default.Replace("\r\n", "\n"));
    }
}

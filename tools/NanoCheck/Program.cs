using System;
using System.IO;

namespace NanoCheck;

public static class Program
{
    // Usage: NanoCheck <assembly.dll> [--allow <AssemblyName>]...
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: NanoCheck <assembly.dll> [--allow <assembly-name>]...");
            return 2;
        }
        string path = args[0];
        var allowed = new System.Collections.Generic.List<string> { "mscorlib" };
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--allow" && i + 1 < args.Length) allowed.Add(args[++i]);
            else { Console.Error.WriteLine($"NanoCheck: unknown argument '{args[i]}'"); return 2; }
        }
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"NanoCheck: {path} not found");
            return 2;
        }
        var violations = NanoChecker.Check(File.ReadAllBytes(path), allowed, Path.GetDirectoryName(Path.GetFullPath(path)));
        string name = Path.GetFileName(path);
        foreach (var v in violations)
            Console.Error.WriteLine($"{name}: error NANO{(int)v.Kind:D3}: {v.Kind}: {v.Where}");
        if (violations.Count > 0)
        {
            Console.Error.WriteLine($"NanoCheck: {name}: {violations.Count} construct(s) nanoFramework 1.x cannot run");
            return 1;
        }
        Console.WriteLine($"NanoCheck: {name}: nano-compatible");
        return 0;
    }
}

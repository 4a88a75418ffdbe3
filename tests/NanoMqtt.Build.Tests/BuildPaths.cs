using System.Linq;
using System.Reflection;

namespace NanoMqtt.Build.Tests;

/// <summary>Paths the build stamps into this assembly.</summary>
internal static class BuildPaths
{
    private static string Metadata(string key) =>
        typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string NanoMscorlib => Metadata("NanoMscorlib");
    public static string RepositoryRoot => Metadata("RepositoryRoot");
}

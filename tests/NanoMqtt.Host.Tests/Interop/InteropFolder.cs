using System.IO;
using System.Linq;
using System.Reflection;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>tests/interop: the npm package (Aedes, MQTT.js) and the peer scripts, as the build stamped it.</summary>
    internal static class InteropFolder
    {
        public static string Path => typeof(InteropFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "InteropFolder").Value;

        public static string File(string name) => System.IO.Path.Combine(Path, name);

        public static string NodeModule(string name) => System.IO.Path.Combine(Path, "node_modules", name, "package.json");
    }
}

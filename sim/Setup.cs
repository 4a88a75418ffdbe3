using NanoMqtt.Config;

namespace NanoMqtt.Sim;

/// <summary>Loads the board profile and the device configuration the way the firmware does, from files or defaults.</summary>
public static class Setup
{
    /// <summary>The board profile <paramref name="name"/> from a boards/ folder beside the program or above it; the built-in default otherwise.</summary>
    public static BoardProfile Board(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string file = Path.Combine(dir.FullName, "boards", name + ".board");
            if (!File.Exists(file)) continue;
            var result = BoardProfileParser.Parse(File.ReadAllText(file));
            if (!result.IsValid) throw new InvalidDataException($"{file}:\n{result.Errors}");
            return result.Profile;
        }
        if (name == "esp32-devkitc") return Boards.ParseDefault();
        throw new FileNotFoundException($"no board profile '{name}' (looked for boards/{name}.board)");
    }

    /// <summary>Configuration text from <paramref name="file"/>, with the broker set from the command line when given.</summary>
    public static DeviceConfig Config(string? file, string host, int port, bool tls, string? user, string? password, string? ca, string? clientId, string? version)
    {
        var lines = new List<string>();
        if (file != null) lines.AddRange(File.ReadAllLines(file).Where(l => !l.TrimStart().StartsWith("broker.host") || host == ""));
        if (host != "")
        {
            lines.RemoveAll(l => l.TrimStart().StartsWith("broker."));
            lines.Add($"broker.host = {host}");
            lines.Add($"broker.port = {port}");
            lines.Add($"broker.tls = {(tls ? "true" : "false")}");
            if (user != null) lines.Add($"broker.user = {user}");
            if (password != null) lines.Add($"broker.password = {password}");
            if (ca != null) lines.Add($"broker.ca-file = {ca}");
        }
        if (clientId != null) lines.Add($"client-id = {clientId}");
        if (version != null) lines.Add($"mqtt.version = {version}");
        // A virtual device has no MAC: a fixed one keeps its ClientId (and session) from run to run.
        var result = DeviceConfigParser.Parse(string.Join("\n", lines), new byte[] { 0x02, 0x4E, 0x4D, 0x51, 0x54, 0x54 });
        if (!result.IsValid) throw new InvalidDataException("configuration:\n" + result.Errors);
        return result.Config;
    }
}

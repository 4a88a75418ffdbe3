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

    /// <summary>
    /// The configuration in <paramref name="file"/> (every key it documents), with what the command
    /// line gives put over it: a key given on both is replaced on its own line, so every problem is
    /// reported with the file's real line number. <paramref name="host"/> "" keeps the file's broker.
    /// A PC has no stored device certificate: <c>broker.client-cert = device</c> is refused.
    /// </summary>
    public static DeviceConfig Config(string? file, string host, int port, bool tls, string? user, string? password, string? ca, string? clientId, string? version,
        string? clientCert = null, string? clientKey = null)
    {
        var lines = file != null ? File.ReadAllLines(file).ToList() : new List<string>();
        var overrides = new List<(string Key, string? Value)>();
        if (host != "")
        {
            overrides.Add(("broker.host", host));
            overrides.Add(("broker.port", port.ToString()));
            overrides.Add(("broker.tls", tls ? "true" : "false"));
        }
        overrides.Add(("broker.user", user));
        overrides.Add(("broker.password", password));
        overrides.Add(("broker.ca-file", ca));
        overrides.Add(("broker.client-cert", clientCert));
        overrides.Add(("broker.client-key", clientKey));
        overrides.Add(("client-id", clientId));
        overrides.Add(("mqtt.version", version));
        foreach (var (key, value) in overrides)
        {
            if (value == null) continue;
            int at = lines.FindIndex(l => KeyOf(l) == key);
            if (at >= 0) lines[at] = $"{key} = {value}";
            else lines.Add($"{key} = {value}");
        }
        // A virtual device has no MAC: a fixed one keeps its ClientId (and session) from run to run.
        var result = DeviceConfigParser.Parse(string.Join("\n", lines), new byte[] { 0x02, 0x4E, 0x4D, 0x51, 0x54, 0x54 });
        if (!result.IsValid) throw new InvalidDataException((file ?? "configuration") + ":\n" + result.Errors);
        if (result.Config.UsesStoredDeviceCertificate)
        {
            string where = clientCert != null ? "--client-cert " + clientCert : $"{file}: line {lines.FindIndex(l => KeyOf(l) == "broker.client-cert") + 1}: broker.client-cert = device";
            throw new InvalidDataException(where + ": a PC has no stored device certificate; give a PEM file (--client-cert <pem> --client-key <pem>, or broker.client-cert and broker.client-key)");
        }
        return result.Config;
    }

    /// <summary>True when <paramref name="file"/> names a broker of its own (broker.host).</summary>
    public static bool FileHasBroker(string? file) =>
        file != null && File.Exists(file) && File.ReadAllLines(file).Any(l => KeyOf(l) == "broker.host");

    private static string? KeyOf(string line)
    {
        string t = line.Trim();
        int eq = t.IndexOf('=');
        return t.StartsWith('#') || eq < 0 ? null : t[..eq].Trim().ToLowerInvariant();
    }
}

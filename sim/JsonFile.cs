using System.Text.Json;

namespace NanoMqtt.Sim;

/// <summary>What the embedded broker keeps between runs, as JSON files written atomically.</summary>
internal static class JsonFile
{
    /// <summary>The file's value, or a new one when there is no file or it is not <paramref name="what"/> (a torn or foreign file loses only that, never the start).</summary>
    public static T Load<T>(string file, string what) where T : new()
    {
        if (!File.Exists(file)) return new T();
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(file)) ?? new T();
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            Console.Error.WriteLine($"warning: {file} is not {what} ({e.Message}); starting without it");
            return new T();
        }
    }

    /// <summary>Writes <paramref name="value"/>: a temporary file, then a rename, so a torn write leaves the previous one.</summary>
    public static void Save<T>(string file, T value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        string temp = file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(value));
        File.Move(temp, file, overwrite: true);
    }
}

using NanoMqtt.Link;
using NanoMqtt.Sim;

// dotnet run --project sim [-- demo] [--broker mqtt://host:port|mqtts://host:port] [--user U] [--password P] [--ca FILE]
//   [--config nanomqtt.conf] [--board esp32-devkitc] [--data FOLDER] [--client-id ID] [--mqtt 3.1.1|5] [--plain] [--seconds N]
// dotnet run --project sim -- --devices 50 --broker mqtt://127.0.0.1:1883       (a fleet, status every 5 s)
// dotnet run --project sim -- storm --devices 500 --broker mqtt://127.0.0.1:1883 (the storm scenario)
var options = Options.Parse(args);
if (options.Command == "demo") return await Demo.RunAsync(Console.Out) ? 0 : 1;
if (options.Command == "storm")
{
    if (options.Host == "") throw new ArgumentException("storm needs --broker mqtt://host:port (for example a local Mosquitto)");
    return await Fleet.StormAsync(options.Devices, options.Host, options.Port, Console.Out) ? 0 : 1;
}
if (options.DevicesGiven)
{
    if (options.Host == "") throw new ArgumentException("--devices needs --broker mqtt://host:port (for example a local Mosquitto)");
    Fleet.Run(options.Devices, options.Host, options.Port, Console.Out, options.Seconds);
    return 0;
}

EmbeddedBroker? embedded = null;
string host = options.Host, scheme = options.Scheme;
int port = options.Port;
if (host == "")
{
    embedded = await EmbeddedBroker.StartAsync();
    host = "127.0.0.1";
    port = embedded.Port;
}
try
{
    var config = Setup.Config(options.ConfigFile, host, port, scheme == "mqtts", options.User, options.Password, options.Ca, options.ClientId, options.Version);
    var board = Setup.Board(options.Board);
    string data = options.Data ?? Path.Combine(Environment.CurrentDirectory, ".nanomqtt-sim", config.ClientId);
    var device = new VirtualDevice(config, board, data);
    bool live = !options.Plain && !Console.IsOutputRedirected && !Console.IsInputRedirected;
    Console.WriteLine($"NanoMqtt virtual device {config.ClientId} on board {board.Name}; broker {host}:{port}{(embedded != null ? " (embedded MQTTnet)" : "")}; journal in {data}");
    Console.WriteLine($"Send a command: mosquitto_pub -p {port} -t '{config.TopicPrefix}/out/{board.Outputs[0].Name}/set' -m on -q 1");
    if (live) Console.WriteLine("Keys: l = cut/restore the link, p = power cut, i = press/release the first input, e = end the session, q = quit");
    var view = new View(device, live);
    bool linkUp = true;
    var stop = options.Seconds > 0 ? DateTime.UtcNow.AddSeconds(options.Seconds) : DateTime.MaxValue;
    while (DateTime.UtcNow < stop)
    {
        device.Step();
        view.Render();
        if (!live || !Console.KeyAvailable) continue;
        switch (char.ToLowerInvariant(Console.ReadKey(true).KeyChar))
        {
            case 'l': linkUp = !linkUp; device.SetLink(linkUp); break;
            case 'p': device.PowerCut(); device.SetLink(linkUp); break;
            case 'e': device.App.EndSession(); break;
            case 'i': if (board.Inputs.Length > 0) device.ToggleInput(0); break;
            case 'q': return 0;
        }
    }
    return 0;
}
catch (JournalInUseException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 2;
}
finally
{
    if (embedded != null) await embedded.DisposeAsync();
}

/// <summary>Command-line options.</summary>
internal sealed class Options
{
    public string Command = "";
    public string Scheme = "mqtt", Host = "";
    public int Port = 1883;
    public string? User, Password, Ca, ConfigFile, Data, ClientId, Version;
    public string Board = "esp32-devkitc";
    public bool Plain;
    public int Seconds;
    public int Devices = 100;
    public bool DevicesGiven;

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "demo": o.Command = "demo"; break;
                case "storm": o.Command = "storm"; break;
                case "--devices": o.Devices = int.Parse(Next()); o.DevicesGiven = true; break;
                case "--broker":
                    var uri = new Uri(Next());
                    o.Scheme = uri.Scheme;
                    o.Host = uri.Host;
                    o.Port = uri.Port > 0 ? uri.Port : uri.Scheme == "mqtts" ? 8883 : 1883;
                    break;
                case "--user": o.User = Next(); break;
                case "--password": o.Password = Next(); break;
                case "--ca": o.Ca = Next(); break;
                case "--config": o.ConfigFile = Next(); break;
                case "--board": o.Board = Next(); break;
                case "--data": o.Data = Next(); break;
                case "--client-id": o.ClientId = Next(); break;
                case "--mqtt": o.Version = Next(); break;
                case "--plain": o.Plain = true; break;
                case "--seconds": o.Seconds = int.Parse(Next()); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return o;
    }
}

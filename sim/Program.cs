using NanoMqtt.Link;
using NanoMqtt.Sim;

// dotnet run --project sim -- --help lists every option; a mistake on the command line is one
// line on stderr and exit code 2.
Options? options = Options.Parse(args, out int exit);
if (options == null) return exit;
if (options.Command == "demo") return await Demo.RunAsync(Console.Out) ? 0 : 1;
if (options.Command == "storm")
{
    if (options.Host == "") return Options.Fail("storm needs --broker mqtt://host:port (for example a local Mosquitto)");
    return await Fleet.StormAsync(options.Devices, options.Host, options.Port, Console.Out) ? 0 : 1;
}
if (options.DevicesGiven)
{
    if (options.Host == "") return Options.Fail("--devices needs --broker mqtt://host:port (for example a local Mosquitto)");
    Fleet.Run(options.Devices, options.Host, options.Port, Console.Out, options.Seconds);
    return 0;
}

EmbeddedBroker? embedded = null;
string host = options.Host, scheme = options.Scheme;
int port = options.Port;
if (host == "" && !Setup.FileHasBroker(options.ConfigFile))
{
    string state = Path.Combine(Environment.CurrentDirectory, ".nanomqtt-sim");
    embedded = await EmbeddedBroker.StartAsync(Path.Combine(state, "embedded-broker-retained.json"), Path.Combine(state, "embedded-broker-sessions.json"));
    host = "127.0.0.1";
    port = embedded.Port;
}
try
{
    var config = Setup.Config(options.ConfigFile, host, port, scheme == "mqtts", options.User, options.Password, options.Ca, options.ClientId, options.Version, options.ClientCert, options.ClientKey);
    var board = Setup.Board(options.Board);
    string data = options.Data ?? Path.Combine(Environment.CurrentDirectory, ".nanomqtt-sim", config.ClientId);
    var device = new VirtualDevice(config, board, data);
    bool live = !options.Plain && !Console.IsOutputRedirected && !Console.IsInputRedirected;
    var header = new List<string>
    {
        $"NanoMqtt virtual device {config.ClientId} on board {board.Name}; MQTT {(config.Version == NanoMqtt.Protocol.MqttVersion.V311 ? "3.1.1" : "5.0")}",
        $"broker {config.BrokerHost}:{config.BrokerPort}{(config.BrokerTls ? " (TLS)" : "")}{(embedded != null ? " (embedded MQTTnet)" : "")}; journal in {data}",
        $"Send a command: mosquitto_pub -h {config.BrokerHost} -p {config.BrokerPort} -t '{config.TopicPrefix}/out/{board.Outputs[0].Name}/set' -m on -q 1",
        $"Watch it:       mosquitto_sub -h {config.BrokerHost} -p {config.BrokerPort} -t '{config.TopicPrefix}/#' -v",
    };
    if (live) header.Add("Keys: l link cut/restore  p power cut  i first input  e end the session  q quit");
    foreach (string line in header) Console.WriteLine(line);
    var view = new View(device, live, View.Rows(header, View.Size(() => Console.WindowWidth, 80)));
    bool linkUp = true;
    var stop = options.Seconds > 0 ? DateTime.UtcNow.AddSeconds(options.Seconds) : DateTime.MaxValue;
    view.Run(() =>
    {
        if (DateTime.UtcNow >= stop) return false;
        device.Step();
        if (!live || !Console.KeyAvailable) return true;
        switch (char.ToLowerInvariant(Console.ReadKey(true).KeyChar))
        {
            case 'l': linkUp = !linkUp; device.SetLink(linkUp); break;
            case 'p': device.PowerCut(); device.SetLink(linkUp); break;
            case 'e': device.App.EndSession(); break;
            case 'i': if (board.Inputs.Length > 0) device.ToggleInput(0); break;
            case 'q': return false;
        }
        return true;
    });
    return 0;
}
catch (JournalInUseException e)
{
    return Options.Fail(e.Message);
}
catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
{
    // A board or configuration file that is missing or wrong: what and where, never a stack trace.
    return Options.Fail(e.Message);
}
finally
{
    if (embedded != null) await embedded.DisposeAsync();
}


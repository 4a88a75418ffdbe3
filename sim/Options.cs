using System.CommandLine;

namespace NanoMqtt.Sim;

/// <summary>The virtual device's command line (System.CommandLine): one device, a fleet, the storm or the demo.</summary>
internal sealed class Options
{
    public string Command = "";
    public string Scheme = "mqtt", Host = "";
    public int Port = 1883;
    public string? User, Password, Ca, ClientCert, ClientKey, ConfigFile, Data, ClientId, Version;
    public string Board = "esp32-devkitc";
    public bool Plain;
    public int Seconds;
    public int Devices = 100;
    public bool DevicesGiven;

    /// <summary>One line on stderr for a user's mistake; exit code 2.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 2;
    }

    /// <summary>The options, or null with the exit code when the command line was wrong or asked for help.</summary>
    public static Options? Parse(string[] args, out int exit)
    {
        var broker = new Option<string?>("--broker") { Description = "broker as mqtt://host:port or mqtts://host:port (default: an embedded MQTTnet broker)" };
        broker.Validators.Add(r =>
        {
            string? text = r.GetValueOrDefault<string?>();
            if (text != null && BrokerError(text) is string error) r.AddError(error);
        });
        var user = new Option<string?>("--user") { Description = "broker user name" };
        var password = new Option<string?>("--password") { Description = "broker password" };
        var ca = new Option<string?>("--ca") { Description = "CA certificate (PEM) for mqtts://" };
        var clientCert = new Option<string?>("--client-cert") { Description = "client certificate (PEM) for mutual TLS with mqtts://; needs --client-key" };
        var clientKey = new Option<string?>("--client-key") { Description = "the client certificate's private key (PEM; an encrypted one's password: broker.client-key-password in --config)" };
        var config = new Option<string?>("--config") { Description = "device configuration file (key = value lines, as on the board's I:\\nanomqtt.conf)" };
        var board = new Option<string>("--board") { Description = "board profile from boards/", DefaultValueFactory = _ => "esp32-devkitc" };
        var data = new Option<string?>("--data") { Description = "journal folder (default .nanomqtt-sim/<client-id>); one device per folder" };
        var clientId = new Option<string?>("--client-id") { Description = "ClientId (default nanomqtt-<MAC of this PC>)" };
        var mqtt = new Option<string?>("--mqtt") { Description = "protocol version: 3.1.1 or 5 (default 5)" };
        mqtt.AcceptOnlyFromAmong("3.1.1", "5", "5.0", "4");
        var plain = new Option<bool>("--plain") { Description = "one log line per event instead of the live view (what runs when output is not a terminal)" };
        var seconds = new Option<int>("--seconds") { Description = "stop after this many seconds (0: run until q)" };
        seconds.Validators.Add(r => { if (Number(r) is < 0) r.AddError("--seconds must be 0 or more"); });
        var devices = new Option<int>("--devices") { Description = "run a fleet of this many virtual devices against --broker (storm: default 100)" };
        devices.Validators.Add(r => { if (Number(r) is < 1 or > 10000) r.AddError("--devices must be 1-10000"); });

        var root = new RootCommand("NanoMqtt virtual device: the GPIO app on a PC, with a persistent MQTT session in a journal on disk.");
        foreach (Option o in new Option[] { broker, user, password, ca, clientCert, clientKey, config, board, data, clientId, mqtt, plain, seconds, devices }) root.Options.Add(o);
        var demo = new Command("demo", "replay the persistent-session walkthrough against the embedded broker; exit 0 only if every step behaved as narrated");
        var storm = new Command("storm", "the reconnect storm scenario: --devices against --broker, the broker restarted mid-way");
        storm.Options.Add(broker);
        storm.Options.Add(devices);
        root.Subcommands.Add(demo);
        root.Subcommands.Add(storm);

        Options? parsed = null;
        void Take(ParseResult r, string command)
        {
            var o = new Options { Command = command };
            string? b = r.GetValue(broker);
            if (b != null)
            {
                var uri = new Uri(b);
                o.Scheme = uri.Scheme;
                o.Host = uri.Host;
                o.Port = uri.Port > 0 ? uri.Port : uri.Scheme == "mqtts" ? 8883 : 1883;
            }
            int n = r.GetValue(devices);
            o.Devices = n > 0 ? n : 100;
            o.DevicesGiven = n > 0;
            if (command == "")
            {
                o.User = r.GetValue(user);
                o.Password = r.GetValue(password);
                o.Ca = r.GetValue(ca);
                o.ClientCert = r.GetValue(clientCert);
                o.ClientKey = r.GetValue(clientKey);
                o.ConfigFile = r.GetValue(config);
                o.Board = r.GetValue(board)!;
                o.Data = r.GetValue(data);
                o.ClientId = r.GetValue(clientId);
                string? v = r.GetValue(mqtt);
                o.Version = v is "4" ? "3.1.1" : v is "5.0" ? "5" : v;
                o.Plain = r.GetValue(plain);
                o.Seconds = r.GetValue(seconds);
            }
            parsed = o;
        }
        root.SetAction(r => Take(r, ""));
        demo.SetAction(r => Take(r, "demo"));
        storm.SetAction(r => Take(r, "storm"));

        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var e in result.Errors) Console.Error.WriteLine("error: " + e.Message);
            Console.Error.WriteLine("(--help lists the options)");
            exit = 2;
            return null;
        }
        exit = result.Invoke();
        return parsed;
    }

    // The option's number, or null when it is absent or not a number (the parser reports that itself).
    private static int? Number(System.CommandLine.Parsing.OptionResult r) =>
        r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, out int n) ? n : null;

    // Only an MQTT URL with a host: http:// or a bare word is a mistake, not a fallback.
    private static string? BrokerError(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) return $"--broker {text}: expected mqtt://host:port or mqtts://host:port";
        if (uri.Scheme != "mqtt" && uri.Scheme != "mqtts") return $"--broker {text}: the scheme must be mqtt:// or mqtts://";
        if (uri.Host.Length == 0) return $"--broker {text}: no host";
        if (uri.AbsolutePath.Length > 1) return $"--broker {text}: a broker URL has no path";
        return null;
    }
}

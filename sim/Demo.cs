using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace NanoMqtt.Sim;

/// <summary>
/// The persistent-session walkthrough, step by step against the embedded broker, narrated and
/// checked: it returns true only if every step behaved as narrated.
/// </summary>
public static class Demo
{
    public static async Task<bool> RunAsync(TextWriter output)
    {
        int failures = 0;
        void Say(string text) => output.WriteLine(text);
        void Check(bool ok, string what)
        {
            output.WriteLine($"  {(ok ? "ok  " : "FAIL")} {what}");
            if (!ok) failures++;
        }

        string data = Path.Combine(Path.GetTempPath(), "nanomqtt-demo-" + Guid.NewGuid().ToString("N"));
        await using var broker = await EmbeddedBroker.StartAsync();
        try
        {
            var config = Setup.Config(null, "127.0.0.1", broker.Port, false, null, null, null, null, null);
            var device = new VirtualDevice(config, Setup.Board("esp32-devkitc"), data);
            string prefix = device.Prefix;

            Say($"1. The device boots and connects with a fixed ClientId ({device.ClientId}), Clean Start 0, Session Expiry {device.Session.SessionExpirySeconds} s.");
            device.SetLink(true);
            Check(device.RunUntil(() => device.Driver.State == Link.LinkState.Online && device.Engine.State.HasFingerprint, 5000), "online and subscribed to " + device.Session.Subscriptions[0]);
            Check(!device.LastSessionPresent, "Session Present 0: a new session");

            Say("2. The link goes down.");
            device.SetLink(false);

            Say("3. While it is offline a backend publishes: relay-1 'on' (QoS 1), led 'pulse:300' (QoS 2), relay-2 'explode' (QoS 1).");
            using (var backend = new MqttClientFactory().CreateMqttClient())
            {
                await backend.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("backend").Build());
                await Send(backend, $"{prefix}/out/relay-1/set", "on", 1);
                await Send(backend, $"{prefix}/out/led/set", "pulse:300", 2);
                await Send(backend, $"{prefix}/out/relay-2/set", "explode", 1);
                await backend.DisconnectAsync();
            }

            Say("4. The link comes back: the broker resumes the session and delivers what it queued.");
            device.SetLink(true);
            Check(device.RunUntil(() => device.Driver.State == Link.LinkState.Online && device.Commands.Applied >= 2 && device.Commands.Refused >= 1, 5000), "the queued commands arrived");
            Check(device.LastSessionPresent, "Session Present 1");
            Check(device.Lamp("relay-1"), "relay-1 is on");
            Check(device.Commands.Pulsing(2) || device.Pins.History.Any(h => h.Pin == device.Board.FindOutput("led")!.Pin && h.High), "led pulsed");
            Check(device.Commands.Refused == 1, "'explode' refused and reported on " + prefix + "/status");
            Check(!device.Lamp("relay-2"), "relay-2 unchanged");

            Say("5. A QoS 2 'toggle' for relay-2 is on its way (the broker sent it, the device has not read it) when the power goes.");
            using (var backend = new MqttClientFactory().CreateMqttClient())
            {
                await backend.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("backend").Build());
                await Send(backend, $"{prefix}/out/relay-2/set", "toggle", 2);
                await Task.Delay(300);
                device.PowerCut();
                Check(!device.Lamp("relay-2"), "after the power cut the journal restored the outputs, before any network: relay-2 still off");
                device.SetLink(true);
                Check(device.RunUntil(() => device.Driver.State == Link.LinkState.Online && device.Lamp("relay-2"), 5000),
                    "reconnected: the broker delivered the toggle again");
                device.RunUntil(() => false, 300);
                Check(device.Lamp("relay-2"), "relay-2 on: the toggle was applied exactly once");
                Check(device.Lamp("relay-1"), "relay-1 still on from step 4 (restored from the journal)");
                await backend.DisconnectAsync();
            }

            Say("6. The session is ended on purpose (decommission): \"offline\" retained, then DISCONNECT with Session Expiry 0.");
            device.App.EndSession();
            Check(device.RunUntil(() => device.Log.Any(l => l.EndsWith("session ended")), 5000), "session ended");
            bool received = false;
            uint expiry = 0;
            for (int i = 0; i < 100 && !(received = broker.LastDisconnectExpiry.TryGetValue(device.ClientId, out expiry)); i++) await Task.Delay(20);
            Check(received && expiry == 0, "the broker received DISCONNECT with Session Expiry 0");
            Check(device.Driver.State != Link.LinkState.Online && !device.RunUntil(() => device.Driver.State == Link.LinkState.Online, 1000), "the device stays offline");
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
        Say(failures == 0 ? "demo passed" : $"demo FAILED: {failures} check(s)");
        return failures == 0;
    }

    private static Task Send(IMqttClient client, string topic, string payload, int qos) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).Build());
}

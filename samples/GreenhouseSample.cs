using System.Diagnostics;
using System.Threading;
using NanoMqtt.Client;
using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;

public static class GreenhouseSample
{
    public static void Run(IFileStore flash, ITransport network, IClock clock, IRandom random)
    {
        SessionConfig session = new SessionConfig();
        session.ClientId = "greenhouse-7";                 // fixed: the broker keeps the session under it
        session.SessionExpirySeconds = 7 * 86400;          // and keeps it a week while the device is off
        session.Subscriptions = new string[] { "greenhouse-7/cmd/#" };
        session.SubscriptionOptions = new byte[] { 2 };    // QoS 2
        LinkConfig link = new LinkConfig();
        link.Host = "broker.example.com";

        MqttSessionClient client = new MqttSessionClient(session, link, flash, network, clock, random);
        client.Connected += OnConnected;
        client.MessageReceived += OnMessage;
        client.Connect();
        long nextReading = 0;
        while (true)
        {
            client.Poll();
            if (clock.NowMs < nextReading) continue;
            nextReading = clock.NowMs + 60000;
            // Accepted means on flash: it reaches the broker across Wi-Fi drops and power cuts.
            PublishResult r = client.Publish("greenhouse-7/temperature", new byte[] { 0x32, 0x31 }, 1, false);
            if (r != PublishResult.Accepted) Debug.WriteLine("not stored: " + (int)r);
            Thread.Sleep(10);
        }
    }

    private static void OnConnected(MqttSessionClient sender, bool sessionPresent) { Debug.WriteLine(sessionPresent ? "resumed" : "new session"); }
    private static void OnMessage(MqttSessionClient sender, PublishPacket m) { Debug.WriteLine(m.Topic.ToString() + " = " + m.Payload.ToString()); }
}

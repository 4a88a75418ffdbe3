using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Config
{
    /// <summary>
    /// The device configuration (<c>I:\nanomqtt.conf</c>), validated and with every default filled
    /// in. Made by <see cref="DeviceConfigParser"/>; <see cref="ApplyTo"/> sizes the session engine
    /// and the link driver from it. The passwords are never part of <see cref="ToString"/>.
    /// </summary>
    public sealed class DeviceConfig
    {
        internal DeviceConfig()
        {
        }

        /// <summary><c>broker.host</c>: the broker's host name or address (required).</summary>
        public string BrokerHost { get; internal set; }
        /// <summary><c>broker.port</c>: default 1883, or 8883 with TLS.</summary>
        public int BrokerPort { get; internal set; }
        /// <summary><c>broker.tls</c>: default false.</summary>
        public bool BrokerTls { get; internal set; }
        /// <summary><c>broker.ca-file</c>: path of the CA certificate on the device, or null.</summary>
        public string BrokerCaFile { get; internal set; }
        /// <summary><c>broker.client-cert</c>: path of the client certificate (PEM) for mutual TLS,
        /// <see cref="DeviceConfigValues.StoredDeviceCertificate"/> for the one stored on the device, or null.</summary>
        public string BrokerClientCert { get; internal set; }
        /// <summary><c>broker.client-key</c>: path of the client certificate's private key (PEM), or null.</summary>
        public string BrokerClientKey { get; internal set; }
        /// <summary><c>broker.client-key-password</c>: the private key's password, or null. Never logged.</summary>
        public string BrokerClientKeyPassword { get; internal set; }
        /// <summary>True when the TLS handshake presents the certificate stored on the device.</summary>
        public bool UsesStoredDeviceCertificate
        {
            get { return BrokerClientCert == DeviceConfigValues.StoredDeviceCertificate; }
        }
        /// <summary><c>broker.user</c>, or null.</summary>
        public string BrokerUser { get; internal set; }
        /// <summary><c>broker.password</c>, or null. Never logged.</summary>
        public string BrokerPassword { get; internal set; }
        /// <summary><c>client-id</c>: default <c>nanomqtt-&lt;MAC as 12 lowercase hex digits&gt;</c>.</summary>
        public string ClientId { get; internal set; }
        /// <summary><c>mqtt.version</c>: default 5.0.</summary>
        public MqttVersion Version { get; internal set; }
        /// <summary><c>mqtt.keep-alive</c> in seconds: default 60.</summary>
        public ushort KeepAliveSeconds { get; internal set; }
        /// <summary><c>mqtt.session-expiry</c> in seconds: default 86400; 0xFFFFFFFF (<c>never</c>) never expires.</summary>
        public uint SessionExpirySeconds { get; internal set; }
        /// <summary><c>topic.prefix</c>: default <c>nanomqtt/&lt;client-id&gt;</c>.</summary>
        public string TopicPrefix { get; internal set; }
        /// <summary><c>board</c>: the board profile's name, default <see cref="Boards.DefaultName"/>.</summary>
        public string Board { get; internal set; }
        /// <summary><c>max-packet</c>: largest MQTT packet in bytes, default 1024.</summary>
        public int MaxPacketSize { get; internal set; }
        /// <summary><c>inflight</c>: outgoing QoS 1/2 messages in flight, default 16.</summary>
        public int Inflight { get; internal set; }
        /// <summary><c>incoming-qos2</c>: incoming QoS 2 ids awaiting PUBREL, default 32.</summary>
        public int IncomingQoS2 { get; internal set; }
        /// <summary><c>outbox.messages</c>: default 64.</summary>
        public int OutboxMessages { get; internal set; }
        /// <summary><c>outbox.bytes</c>: default 16384.</summary>
        public int OutboxBytes { get; internal set; }
        /// <summary><c>outbox.policy</c>: default drop-oldest.</summary>
        public OutboxPolicy OutboxPolicy { get; internal set; }
        /// <summary><c>journal.bytes</c>: default 65536.</summary>
        public int JournalBytes { get; internal set; }
        /// <summary><c>commands.qos</c>: the QoS the command subscription asks for, default 2 (1 for brokers
        /// without QoS 2, such as AWS IoT Core and Azure IoT Hub: toggle and pulse may then apply twice).</summary>
        public byte CommandsQoS { get; internal set; }
        /// <summary><c>wifi.ssid</c>, or null to use the credentials stored by <c>nanoff --networkdeployment</c>.</summary>
        public string WifiSsid { get; internal set; }
        /// <summary><c>wifi.password</c>, or null (open network, or stored credentials). Never logged.</summary>
        public string WifiPassword { get; internal set; }

        /// <summary>Online/offline status and Last Will topic: <c>&lt;prefix&gt;/status</c>.</summary>
        public string StatusTopic
        {
            get { return TopicPrefix + "/status"; }
        }

        /// <summary>The command subscription: <c>&lt;prefix&gt;/out/+/set</c>.</summary>
        public string CommandFilter
        {
            get { return TopicPrefix + "/out/+/set"; }
        }

        /// <summary>
        /// Fills <paramref name="session"/> (client id, credentials, version, keep-alive, expiry,
        /// Last Will on the status topic, budgets, outbox policy, the command subscription at QoS 2)
        /// and <paramref name="link"/> (host, port, TLS, status topic). Other fields keep their values.
        /// </summary>
        public void ApplyTo(SessionConfig session, LinkConfig link)
        {
            if (session == null) throw new System.ArgumentNullException("session");
            if (link == null) throw new System.ArgumentNullException("link");
            session.Version = Version;
            session.ClientId = ClientId;
            session.KeepAliveSeconds = KeepAliveSeconds;
            session.SessionExpirySeconds = SessionExpirySeconds;
            session.UserName = BrokerUser;
            session.Password = BrokerPassword;
            session.WillTopic = StatusTopic;
            session.MaxPacketSize = MaxPacketSize;
            session.InflightCapacity = Inflight;
            session.IncomingQoS2Capacity = IncomingQoS2;
            session.OutboxMessages = OutboxMessages;
            session.OutboxBytes = OutboxBytes;
            session.OutboxPolicy = OutboxPolicy;
            session.JournalBytes = JournalBytes;
            session.Subscriptions = new string[] { CommandFilter };
            session.SubscriptionOptions = new byte[] { CommandsQoS };
            link.Host = BrokerHost;
            link.Port = BrokerPort;
            link.Tls = BrokerTls;
        }

        /// <summary>Every setting as "key = value" lines for a log; passwords show only whether they are set.</summary>
        public override string ToString()
        {
            return "broker.host = " + BrokerHost
                + "\nbroker.port = " + BrokerPort.ToString()
                + "\nbroker.tls = " + (BrokerTls ? "true" : "false")
                + "\nbroker.ca-file = " + Shown(BrokerCaFile)
                + "\nbroker.client-cert = " + Shown(BrokerClientCert)
                + "\nbroker.client-key = " + Shown(BrokerClientKey)
                + "\nbroker.client-key-password = " + Secret(BrokerClientKeyPassword)
                + "\nbroker.user = " + Shown(BrokerUser)
                + "\nbroker.password = " + Secret(BrokerPassword)
                + "\nclient-id = " + ClientId
                + "\nmqtt.version = " + DeviceConfigValues.VersionName(Version)
                + "\nmqtt.keep-alive = " + KeepAliveSeconds.ToString()
                + "\nmqtt.session-expiry = " + (SessionExpirySeconds == DeviceConfigValues.NeverExpires ? "never" : SessionExpirySeconds.ToString())
                + "\ntopic.prefix = " + TopicPrefix
                + "\nboard = " + Board
                + "\nmax-packet = " + MaxPacketSize.ToString()
                + "\ninflight = " + Inflight.ToString()
                + "\nincoming-qos2 = " + IncomingQoS2.ToString()
                + "\noutbox.messages = " + OutboxMessages.ToString()
                + "\noutbox.bytes = " + OutboxBytes.ToString()
                + "\noutbox.policy = " + DeviceConfigValues.PolicyName(OutboxPolicy)
                + "\njournal.bytes = " + JournalBytes.ToString()
                + "\ncommands.qos = " + CommandsQoS.ToString()
                + "\nwifi.ssid = " + Shown(WifiSsid)
                + "\nwifi.password = " + Secret(WifiPassword);
        }

        private static string Shown(string value)
        {
            return value == null ? "(none)" : value;
        }

        private static string Secret(string value)
        {
            return value == null ? "(none)" : "(set)";
        }
    }
}

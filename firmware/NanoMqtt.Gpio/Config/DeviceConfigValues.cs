using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Config
{
    /// <summary>
    /// The keys of the device configuration, their defaults and limits, and how one value is read.
    /// A problem is returned as text without the key; it never contains the value of a secret key.
    /// </summary>
    public static class DeviceConfigValues
    {
        /// <summary>Every key, in the order the documentation lists them.</summary>
        public static readonly string[] Keys = new string[]
        {
            "broker.host", "broker.port", "broker.tls", "broker.ca-file", "broker.user", "broker.password",
            "client-id", "mqtt.version", "mqtt.keep-alive", "mqtt.session-expiry", "topic.prefix", "board",
            "max-packet", "inflight", "incoming-qos2", "outbox.messages", "outbox.bytes", "outbox.policy",
            "journal.bytes", "wifi.ssid", "wifi.password",
            "broker.client-cert", "broker.client-key", "broker.client-key-password", "commands.qos",
        };

        internal const int BrokerHost = 0;
        internal const int BrokerPort = 1;
        internal const int BrokerTls = 2;
        internal const int BrokerCaFile = 3;
        internal const int BrokerUser = 4;
        internal const int BrokerPassword = 5;
        internal const int ClientId = 6;
        internal const int Version = 7;
        internal const int KeepAlive = 8;
        internal const int SessionExpiry = 9;
        internal const int TopicPrefix = 10;
        internal const int Board = 11;
        internal const int MaxPacket = 12;
        internal const int Inflight = 13;
        internal const int IncomingQoS2 = 14;
        internal const int OutboxMessages = 15;
        internal const int OutboxBytes = 16;
        internal const int Policy = 17;
        internal const int JournalBytes = 18;
        internal const int WifiSsid = 19;
        internal const int WifiPassword = 20;
        internal const int ClientCert = 21;
        internal const int ClientKey = 22;
        internal const int ClientKeyPassword = 23;
        internal const int CommandsQoS = 24;

        /// <summary><c>broker.client-cert = device</c>: the certificate and key stored on the device (nanoff, Device Explorer).</summary>
        public const string StoredDeviceCertificate = "device";

        /// <summary>Session Expiry Interval that never expires (<c>mqtt.session-expiry = never</c>).</summary>
        public const uint NeverExpires = 0xFFFFFFFF;
        /// <summary>Broker port without TLS.</summary>
        public const int DefaultPort = 1883;
        /// <summary>Broker port with TLS.</summary>
        public const int DefaultTlsPort = 8883;
        /// <summary>Keep Alive in seconds.</summary>
        public const int DefaultKeepAlive = 60;
        /// <summary>Session Expiry Interval in seconds (one day).</summary>
        public const uint DefaultSessionExpiry = 86400;
        /// <summary>Largest MQTT packet in bytes.</summary>
        public const int DefaultMaxPacket = 1024;
        /// <summary>Outgoing in-flight slots.</summary>
        public const int DefaultInflight = 16;
        /// <summary>Incoming QoS 2 ids.</summary>
        public const int DefaultIncomingQoS2 = 32;
        /// <summary>Outbox messages.</summary>
        public const int DefaultOutboxMessages = 64;
        /// <summary>Outbox flash bytes.</summary>
        public const int DefaultOutboxBytes = 16384;
        /// <summary>Journal bound on flash in bytes.</summary>
        public const int DefaultJournalBytes = 65536;
        /// <summary>Longest client id accepted (MQTT 3.1.1 only promises 23; common brokers take more).</summary>
        public const int MaxClientIdLength = 64;
        /// <summary>Longest topic prefix.</summary>
        public const int MaxTopicPrefixLength = 128;
        /// <summary>Longest user name or password.</summary>
        public const int MaxCredentialLength = 256;

        /// <summary>The index of <paramref name="key"/> in <see cref="Keys"/>, or -1.</summary>
        public static int IndexOf(string key)
        {
            for (int i = 0; i < Keys.Length; i++)
            {
                if (Keys[i] == key) return i;
            }
            return -1;
        }

        /// <summary>True for the keys whose values never appear in a message or log.</summary>
        public static bool IsSecret(int key)
        {
            return key == BrokerPassword || key == WifiPassword || key == ClientKeyPassword;
        }

        /// <summary>"3.1.1" or "5.0".</summary>
        public static string VersionName(MqttVersion version)
        {
            return version == MqttVersion.V311 ? "3.1.1" : "5.0";
        }

        /// <summary>"drop-oldest", "drop-newest" or "replace-same-topic".</summary>
        public static string PolicyName(OutboxPolicy policy)
        {
            if (policy == OutboxPolicy.DropNewest) return "drop-newest";
            if (policy == OutboxPolicy.ReplaceSameTopic) return "replace-same-topic";
            return "drop-oldest";
        }

        /// <summary>A configuration with every default that needs no MAC or host.</summary>
        internal static DeviceConfig Defaults()
        {
            DeviceConfig c = new DeviceConfig();
            c.Version = MqttVersion.V500;
            c.KeepAliveSeconds = DefaultKeepAlive;
            c.SessionExpirySeconds = DefaultSessionExpiry;
            c.Board = Boards.DefaultName;
            c.MaxPacketSize = DefaultMaxPacket;
            c.Inflight = DefaultInflight;
            c.IncomingQoS2 = DefaultIncomingQoS2;
            c.OutboxMessages = DefaultOutboxMessages;
            c.OutboxBytes = DefaultOutboxBytes;
            c.OutboxPolicy = OutboxPolicy.DropOldest;
            c.JournalBytes = DefaultJournalBytes;
            c.CommandsQoS = 2;
            return c;
        }

        /// <summary>Reads <paramref name="value"/> (trimmed, not empty) into <paramref name="c"/>; the problem, or null.</summary>
        internal static string Apply(DeviceConfig c, int key, string value)
        {
            int n;
            switch (key)
            {
                case BrokerHost:
                    c.BrokerHost = value;
                    return HostProblem(value);
                case BrokerPort:
                    if (!ConfigText.TryParseInt(value, 1, 65535, out n)) return ConfigText.Quote(value) + " is not a port (1-65535)";
                    c.BrokerPort = n;
                    return null;
                case BrokerTls:
                    string b = value.ToLower();
                    if (b != "true" && b != "false") return "expected true or false, not " + ConfigText.Quote(value);
                    c.BrokerTls = b == "true";
                    return null;
                case BrokerCaFile:
                    c.BrokerCaFile = value;
                    return null;
                case BrokerUser:
                    if (value.Length > MaxCredentialLength) return "longer than " + MaxCredentialLength.ToString() + " characters";
                    c.BrokerUser = value;
                    return null;
                case BrokerPassword:
                    if (value.Length > MaxCredentialLength) return "longer than " + MaxCredentialLength.ToString() + " characters";
                    c.BrokerPassword = value;
                    return null;
                case ClientId:
                    if (!IsClientId(value)) return ConfigText.Quote(value) + ": use 1-" + MaxClientIdLength.ToString() + " characters of A-Z, a-z, 0-9, '-', '_', '.'";
                    c.ClientId = value;
                    return null;
                case Version:
                    if (value == "3.1.1") c.Version = MqttVersion.V311;
                    else if (value == "5" || value == "5.0") c.Version = MqttVersion.V500;
                    else return "expected 3.1.1 or 5.0, not " + ConfigText.Quote(value);
                    return null;
                case KeepAlive:
                    if (!ConfigText.TryParseInt(value, 0, 65535, out n)) return ConfigText.Quote(value) + " is not a number of seconds (0-65535; 0 turns keep-alive off)";
                    c.KeepAliveSeconds = (ushort)n;
                    return null;
                case SessionExpiry:
                    return ApplyExpiry(c, value);
                case TopicPrefix:
                    c.TopicPrefix = value;
                    return PrefixProblem(value);
                case Board:
                    if (!ConfigText.IsName(value, BoardProfileParser.MaxBoardNameLength)) return ConfigText.Quote(value) + " is not a board name (a-z, 0-9, '-', '_')";
                    c.Board = value;
                    return null;
                case Policy:
                    string p = value.ToLower();
                    if (p == "drop-oldest") c.OutboxPolicy = OutboxPolicy.DropOldest;
                    else if (p == "drop-newest") c.OutboxPolicy = OutboxPolicy.DropNewest;
                    else if (p == "replace-same-topic") c.OutboxPolicy = OutboxPolicy.ReplaceSameTopic;
                    else return "expected drop-oldest, drop-newest or replace-same-topic, not " + ConfigText.Quote(value);
                    return null;
                case WifiSsid:
                    if (value.Length > 32) return "longer than 32 characters";
                    c.WifiSsid = value;
                    return null;
                case ClientCert:
                    c.BrokerClientCert = value.ToLower() == StoredDeviceCertificate ? StoredDeviceCertificate : value;
                    return null;
                case ClientKey:
                    c.BrokerClientKey = value;
                    return null;
                case ClientKeyPassword:
                    if (value.Length > MaxCredentialLength) return "longer than " + MaxCredentialLength.ToString() + " characters";
                    c.BrokerClientKeyPassword = value;
                    return null;
                case CommandsQoS:
                    if (value != "1" && value != "2") return "expected 1 or 2, not " + ConfigText.Quote(value) + " (QoS 0 would lose the commands sent while the device is offline)";
                    c.CommandsQoS = (byte)(value[0] - '0');
                    return null;
                case WifiPassword:
                    if (value.Length < 8 || value.Length > 64) return "a WPA2 passphrase has 8-63 characters (or 64 hex digits)";
                    c.WifiPassword = value;
                    return null;
                default:
                    return ApplyBudget(c, key, value);
            }
        }

        private static string ApplyBudget(DeviceConfig c, int key, string value)
        {
            int min;
            int max;
            Limits(key, out min, out max);
            int n;
            if (!ConfigText.TryParseInt(value, min, max, out n)) return ConfigText.Quote(value) + " is not a number in " + min.ToString() + "-" + max.ToString();
            if (key == MaxPacket) c.MaxPacketSize = n;
            else if (key == Inflight) c.Inflight = n;
            else if (key == IncomingQoS2) c.IncomingQoS2 = n;
            else if (key == OutboxMessages) c.OutboxMessages = n;
            else if (key == OutboxBytes) c.OutboxBytes = n;
            else c.JournalBytes = n;
            return null;
        }

        private static void Limits(int key, out int min, out int max)
        {
            switch (key)
            {
                case MaxPacket: min = 128; max = 65535; return;
                case Inflight: min = 1; max = 64; return;
                case IncomingQoS2: min = 1; max = 128; return;
                case OutboxMessages: min = 1; max = 1024; return;
                case OutboxBytes: min = 256; max = 1048576; return;
                default: min = 512; max = 4194304; return;
            }
        }

        private static string ApplyExpiry(DeviceConfig c, string value)
        {
            if (value.ToLower() == "never")
            {
                c.SessionExpirySeconds = NeverExpires;
                return null;
            }
            uint seconds;
            if (!ConfigText.TryParseUInt(value, out seconds)) return ConfigText.Quote(value) + " is not a number of seconds (1-4294967295) or never";
            if (seconds == 0) return "0 would end the session at every disconnect; give 1-4294967295 seconds or never";
            c.SessionExpirySeconds = seconds;
            return null;
        }

        private static string HostProblem(string host)
        {
            if (host.IndexOf("://") >= 0) return "give the host name only, without a scheme like mqtt://";
            if (ConfigText.HasBlank(host) || host.IndexOf('/') >= 0) return ConfigText.Quote(host) + " is not a host name";
            int colon = host.IndexOf(':');
            if (colon >= 0 && host.IndexOf(':', colon + 1) < 0) return "give the port in broker.port, not after ':'";
            if (host.Length > 253) return "longer than 253 characters";
            return null;
        }

        private static string PrefixProblem(string prefix)
        {
            if (prefix.IndexOf('+') >= 0 || prefix.IndexOf('#') >= 0) return ConfigText.Quote(prefix) + " contains a wildcard ('+' or '#')";
            if (prefix[prefix.Length - 1] == '/') return ConfigText.Quote(prefix) + " ends with '/'";
            if (prefix[0] == '$') return ConfigText.Quote(prefix) + " starts with '$', which brokers reserve";
            if (prefix.Length > MaxTopicPrefixLength) return "longer than " + MaxTopicPrefixLength.ToString() + " characters";
            return null;
        }

        /// <summary>True for 1-64 characters of A-Z, a-z, 0-9, '-', '_', '.'.</summary>
        public static bool IsClientId(string id)
        {
            if (id == null || id.Length == 0 || id.Length > MaxClientIdLength) return false;
            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok) return false;
            }
            return true;
        }
    }
}

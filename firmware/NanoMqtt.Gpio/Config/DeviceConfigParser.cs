namespace NanoMqtt.Config
{
    /// <summary>
    /// Reads the device configuration (<c>I:\nanomqtt.conf</c> on the device): <c>key = value</c>
    /// lines, '#' comment lines, blank lines. The caller passes the file's text and the MAC.
    /// </summary>
    /// <remarks>
    /// Keys (case-insensitive) and defaults:
    /// <code>
    /// broker.host          required; a host name or address, no scheme, no port
    /// broker.port          1883, or 8883 when broker.tls = true (1-65535)
    /// broker.tls           false (true | false)
    /// broker.ca-file       none; a path on the device; needs broker.tls = true
    /// broker.client-cert   none; a path on the device (PEM) for mutual TLS, or "device" for the
    ///                      certificate stored on the device; needs broker.tls = true
    /// broker.client-key    none; the client certificate's private key (PEM); needs a client-cert file
    /// broker.client-key-password  none; never shown; needs broker.client-key
    /// broker.user          none
    /// broker.password      none; never shown in a message or log; 3.1.1 needs broker.user with it
    /// client-id            nanomqtt-&lt;12 lowercase hex digits of the MAC&gt;; 1-64 of A-Z a-z 0-9 - _ .
    ///                      (MQTT 3.1.1 only promises 23 characters; Mosquitto, EMQX, HiveMQ and
    ///                      MQTTnet take 64)
    /// mqtt.version         5.0 (3.1.1 | 5 | 5.0)
    /// mqtt.keep-alive      60 seconds (0-65535; 0 = off)
    /// mqtt.session-expiry  86400 seconds (1-4294967295 | never = 0xFFFFFFFF); 0 is refused: it
    ///                      would end the persistent session at every disconnect
    /// topic.prefix         nanomqtt/&lt;client-id&gt;; no '+' or '#', no trailing '/', no leading '$'
    /// board                esp32-devkitc (a board profile name)
    /// max-packet           1024 (128-65535)
    /// inflight             16 (1-64)
    /// incoming-qos2        32 (1-128)
    /// outbox.messages      64 (1-1024)
    /// outbox.bytes         16384 (256-1048576); smaller than journal.bytes
    /// outbox.policy        drop-oldest (drop-oldest | drop-newest | replace-same-topic)
    /// journal.bytes        65536 (512-4194304); at least 4 x max-packet
    /// commands.qos         2 (1 | 2); 1 for brokers without QoS 2 (AWS IoT Core, Azure IoT Hub)
    /// wifi.ssid            none: the credentials stored by nanoff --networkdeployment are used
    /// wifi.password        none (open network); 8-64 characters; needs wifi.ssid
    /// </code>
    /// A value is everything after the first '=' with blanks trimmed at both ends ('#' inside a
    /// value is part of it: only whole lines are comments). Every unknown key, malformed line, bad
    /// or repeated value and missing required key gives one message; all are collected.
    /// </remarks>
    public static class DeviceConfigParser
    {
        private const string MacPrefix = "nanomqtt-";

        /// <summary>The default client id for a MAC: <c>nanomqtt-</c> and its 12 lowercase hex digits.</summary>
        public static string DefaultClientId(byte[] mac)
        {
            CheckMac(mac);
            return MacPrefix + ConfigText.ToHex(mac);
        }

        /// <summary>
        /// Parses and validates <paramref name="text"/> (null reads as an empty file).
        /// <paramref name="mac"/> is the 6-byte MAC of the device's network interface.
        /// </summary>
        public static DeviceConfigResult Parse(string text, byte[] mac)
        {
            CheckMac(mac);
            ConfigErrors errors = new ConfigErrors();
            DeviceConfig c = DeviceConfigValues.Defaults();
            int[] lineOf = new int[DeviceConfigValues.Keys.Length];
            bool[] bad = new bool[DeviceConfigValues.Keys.Length];
            string[] lines = ConfigText.Lines(text);
            string[] secrets = Secrets(lines);
            for (int i = 0; i < lines.Length; i++)
            {
                if (!ConfigText.IsBlankOrComment(lines[i])) ReadLine(c, lines[i], i + 1, lineOf, bad, secrets, errors);
            }
            FillDefaults(c, mac, lineOf);
            CheckTogether(c, lineOf, bad, errors);
            return new DeviceConfigResult(errors.Count == 0 ? c : null, errors);
        }

        private static void CheckMac(byte[] mac)
        {
            if (mac == null || mac.Length != 6) throw new System.ArgumentException("mac must be the 6 bytes of the network interface's MAC address");
        }

        /// <summary>The values of the password lines, lower-cased, so no message quotes them elsewhere (a password pasted as a key, say).</summary>
        private static string[] Secrets(string[] lines)
        {
            System.Collections.ArrayList found = new System.Collections.ArrayList();
            for (int i = 0; i < lines.Length; i++)
            {
                int eq = lines[i].IndexOf('=');
                if (eq < 0) continue;
                int k = DeviceConfigValues.IndexOf(lines[i].Substring(0, eq).Trim().ToLower());
                string value = lines[i].Substring(eq + 1).Trim();
                if (k >= 0 && DeviceConfigValues.IsSecret(k) && value.Length > 0) found.Add(value.ToLower());
            }
            return (string[])found.ToArray(typeof(string));
        }

        private static bool RevealsSecret(string text, string[] secrets)
        {
            string lower = text.ToLower();
            for (int i = 0; i < secrets.Length; i++)
            {
                if (lower.IndexOf(secrets[i]) >= 0) return true;
            }
            return false;
        }

        private static void ReadLine(DeviceConfig c, string line, int n, int[] lineOf, bool[] bad, string[] secrets, ConfigErrors errors)
        {
            // The line may be a password written without its key: never quote it.
            int eq = line.IndexOf('=');
            if (eq < 0)
            {
                errors.Add(n, "expected 'key = value'");
                return;
            }
            string key = line.Substring(0, eq).Trim().ToLower();
            string value = line.Substring(eq + 1).Trim();
            if (!ConfigText.IsKeyToken(key))
            {
                errors.Add(n, "expected 'key = value' (a key is one word like broker.host)");
                return;
            }
            int k = DeviceConfigValues.IndexOf(key);
            if (k < 0)
            {
                errors.Add(n, RevealsSecret(key, secrets) ? "unknown key (not shown: it contains a password)" : "unknown key '" + key + "'");
                return;
            }
            if (lineOf[k] != 0)
            {
                errors.Add(n, key + " is given twice (first on line " + lineOf[k].ToString() + ")");
                return;
            }
            lineOf[k] = n;
            string problem = value.Length == 0 ? "no value after '='" : DeviceConfigValues.Apply(c, k, value);
            if (problem == null) return;
            bad[k] = true;
            if (!DeviceConfigValues.IsSecret(k) && RevealsSecret(value, secrets)) problem = "not a valid value (not shown: it contains a password)";
            errors.Add(n, key + ": " + problem);
        }

        private static void FillDefaults(DeviceConfig c, byte[] mac, int[] lineOf)
        {
            if (c.ClientId == null) c.ClientId = MacPrefix + ConfigText.ToHex(mac);
            if (c.TopicPrefix == null) c.TopicPrefix = "nanomqtt/" + c.ClientId;
            if (lineOf[DeviceConfigValues.BrokerPort] == 0) c.BrokerPort = c.BrokerTls ? DeviceConfigValues.DefaultTlsPort : DeviceConfigValues.DefaultPort;
        }

        private static void CheckTogether(DeviceConfig c, int[] lineOf, bool[] bad, ConfigErrors errors)
        {
            if (lineOf[DeviceConfigValues.BrokerHost] == 0) errors.AddGeneral("broker.host is required (for example: broker.host = broker.example.com)");
            int ca = lineOf[DeviceConfigValues.BrokerCaFile];
            if (ca != 0 && !bad[DeviceConfigValues.BrokerTls] && !c.BrokerTls) errors.Add(ca, "broker.ca-file is set but broker.tls is not true");
            CheckClientCertificate(c, lineOf, bad, errors);
            int password = lineOf[DeviceConfigValues.BrokerPassword];
            if (password != 0 && c.BrokerUser == null && c.Version == Protocol.MqttVersion.V311 && !bad[DeviceConfigValues.BrokerUser])
                errors.Add(password, "broker.password: MQTT 3.1.1 sends a password only with a user name; set broker.user too");
            int wifiPassword = lineOf[DeviceConfigValues.WifiPassword];
            if (wifiPassword != 0 && c.WifiSsid == null && !bad[DeviceConfigValues.WifiSsid]) errors.Add(wifiPassword, "wifi.password is set without wifi.ssid");
            CheckBudgets(c, lineOf, bad, errors);
        }

        private static void CheckClientCertificate(DeviceConfig c, int[] lineOf, bool[] bad, ConfigErrors errors)
        {
            int cert = lineOf[DeviceConfigValues.ClientCert];
            int key = lineOf[DeviceConfigValues.ClientKey];
            int keyPassword = lineOf[DeviceConfigValues.ClientKeyPassword];
            if (cert != 0 && !bad[DeviceConfigValues.BrokerTls] && !c.BrokerTls) errors.Add(cert, "broker.client-cert is set but broker.tls is not true");
            if (cert != 0 && key == 0 && !c.UsesStoredDeviceCertificate) errors.Add(cert, "broker.client-cert needs broker.client-key (its private key, PEM)");
            if (key != 0 && cert == 0) errors.Add(key, "broker.client-key is set without broker.client-cert");
            if (key != 0 && c.UsesStoredDeviceCertificate) errors.Add(key, "broker.client-key: the stored device certificate (broker.client-cert = device) brings its own key");
            if (keyPassword != 0 && key == 0) errors.Add(keyPassword, "broker.client-key-password is set without broker.client-key");
        }

        private static void CheckBudgets(DeviceConfig c, int[] lineOf, bool[] bad, ConfigErrors errors)
        {
            int journal = DeviceConfigValues.JournalBytes;
            int packet = DeviceConfigValues.MaxPacket;
            int outbox = DeviceConfigValues.OutboxBytes;
            if (bad[journal] || bad[packet] || bad[outbox]) return;
            if (c.JournalBytes < 4 * c.MaxPacketSize)
            {
                int at = lineOf[journal] != 0 ? lineOf[journal] : lineOf[packet];
                errors.Add(at, "journal.bytes (" + c.JournalBytes.ToString() + ") must be at least 4 x max-packet (" + (4 * c.MaxPacketSize).ToString() + ")");
            }
            if (c.OutboxBytes >= c.JournalBytes)
            {
                int at = lineOf[outbox] != 0 ? lineOf[outbox] : lineOf[journal];
                errors.Add(at, "outbox.bytes (" + c.OutboxBytes.ToString() + ") must be smaller than journal.bytes (" + c.JournalBytes.ToString() + "): the outbox lives in the journal");
            }
        }
    }
}

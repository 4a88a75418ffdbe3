using System;
using System.Security.Cryptography.X509Certificates;
using NanoMqtt.Config;

namespace NanoMqtt.Esp32
{
    /// <summary>
    /// What the device needs before it touches a pin: the MAC, the configuration
    /// (<c>I:\nanomqtt.conf</c>), the board profile (<c>I:\&lt;board&gt;.board</c>, else the built-in
    /// one) and the CA certificate when one is configured. <see cref="Load"/> logs every problem it
    /// finds (the core's messages never hold a password) and returns null instead of throwing.
    /// </summary>
    internal sealed class Settings
    {
        /// <summary>Where the configuration lives.</summary>
        public const string ConfigFile = DeviceFiles.Drive + "nanomqtt.conf";

        private Settings(byte[] mac, DeviceConfig config, BoardProfile board, X509Certificate ca, X509Certificate clientCertificate)
        {
            Mac = mac;
            Config = config;
            Board = board;
            Ca = ca;
            ClientCertificate = clientCertificate;
        }

        public byte[] Mac { get; private set; }
        public DeviceConfig Config { get; private set; }
        public BoardProfile Board { get; private set; }
        public X509Certificate Ca { get; private set; }
        /// <summary>The client certificate with its private key (broker.client-cert), or null.</summary>
        public X509Certificate ClientCertificate { get; private set; }

        /// <summary>As <see cref="Load"/>, and a drive that cannot be read is logged too, never thrown.</summary>
        public static Settings TryLoad()
        {
            try
            {
                return Load();
            }
            catch (Exception e)
            {
                Log.Line("reading the settings failed: " + e.Message);
                return null;
            }
        }

        /// <summary>Everything loaded and valid, or null (the reasons are logged).</summary>
        public static Settings Load()
        {
            byte[] mac = DeviceIdentity.Mac();
            if (mac == null)
            {
                Log.Line("no network interface with a 6-byte MAC: the ClientId cannot be derived");
                return null;
            }
            string text = DeviceFiles.ReadText(ConfigFile);
            if (text == null)
            {
                Log.Line("no " + ConfigFile + ": deploy one with nanoff --filedeployment (README, 'Flashing a board')");
                return null;
            }
            DeviceConfigResult parsed = DeviceConfigParser.Parse(text, mac);
            if (!parsed.IsValid)
            {
                Log.Line(ConfigFile + " is not valid; nothing is started and no pin is driven:");
                LogErrors(parsed.Errors);
                return null;
            }
            DeviceConfig config = parsed.Config;
            BoardProfile board = LoadBoard(config.Board);
            if (board == null) return null;
            X509Certificate ca = null;
            if (config.BrokerCaFile != null)
            {
                ca = LoadCa(DeviceFiles.OnDrive(config.BrokerCaFile));
                if (ca == null) return null;
            }
            X509Certificate client = null;
            if (config.BrokerClientCert != null && !config.UsesStoredDeviceCertificate)
            {
                client = LoadClientCertificate(DeviceFiles.OnDrive(config.BrokerClientCert), DeviceFiles.OnDrive(config.BrokerClientKey), config.BrokerClientKeyPassword);
                if (client == null) return null;
            }
            Log.Line("configuration (" + ConfigFile + "):\n" + config.ToString());
            Log.Line("board " + board.ToString());
            return new Settings(mac, config, board, ca, client);
        }

        private static BoardProfile LoadBoard(string name)
        {
            string path = DeviceFiles.Drive + name + ".board";
            string text = DeviceFiles.ReadText(path);
            if (text == null)
            {
                if (name == Boards.DefaultName)
                {
                    Log.Line("no " + path + ": using the built-in " + Boards.DefaultName + " profile");
                    return Boards.ParseDefault();
                }
                Log.Line("board = " + name + " but there is no " + path + " (only " + Boards.DefaultName + " is built in): deploy boards/" + name + ".board");
                return null;
            }
            BoardProfileResult parsed = BoardProfileParser.Parse(text);
            if (!parsed.IsValid)
            {
                Log.Line(path + " is not valid; nothing is started and no pin is driven:");
                LogErrors(parsed.Errors);
                return null;
            }
            if (parsed.Profile.Name != name)
            {
                Log.Line(path + " describes the board '" + parsed.Profile.Name + "', not '" + name + "'");
                return null;
            }
            return parsed.Profile;
        }

        private static X509Certificate LoadCa(string path)
        {
            string pem = DeviceFiles.ReadText(path);
            if (pem == null)
            {
                Log.Line("broker.ca-file: no " + path + ": deploy the broker's CA certificate (PEM) there");
                return null;
            }
            try
            {
                // The string constructor keeps the terminating zero mbedTLS needs to parse PEM.
                return new X509Certificate(pem);
            }
            catch (Exception e)
            {
                Log.Line("broker.ca-file: " + path + " is not a PEM or DER certificate (" + e.Message + ")");
                return null;
            }
        }

        private static X509Certificate LoadClientCertificate(string certPath, string keyPath, string password)
        {
            string cert = DeviceFiles.ReadText(certPath);
            string key = DeviceFiles.ReadText(keyPath);
            if (cert == null || key == null)
            {
                Log.Line("broker.client-cert: no " + (cert == null ? certPath : keyPath) + ": deploy the device's certificate and its private key (PEM) there");
                return null;
            }
            try
            {
                return new X509Certificate2(cert, key, password);
            }
            catch (Exception e)
            {
                // The message names the files, never the password.
                Log.Line("broker.client-cert: " + certPath + " with " + keyPath + " is not a PEM certificate and its key (" + e.Message + ")");
                return null;
            }
        }

        private static void LogErrors(ConfigErrors errors)
        {
            for (int i = 0; i < errors.Count; i++) Log.Line("  " + errors[i]);
        }
    }
}

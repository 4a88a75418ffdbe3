using System;
using System.IO;

namespace NanoMqtt.Esp32
{
    /// <summary>Whole text files from the internal drive (the configuration, a board profile, the CA certificate).</summary>
    public static class DeviceFiles
    {
        /// <summary>The internal LittleFS drive of the ESP32 targets.</summary>
        public const string Drive = "I:\\";

        /// <summary><paramref name="path"/> as given when it names a drive, else under <see cref="Drive"/>.</summary>
        public static string OnDrive(string path)
        {
            return path.IndexOf(':') >= 0 ? path : Drive + path;
        }

        /// <summary>The file's text, or null when it does not exist or cannot be read (the reason is logged).</summary>
        public static string ReadText(string path)
        {
            if (!File.Exists(path)) return null;
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception e)
            {
                Log.Line("cannot read " + path + ": " + e.Message);
                return null;
            }
        }
    }
}

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

        /// <summary>Size in bytes of the internal drive's partition (256 KB on 4 MB boards, 64 KB on 2 MB
        /// ones), or 0 when the firmware does not say.</summary>
        public static int PartitionBytes()
        {
            try
            {
                long size = new DriveInfo(Drive).TotalSize;
                return size > 0 && size < int.MaxValue ? (int)size : 0;
            }
            catch (Exception e)
            {
                Log.Line("cannot read the size of " + Drive + ": " + e.Message);
                return 0;
            }
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

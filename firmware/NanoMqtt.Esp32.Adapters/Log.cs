using System;

namespace NanoMqtt.Esp32
{
    /// <summary>
    /// The device's output: one line per event, prefixed with the seconds since boot. Goes through
    /// <see cref="Console.WriteLine(string)"/>, which nanoFramework keeps in Release builds (unlike
    /// Debug.WriteLine). The lines travel over nanoFramework's debug channel (the wire protocol on
    /// the USB serial port): Visual Studio's or VS Code's output window shows them while a debugger
    /// is attached; a plain serial terminal on the same port shows protocol frames, not lines.
    /// Never give it a password: the core's messages and ToString() never hold one.
    /// </summary>
    public static class Log
    {
        /// <summary>Writes one line.</summary>
        public static void Line(string text)
        {
            Console.WriteLine("[" + (Environment.TickCount64 / 1000).ToString() + " s] " + text);
        }
    }

    /// <summary>The shared app's log lines, into <see cref="Log"/>.</summary>
    public sealed class DeviceLog : NanoMqtt.App.IAppLog
    {
        /// <summary>Writes one line.</summary>
        public void Line(string text)
        {
            Log.Line(text);
        }
    }
}

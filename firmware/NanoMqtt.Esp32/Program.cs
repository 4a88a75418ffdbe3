using System;
using System.Device.Gpio;
using System.Threading;
using nanoFramework.Runtime.Native;
using NanoMqtt.App;
using NanoMqtt.Config;
using NanoMqtt.Link;

namespace NanoMqtt.Esp32
{
    /// <summary>
    /// The board: settings from <c>I:\</c>, then the shared <see cref="GpioApp"/> over the ESP32
    /// adapters, its <see cref="GpioApp.Step"/> in the main loop under a guard that rebuilds the
    /// session from the journal after an unexpected exception and reboots when it keeps happening.
    /// </summary>
    public static class Program
    {
        private const int SettingsRetryMs = 10000;
        private const int IdleSleepMs = 20;
        private const int WifiPollMs = 5000;
        private const int HealthEveryMs = 300000;
        private const int SocketTimeoutMs = 10000;
        private const int FailedStartRebootMs = 60000;
        private const int PulseTickMs = 5;

        private static readonly DeviceClock Clock = new DeviceClock();
        private static GpioApp _app;

        /// <summary>Waits for valid settings (a bad configuration never crashes the device), then runs for ever.</summary>
        public static void Main()
        {
            Log.Line("NanoMqtt firmware starting");
            Settings settings;
            while ((settings = Settings.TryLoad()) == null) Thread.Sleep(SettingsRetryMs);
            BoardProfile board = settings.Board;
            GpioController gpio = new GpioController();
            GpioPins pins = new GpioPins(gpio);
            LittleFsFileStore files = new LittleFsFileStore(DeviceFiles.Drive);
            try
            {
                // Outputs go to their profile level, then the journal restores the commanded ones;
                // the pins are held meanwhile so each is driven once, to its final level.
                pins.Hold();
                _app = new GpioApp(settings.Config, board, pins, Clock, new DeviceHealthSource(), HealthEveryMs, new DeviceLog());
                _app.Open(files, DeviceFiles.PartitionBytes());
                pins.Release();
                GpioInputs inputs = new GpioInputs(gpio, board.Inputs);
                for (int i = 0; i < board.Inputs.Length; i++) _app.InputAtBoot(i, inputs.IsHigh(i));
                // GPIO event thread: the app takes the level and publishes it from its Step.
                inputs.Changed += new InputChangedHandler(_app.InputChanged);
            }
            catch (Exception e)
            {
                // A board profile this chip cannot honour: retrying in-process would find pins already open.
                Log.Line("start failed: " + e.Message + "; rebooting in " + (FailedStartRebootMs / 1000).ToString() + " s");
                Thread.Sleep(FailedStartRebootMs);
                Power.RebootDevice();
            }
            // Pulses end on this thread, on time while the main loop waits for the network.
            Thread pulses = new Thread(new ThreadStart(PulseLoop));
            pulses.Priority = ThreadPriority.AboveNormal;
            pulses.Start();
            WifiLinkState wifi = new WifiLinkState();
            new WifiJoin(settings.Config.WifiSsid, settings.Config.WifiPassword, wifi).Start();
            SocketTransport transport = new SocketTransport(settings.Ca, settings.ClientCertificate, settings.Config.UsesStoredDeviceCertificate, SocketTimeoutMs);
            DeviceRandom random = new DeviceRandom(settings.Mac);
            _app.Connect(transport, random);
            while (true)
            {
                try
                {
                    Loop(wifi);
                }
                catch (Exception e)
                {
                    if (!_app.Recover(e)) Power.RebootDevice();
                }
            }
        }

        private static void PulseLoop()
        {
            // An exception ends only this thread: the main loop still ends pulses, later.
            while (true)
            {
                _app.TimerTick();
                Thread.Sleep(PulseTickMs);
            }
        }

        private static void Loop(WifiLinkState wifi)
        {
            long nextWifiPoll = 0;
            while (true)
            {
                long now = Clock.NowMs;
                if (now >= nextWifiPoll)
                {
                    wifi.Refresh();
                    nextWifiPoll = now + WifiPollMs;
                }
                _app.SetNetwork(wifi.IsUp, DateTime.UtcNow);
                _app.Step();
                if (!_app.IsOnline) Thread.Sleep(IdleSleepMs);
            }
        }
    }
}

namespace NanoMqtt.Sim;

/// <summary>
/// The board's pulse thread, for every virtual device in the process: one background thread ends
/// their pulses every <see cref="PeriodMs"/> ms whatever their main loops are doing (a connect
/// attempt, a TLS handshake), as the ESP32 app's own thread does on a board.
/// </summary>
internal static class PulseThread
{
    public const int PeriodMs = 2;

    private static readonly List<WeakReference<VirtualDevice>> Devices = new();
    private static Thread? _thread;

    public static void Add(VirtualDevice device)
    {
        lock (Devices)
        {
            Devices.Add(new WeakReference<VirtualDevice>(device));
            if (_thread != null) return;
            _thread = new Thread(Run) { IsBackground = true, Name = "pulses", Priority = ThreadPriority.AboveNormal };
            _thread.Start();
        }
    }

    private static void Run()
    {
        while (true)
        {
            lock (Devices)
            {
                Devices.RemoveAll(d => !d.TryGetTarget(out _));
                foreach (var reference in Devices)
                {
                    if (reference.TryGetTarget(out var device)) device.TimerTick();
                }
            }
            Thread.Sleep(PeriodMs);
        }
    }
}

using NanoMqtt.Commands;
using NanoMqtt.Link;

namespace NanoMqtt.Sim;

/// <summary>GPIO on a PC: levels and a history of every write, with the device clock's time of
/// each (pulses end on the pulse thread while the main loop writes, so both are locked).</summary>
public sealed class VirtualPins(IClock clock) : IPins
{
    private readonly bool[] _high = new bool[64];
    private readonly List<(int Pin, bool High, long AtMs)> _history = new();

    public bool IsHigh(int pin)
    {
        lock (_history) return _high[pin];
    }

    /// <summary>Every write so far, oldest first.</summary>
    public IReadOnlyList<(int Pin, bool High, long AtMs)> History
    {
        get
        {
            lock (_history) return _history.ToArray();
        }
    }

    public void Write(int pin, bool high)
    {
        lock (_history)
        {
            _high[pin] = high;
            _history.Add((pin, high, clock.NowMs));
        }
    }
}

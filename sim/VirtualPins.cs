using NanoMqtt.Commands;

namespace NanoMqtt.Sim;

/// <summary>GPIO on a PC: levels and a history of every write.</summary>
public sealed class VirtualPins : IPins
{
    private readonly bool[] _high = new bool[64];
    public readonly List<(int Pin, bool High)> History = new();

    public bool IsHigh(int pin) => _high[pin];

    public void Write(int pin, bool high)
    {
        _high[pin] = high;
        History.Add((pin, high));
    }
}

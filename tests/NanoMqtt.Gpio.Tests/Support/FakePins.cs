using NanoMqtt.Commands;

namespace NanoMqtt.Tests.Support
{
    /// <summary>Pins that remember their level and every write ("5=1,5=0,").</summary>
    public class FakePins : IPins
    {
        public readonly bool[] High = new bool[64];
        public string History = "";
        public int Writes;

        public void Write(int pin, bool high)
        {
            High[pin] = high;
            History += pin + "=" + (high ? "1" : "0") + ",";
            Writes++;
        }
    }
}

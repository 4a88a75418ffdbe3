namespace NanoMqtt.Commands
{
    /// <summary>GPIO as the command layer sees it: GpioController on the device, virtual pins on a PC.</summary>
    public interface IPins
    {
        /// <summary>Drives <paramref name="pin"/> (already opened as an output) high or low.</summary>
        void Write(int pin, bool high);
    }
}

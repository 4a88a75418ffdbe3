using System.Device.Gpio;
using NanoMqtt.Commands;
using NanoMqtt.Runtime;

namespace NanoMqtt.Esp32
{
    /// <summary>
    /// Outputs over <see cref="GpioController"/>. A pin is opened as an output once, at its first
    /// write, and kept open. At boot the pins are held (<see cref="Hold"/>) while the command
    /// dispatcher writes the profile's initial levels and the journal restores the commanded ones,
    /// so each output is driven once, straight to its restored level (<see cref="Release"/>).
    /// Opening drives the pin low for the moment before that first write: the GPIO driver enables
    /// outputs at a low level and offers no way to preset it.
    /// </summary>
    public sealed class GpioPins : IPins
    {
        /// <summary>Highest GPIO number of the supported chips (ESP32-S3: 48).</summary>
        public const int MaxPin = 48;

        private readonly GpioController _controller;
        private readonly GpioPin[] _outputs;
        private readonly bool[] _heldHigh = new bool[MaxPin + 1];
        private readonly bool[] _held = new bool[MaxPin + 1];
        private bool _holding;

        /// <summary>Outputs on <paramref name="controller"/>.</summary>
        public GpioPins(GpioController controller)
        {
            _controller = controller;
            _outputs = new GpioPin[MaxPin + 1];
            ReferenceArray.FillWithNulls(_outputs);
        }

        /// <summary>From now until <see cref="Release"/>, writes only record the level.</summary>
        public void Hold()
        {
            _holding = true;
        }

        /// <summary>Drives every held pin to the last level written, and writes directly from then on.</summary>
        public void Release()
        {
            _holding = false;
            for (int pin = 0; pin <= MaxPin; pin++)
            {
                if (!_held[pin]) continue;
                _held[pin] = false;
                Write(pin, _heldHigh[pin]);
            }
        }

        /// <inheritdoc/>
        public void Write(int pin, bool high)
        {
            if (_holding)
            {
                _held[pin] = true;
                _heldHigh[pin] = high;
                return;
            }
            GpioPin output = _outputs[pin];
            if (output == null)
            {
                output = _controller.OpenPin(pin, PinMode.Output);
                _outputs[pin] = output;
            }
            output.Write(high ? PinValue.High : PinValue.Low);
        }
    }
}

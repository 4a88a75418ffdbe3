using System;
using System.Device.Gpio;
using NanoMqtt.Config;
using NanoMqtt.Runtime;

namespace NanoMqtt.Esp32
{
    /// <summary>An input changed: its index in the board profile's inputs and whether its pin now reads high.</summary>
    public delegate void InputChangedHandler(int index, bool high);

    /// <summary>
    /// The board profile's inputs over <see cref="GpioController"/>: each opened once with its pull
    /// resistor, its debounce time (<see cref="GpioPin.DebounceTimeout"/>) and a
    /// <see cref="GpioPin.ValueChanged"/> handler. Pin levels can be polled with <see cref="IsHigh"/>;
    /// <see cref="Changed"/> is raised on the GPIO event thread, not the main loop's. What a level
    /// means (active-low) is the app's business.
    /// </summary>
    public sealed class GpioInputs
    {
        private readonly InputPin[] _inputs;
        private readonly GpioPin[] _pins;

        /// <summary>Opens every input of <paramref name="inputs"/>.</summary>
        public GpioInputs(GpioController controller, InputPin[] inputs)
        {
            _inputs = inputs;
            _pins = new GpioPin[inputs.Length];
            ReferenceArray.FillWithNulls(_pins);
            for (int i = 0; i < inputs.Length; i++)
            {
                GpioPin pin = controller.OpenPin(inputs[i].Pin, ModeFor(inputs[i].Pull));
                if (inputs[i].DebounceMs > 0) pin.DebounceTimeout = TimeSpan.FromMilliseconds(inputs[i].DebounceMs);
                pin.ValueChanged += new PinValueChangedEventHandler(OnValueChanged);
                _pins[i] = pin;
            }
        }

        /// <summary>Raised when an input changes (after debouncing).</summary>
        public event InputChangedHandler Changed;

        /// <summary>How many inputs there are.</summary>
        public int Count
        {
            get { return _pins.Length; }
        }

        /// <summary>The name of input <paramref name="index"/> in the board profile.</summary>
        public string Name(int index)
        {
            return _inputs[index].Name;
        }

        /// <summary>True when the pin of input <paramref name="index"/> reads high.</summary>
        public bool IsHigh(int index)
        {
            return _pins[index].Read() == PinValue.High;
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            for (int i = 0; i < _pins.Length; i++)
            {
                if (_inputs[i].Pin != e.PinNumber) continue;
                InputChangedHandler handler = Changed;
                if (handler != null) handler(i, e.ChangeType == PinEventTypes.Rising);
                return;
            }
        }

        private static PinMode ModeFor(PinPull pull)
        {
            switch (pull)
            {
                case PinPull.Up: return PinMode.InputPullUp;
                case PinPull.Down: return PinMode.InputPullDown;
                default: return PinMode.Input;
            }
        }
    }
}

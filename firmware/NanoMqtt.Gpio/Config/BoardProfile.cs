namespace NanoMqtt.Config
{
    /// <summary>
    /// A validated board profile: the nanoff target and chip, the named outputs and inputs, the
    /// status LED, and every pin that can never be configured. Made by <see cref="BoardProfileParser"/>.
    /// </summary>
    public sealed class BoardProfile
    {
        internal BoardProfile(string name, string description, string target, ChipFamily chip, OutputPin[] outputs, InputPin[] inputs, OutputPin statusLed, PinSet reserved, PinSet inputOnly)
        {
            Name = name;
            Description = description;
            Target = target;
            Chip = chip;
            Outputs = outputs;
            Inputs = inputs;
            StatusLed = statusLed;
            Reserved = reserved;
            InputOnly = inputOnly;
        }

        /// <summary>The profile's name, as the device configuration's <c>board</c> key gives it ("esp32-devkitc").</summary>
        public string Name { get; private set; }

        /// <summary>Free text naming the hardware, or "" when the file has none.</summary>
        public string Description { get; private set; }

        /// <summary>The nanoff target to flash ("ESP32_REV3").</summary>
        public string Target { get; private set; }

        /// <summary>The chip family the target runs on.</summary>
        public ChipFamily Chip { get; private set; }

        /// <summary>The outputs, in file order.</summary>
        public OutputPin[] Outputs { get; private set; }

        /// <summary>The inputs, in file order.</summary>
        public InputPin[] Inputs { get; private set; }

        /// <summary>The status LED (named "status-led"), or null when the board has none.</summary>
        public OutputPin StatusLed { get; private set; }

        /// <summary>Every pin that can never be configured: the chip's flash/PSRAM pins and the board's reserved list.</summary>
        public PinSet Reserved { get; private set; }

        /// <summary>Pins that can only read: the chip's and those the board declares.</summary>
        public PinSet InputOnly { get; private set; }

        /// <summary>The output named <paramref name="name"/>, or null.</summary>
        public OutputPin FindOutput(string name)
        {
            for (int i = 0; i < Outputs.Length; i++)
            {
                if (Outputs[i].Name == name) return Outputs[i];
            }
            return null;
        }

        /// <summary>The input named <paramref name="name"/>, or null.</summary>
        public InputPin FindInput(string name)
        {
            for (int i = 0; i < Inputs.Length; i++)
            {
                if (Inputs[i].Name == name) return Inputs[i];
            }
            return null;
        }

        /// <summary>True when <paramref name="pin"/> can never be configured on this board.</summary>
        public bool IsReserved(int pin)
        {
            return Reserved.Contains(pin);
        }

        /// <summary>"name (target): n outputs, n inputs" for logs.</summary>
        public override string ToString()
        {
            return Name + " (" + Target + ", " + Chips.Name(Chip) + "): " + Outputs.Length.ToString() + " outputs, " + Inputs.Length.ToString() + " inputs";
        }
    }
}

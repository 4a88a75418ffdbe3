namespace NanoMqtt.Config
{
    /// <summary>
    /// What each supported chip family fixes about its pins, in one place: which GPIO numbers
    /// exist, which are input-only or have no internal pull resistors, which the chip always
    /// reserves (the SPI flash / PSRAM bus; never configurable, whatever a board file says), which
    /// are strapping pins (sampled at reset; every shipped board file reserves them), and which
    /// nanoff targets run on which family.
    /// </summary>
    /// <remarks>
    /// ESP32: GPIO 0-19, 21-23, 25-27, 32-39; 34-39 input-only without pull resistors; 6-11 SPI
    /// flash; strapping 0, 2, 5, 12, 15.
    /// ESP32-S3: GPIO 0-21, 26-48; 26-32 SPI flash and PSRAM (33-37 too with octal PSRAM, which
    /// the board file reserves); strapping 0, 3, 45, 46.
    /// ESP32-C3: GPIO 0-21; 12-17 SPI flash; strapping 2, 8, 9.
    /// </remarks>
    public static class Chips
    {
        private static readonly ulong Esp32Pins = PinSet.Range(0, 19) | PinSet.Range(21, 23) | PinSet.Range(25, 27) | PinSet.Range(32, 39);
        private static readonly ulong Esp32S3Pins = PinSet.Range(0, 21) | PinSet.Range(26, 48);
        private static readonly ulong Esp32C3Pins = PinSet.Range(0, 21);

        private static readonly ulong Esp32InputOnly = PinSet.Range(34, 39);

        private static readonly ulong Esp32Reserved = PinSet.Range(6, 11);
        private static readonly ulong Esp32S3Reserved = PinSet.Range(26, 32);
        private static readonly ulong Esp32C3Reserved = PinSet.Range(12, 17);

        private static readonly ulong Esp32Strapping = PinSet.Bit(0) | PinSet.Bit(2) | PinSet.Bit(5) | PinSet.Bit(12) | PinSet.Bit(15);
        private static readonly ulong Esp32S3Strapping = PinSet.Bit(0) | PinSet.Bit(3) | PinSet.Bit(45) | PinSet.Bit(46);
        private static readonly ulong Esp32C3Strapping = PinSet.Bit(2) | PinSet.Bit(8) | PinSet.Bit(9);

        /// <summary>The chip's name as Espressif writes it ("ESP32", "ESP32-S3", "ESP32-C3").</summary>
        public static string Name(ChipFamily chip)
        {
            switch (chip)
            {
                case ChipFamily.Esp32S3: return "ESP32-S3";
                case ChipFamily.Esp32C3: return "ESP32-C3";
                default: return "ESP32";
            }
        }

        /// <summary>The highest GPIO number of the chip (39, 48, 21).</summary>
        public static int HighestPin(ChipFamily chip)
        {
            switch (chip)
            {
                case ChipFamily.Esp32S3: return 48;
                case ChipFamily.Esp32C3: return 21;
                default: return 39;
            }
        }

        /// <summary>The GPIO numbers the chip has.</summary>
        public static PinSet Pins(ChipFamily chip)
        {
            return new PinSet(Pick(chip, Esp32Pins, Esp32S3Pins, Esp32C3Pins));
        }

        /// <summary>Pins that can only read (ESP32: 34-39).</summary>
        public static PinSet InputOnlyPins(ChipFamily chip)
        {
            return new PinSet(Pick(chip, Esp32InputOnly, 0, 0));
        }

        /// <summary>Pins the chip always reserves for its SPI flash and PSRAM bus.</summary>
        public static PinSet AlwaysReservedPins(ChipFamily chip)
        {
            return new PinSet(Pick(chip, Esp32Reserved, Esp32S3Reserved, Esp32C3Reserved));
        }

        /// <summary>Why <see cref="AlwaysReservedPins"/> are taken, for messages.</summary>
        public static string AlwaysReservedReason(ChipFamily chip)
        {
            return chip == ChipFamily.Esp32S3 ? "SPI flash and PSRAM" : "SPI flash";
        }

        /// <summary>Pins sampled at reset to choose the boot mode or flash voltage.</summary>
        public static PinSet StrappingPins(ChipFamily chip)
        {
            return new PinSet(Pick(chip, Esp32Strapping, Esp32S3Strapping, Esp32C3Strapping));
        }

        /// <summary>True when the chip has GPIO <paramref name="pin"/>.</summary>
        public static bool Exists(ChipFamily chip, int pin)
        {
            return Pins(chip).Contains(pin);
        }

        /// <summary>True when GPIO <paramref name="pin"/> can only read.</summary>
        public static bool IsInputOnly(ChipFamily chip, int pin)
        {
            return InputOnlyPins(chip).Contains(pin);
        }

        /// <summary>True when GPIO <paramref name="pin"/> has internal pull-up and pull-down resistors (ESP32 34-39 have none).</summary>
        public static bool HasInternalPull(ChipFamily chip, int pin)
        {
            return Exists(chip, pin) && !IsInputOnly(chip, pin);
        }

        /// <summary>True when the chip always reserves GPIO <paramref name="pin"/> (flash, PSRAM).</summary>
        public static bool IsAlwaysReserved(ChipFamily chip, int pin)
        {
            return AlwaysReservedPins(chip).Contains(pin);
        }

        /// <summary>True when GPIO <paramref name="pin"/> is a strapping pin.</summary>
        public static bool IsStrapping(ChipFamily chip, int pin)
        {
            return StrappingPins(chip).Contains(pin);
        }

        /// <summary>
        /// The chip family a nanoff target runs on: ESP32_S3* is an ESP32-S3, ESP32_C3* an ESP32-C3,
        /// any other ESP32_* and ESP_WROVER_KIT a classic ESP32. False for unknown names and for the
        /// chips NanoMqtt has no pin facts for (S2, C5, C6, H2, P4). Case-insensitive.
        /// </summary>
        public static bool TryFamilyOfTarget(string target, out ChipFamily chip)
        {
            chip = ChipFamily.Esp32;
            if (target == null) return false;
            string t = target.ToUpper();
            if (t.StartsWith("ESP32_S3"))
            {
                chip = ChipFamily.Esp32S3;
                return true;
            }
            if (t.StartsWith("ESP32_C3"))
            {
                chip = ChipFamily.Esp32C3;
                return true;
            }
            if (t.StartsWith("ESP32_S2") || t.StartsWith("ESP32_C5") || t.StartsWith("ESP32_C6") || t.StartsWith("ESP32_H2") || t.StartsWith("ESP32_P4")) return false;
            return t.StartsWith("ESP32_") || t == "ESP_WROVER_KIT";
        }

        private static ulong Pick(ChipFamily chip, ulong esp32, ulong esp32S3, ulong esp32C3)
        {
            switch (chip)
            {
                case ChipFamily.Esp32S3: return esp32S3;
                case ChipFamily.Esp32C3: return esp32C3;
                default: return esp32;
            }
        }
    }
}

namespace NanoMqtt.Config
{
    /// <summary>The Espressif chip a board carries; decides which GPIOs exist and which are taken. Use <see cref="Chips.Name"/> to print one.</summary>
    public enum ChipFamily
    {
        /// <summary>The classic ESP32 (WROOM, WROVER, PICO-D4): GPIO 0-39 with gaps.</summary>
        Esp32 = 0,
        /// <summary>ESP32-S3: GPIO 0-21 and 26-48.</summary>
        Esp32S3 = 1,
        /// <summary>ESP32-C3 (RISC-V): GPIO 0-21.</summary>
        Esp32C3 = 2,
    }
}

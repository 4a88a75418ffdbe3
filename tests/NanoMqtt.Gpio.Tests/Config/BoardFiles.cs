namespace NanoMqtt.Tests.Config
{
    /// <summary>
    /// The text of every file in boards/, character for character: unit tests cannot read files on
    /// nanoCLR, so the files are copied here; a host test keeps the copies equal to the files.
    /// </summary>
    public static class BoardFiles
    {
        /// <summary>The board names, file names without ".board".</summary>
        public static readonly string[] Names = new string[] { "esp32-devkitc", "esp32-wrover-kit", "esp32-s3-devkitc-1", "esp32-c3-devkitm-1", "m5stack-atom-lite" };

        /// <summary>The text of boards/&lt;name&gt;.board, or null for an unknown name.</summary>
        public static string Text(string name)
        {
            switch (name)
            {
                case "esp32-devkitc": return Esp32DevKitC;
                case "esp32-wrover-kit": return Esp32WroverKit;
                case "esp32-s3-devkitc-1": return Esp32S3DevKitC1;
                case "esp32-c3-devkitm-1": return Esp32C3DevKitM1;
                case "m5stack-atom-lite": return M5StackAtomLite;
                default: return null;
            }
        }

        /// <summary>boards/esp32-devkitc.board</summary>
        public const string Esp32DevKitC = @"# NanoMqtt board profile. Format (one statement per line, '#' starts a comment):
#   name = <id>                  the device config's 'board' key (a-z 0-9 - _)
#   description = <text>         optional
#   target = <nanoff target>     decides the chip (ESP32, ESP32-S3, ESP32-C3)
#   output <name> = <pin> [active-low] [initial on|off]
#   input <name> = <pin> [pull-up|pull-down|none] [debounce <ms>] [active-low]
#   status-led = <pin> [active-low]
#   reserved = <pin>, <from>-<to>, ...    never configurable (several lines allowed)
#   input-only = <pin>, <from>-<to>, ...  can only read
# The chip's flash/PSRAM pins are reserved whatever this file says.

name = esp32-devkitc
description = Espressif ESP32-DevKitC V4 (ESP32-WROOM-32, 4 MB flash, no PSRAM)
# ESP32_REV3 needs chip revision 3 (nanoff prints it); ESP32_REV0 runs on every revision.
target = ESP32_REV3

reserved = 6-11              # SPI flash of the module
reserved = 0, 2, 5, 12, 15   # strapping pins (0 is the BOOT button)
reserved = 1, 3              # UART0: the USB bridge nanoff and the debugger use
input-only = 34-39           # no output driver, no pull resistors

# The board has no user LED or relay: wire these to the header.
output relay-1 = 26 active-low initial off   # common relay modules switch on a low level
output relay-2 = 27 active-low initial off
output led = 25
status-led = 23

input button = 32 pull-up debounce 50 active-low   # push button to GND
input door = 34 none debounce 20                   # reed contact with an external pull-up
";

        /// <summary>boards/esp32-wrover-kit.board</summary>
        public const string Esp32WroverKit = @"# NanoMqtt board profile. Format (one statement per line, '#' starts a comment):
#   name = <id>                  the device config's 'board' key (a-z 0-9 - _)
#   description = <text>         optional
#   target = <nanoff target>     decides the chip (ESP32, ESP32-S3, ESP32-C3)
#   output <name> = <pin> [active-low] [initial on|off]
#   input <name> = <pin> [pull-up|pull-down|none] [debounce <ms>] [active-low]
#   status-led = <pin> [active-low]
#   reserved = <pin>, <from>-<to>, ...    never configurable (several lines allowed)
#   input-only = <pin>, <from>-<to>, ...  can only read
# The chip's flash/PSRAM pins are reserved whatever this file says.

name = esp32-wrover-kit
description = Espressif ESP-WROVER-KIT V4.1 (ESP32-WROVER-E, 4 MB PSRAM)
# nanoFramework's image for this kit (PSRAM and the ILI9341 LCD driver);
# ESP32_PSRAM_REV3 runs on it too.
target = ESP_WROVER_KIT

reserved = 6-11              # SPI flash
reserved = 16, 17            # PSRAM of the WROVER module
reserved = 0, 2, 5, 12, 15   # strapping pins (0 and 2 also drive the red and green LED)
reserved = 1, 3              # UART0: the FT2232 USB bridge nanoff and the debugger use
reserved = 13, 14            # JTAG, when the JP2 jumpers are fitted
input-only = 34-39

# 26, 27 and 33 are free while no camera is fitted (26/27 are its SCCB bus).
output relay-1 = 26 active-low initial off
output relay-2 = 27 active-low initial off
output buzzer = 33
status-led = 4               # blue channel of the on-board RGB LED

input door = 34 none debounce 20   # input-only: external pull-up required
";

        /// <summary>boards/esp32-s3-devkitc-1.board</summary>
        public const string Esp32S3DevKitC1 = @"# NanoMqtt board profile. Format (one statement per line, '#' starts a comment):
#   name = <id>                  the device config's 'board' key (a-z 0-9 - _)
#   description = <text>         optional
#   target = <nanoff target>     decides the chip (ESP32, ESP32-S3, ESP32-C3)
#   output <name> = <pin> [active-low] [initial on|off]
#   input <name> = <pin> [pull-up|pull-down|none] [debounce <ms>] [active-low]
#   status-led = <pin> [active-low]
#   reserved = <pin>, <from>-<to>, ...    never configurable (several lines allowed)
#   input-only = <pin>, <from>-<to>, ...  can only read
# The chip's flash/PSRAM pins are reserved whatever this file says.

name = esp32-s3-devkitc-1
description = Espressif ESP32-S3-DevKitC-1 (ESP32-S3-WROOM-1)
# ESP32_S3 supports quad PSRAM; use ESP32_S3_ALL on N8R8/N16R8 (octal PSRAM) modules.
target = ESP32_S3

reserved = 26-32             # SPI flash and PSRAM
reserved = 33-37             # octal PSRAM (R8 modules); harmless to keep reserved on others
reserved = 0, 3, 45, 46      # strapping pins (0 is the BOOT button)
reserved = 19, 20            # USB D-/D+ (USB port)
reserved = 43, 44            # UART0: the USB bridge (UART port) nanoff and the debugger use
# The RGB LED (GPIO48 on v1.0, GPIO38 on v1.1) is an addressable WS2812: a plain pin
# level does not light it, so it is reserved rather than used as the status LED.
reserved = 38, 48

output relay-1 = 4 active-low initial off
output relay-2 = 5 active-low initial off
output led = 6
output fan = 7

input button = 15 pull-up debounce 50 active-low
input motion = 16 pull-down debounce 20
";

        /// <summary>boards/esp32-c3-devkitm-1.board</summary>
        public const string Esp32C3DevKitM1 = @"# NanoMqtt board profile. Format (one statement per line, '#' starts a comment):
#   name = <id>                  the device config's 'board' key (a-z 0-9 - _)
#   description = <text>         optional
#   target = <nanoff target>     decides the chip (ESP32, ESP32-S3, ESP32-C3)
#   output <name> = <pin> [active-low] [initial on|off]
#   input <name> = <pin> [pull-up|pull-down|none] [debounce <ms>] [active-low]
#   status-led = <pin> [active-low]
#   reserved = <pin>, <from>-<to>, ...    never configurable (several lines allowed)
#   input-only = <pin>, <from>-<to>, ...  can only read
# The chip's flash/PSRAM pins are reserved whatever this file says.

name = esp32-c3-devkitm-1
description = Espressif ESP32-C3-DevKitM-1 (ESP32-C3-MINI-1)
target = ESP32_C3

reserved = 12-17             # SPI flash
# Strapping pins. GPIO8 also carries the on-board RGB LED, an addressable WS2812 that a
# plain pin level does not light; GPIO9 is the BOOT button.
reserved = 2, 8, 9
reserved = 18, 19            # USB-Serial-JTAG D-/D+
reserved = 20, 21            # UART0: the USB bridge nanoff and the debugger use (ESP32_C3)

output relay-1 = 4 active-low initial off
output relay-2 = 5 active-low initial off
output led = 6

input button = 10 pull-up debounce 50 active-low
input sensor = 3 pull-down
";

        /// <summary>boards/m5stack-atom-lite.board</summary>
        public const string M5StackAtomLite = @"# NanoMqtt board profile. Format (one statement per line, '#' starts a comment):
#   name = <id>                  the device config's 'board' key (a-z 0-9 - _)
#   description = <text>         optional
#   target = <nanoff target>     decides the chip (ESP32, ESP32-S3, ESP32-C3)
#   output <name> = <pin> [active-low] [initial on|off]
#   input <name> = <pin> [pull-up|pull-down|none] [debounce <ms>] [active-low]
#   status-led = <pin> [active-low]
#   reserved = <pin>, <from>-<to>, ...    never configurable (several lines allowed)
#   input-only = <pin>, <from>-<to>, ...  can only read
# The chip's flash/PSRAM pins are reserved whatever this file says.

name = m5stack-atom-lite
description = M5Stack ATOM Lite (ESP32-PICO-D4, 4 MB in-package flash)
target = ESP32_PICO

reserved = 6-11, 16, 17      # in-package SPI flash of the PICO-D4
# Strapping pins. GPIO12 also drives the IR LED, which needs a 38 kHz carrier, not a level.
reserved = 0, 2, 5, 12, 15
reserved = 1, 3              # UART0: the USB bridge nanoff and the debugger use
reserved = 27                # SK6812 RGB LED: addressable, a plain pin level does not light it
input-only = 34-39

output grove-26 = 26         # Grove port, yellow wire
output grove-32 = 32         # Grove port, white wire
output header-22 = 22
output header-19 = 19

input button = 39 none debounce 50 active-low   # the face button; external pull-up, input-only pin
";
    }
}

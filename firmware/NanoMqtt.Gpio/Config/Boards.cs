namespace NanoMqtt.Config
{
    /// <summary>
    /// The board profile built into the firmware, used when the device has no board file: the
    /// text of <c>boards/esp32-devkitc.board</c>, character for character.
    /// </summary>
    public static class Boards
    {
        /// <summary>The name of the built-in profile, and the device configuration's default <c>board</c>.</summary>
        public const string DefaultName = "esp32-devkitc";

        /// <summary>The text of <c>boards/esp32-devkitc.board</c>; parse it with <see cref="BoardProfileParser.Parse"/>.</summary>
        public const string Default = @"# NanoMqtt board profile. Format (one statement per line, '#' starts a comment):
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

        /// <summary>The built-in profile, parsed (it always parses; a test proves it).</summary>
        public static BoardProfile ParseDefault()
        {
            return BoardProfileParser.Parse(Default).Profile;
        }
    }
}

using nanoFramework.TestFramework;
using NanoMqtt.Config;

namespace NanoMqtt.Tests.Config
{
    /// <summary>
    /// Each board profile rule refuses the file with a message naming the line. Board() puts the
    /// name on line 1 and the target on line 2, so the body starts on line 3.
    /// </summary>
    [TestClass]
    public class BoardRuleTests
    {
        private static string Board(string target, string body)
        {
            return "name = test\ntarget = " + target + "\n" + body;
        }

        private static ConfigErrors Refused(string text, int count)
        {
            BoardProfileResult result = BoardProfileParser.Parse(text);
            Assert.IsFalse(result.IsValid);
            Assert.IsNull(result.Profile);
            Assert.AreEqual(count, result.Errors.Count, result.Errors.ToString());
            return result.Errors;
        }

        [TestMethod]
        public void UnknownKeyIsRefused()
        {
            ConfigErrors e = Refused(Board("ESP32_REV3", "# fine\nrelay a = 4\n"), 1);
            Assert.AreEqual("line 4: unknown key 'relay' (expected name, description, target, output, input, status-led, reserved, input-only)", e[0]);
            Assert.AreEqual(4, e.LineOf(0));
        }

        [TestMethod]
        [DataRow("output a 4", "line 3: expected '<key> = <value>'")]
        [DataRow("output = 4", "line 3: output: expected 'output <name> = <pin> ...'")]
        [DataRow("output a b = 4", "line 3: output: expected 'output <name> = <pin> ...'")]
        [DataRow("output a =", "line 3: output: no value after '='")]
        [DataRow("status-led x = 4", "line 3: status-led: expected 'status-led = <value>' (one word before '=')")]
        [DataRow("output a = four", "line 3: output 'a': 'four' is not a GPIO number")]
        [DataRow("output a = 4 initial maybe", "line 3: output 'a': unknown option 'initial' (expected active-low, initial on, initial off)")]
        [DataRow("input b = 4 pull-up pull-down", "line 3: input 'b': more than one of pull-up, pull-down, none")]
        [DataRow("input b = 4 debounce", "line 3: input 'b': 'debounce' takes a time in milliseconds, 0-10000")]
        [DataRow("output Relay = 4", "line 3: output name 'Relay': use a-z, 0-9, '-' and '_' (starting with a letter or digit), at most 24 characters")]
        [DataRow("reserved = 11-6", "line 3: reserved: the range '11-6' runs backwards")]
        [DataRow("reserved = 4, x", "line 3: reserved: 'x' is not a GPIO number or range (like 6-11)")]
        public void MalformedLineIsRefused(string line, string message)
        {
            ConfigErrors e = Refused(Board("ESP32_REV3", line + "\n"), 1);
            Assert.AreEqual(message, e[0]);
        }

        [TestMethod]
        [DataRow("output a = 2", "line 4: output 'a': GPIO2 is reserved by this board (line 3)")]
        [DataRow("input a = 2 pull-up", "line 4: input 'a': GPIO2 is reserved by this board (line 3)")]
        [DataRow("status-led = 15", "line 4: status-led: GPIO15 is reserved by this board (line 3)")]
        public void BoardReservedPinIsRefused(string line, string message)
        {
            ConfigErrors e = Refused(Board("ESP32_REV3", "reserved = 0, 2, 5, 12, 15\n" + line + "\n"), 1);
            Assert.AreEqual(message, e[0]);
        }

        [TestMethod]
        public void ReservedLineAfterTheOutputStillApplies()
        {
            ConfigErrors e = Refused(Board("ESP32_REV3", "output a = 4\nreserved = 4\n"), 1);
            Assert.AreEqual("line 3: output 'a': GPIO4 is reserved by this board (line 4)", e[0]);
        }

        [TestMethod]
        [DataRow("ESP32_REV3", 6, "the ESP32 (SPI flash)")]
        [DataRow("ESP32_PSRAM_REV3", 11, "the ESP32 (SPI flash)")]
        [DataRow("ESP32_REV3", 7, "the ESP32 (SPI flash)")]
        [DataRow("ESP32_REV3", 8, "the ESP32 (SPI flash)")]
        [DataRow("ESP32_REV3", 9, "the ESP32 (SPI flash)")]
        [DataRow("ESP32_REV3", 10, "the ESP32 (SPI flash)")]
        [DataRow("ESP32_S3", 27, "the ESP32-S3 (SPI flash and PSRAM)")]
        [DataRow("ESP32_S3", 28, "the ESP32-S3 (SPI flash and PSRAM)")]
        [DataRow("ESP32_S3", 29, "the ESP32-S3 (SPI flash and PSRAM)")]
        [DataRow("ESP32_S3", 30, "the ESP32-S3 (SPI flash and PSRAM)")]
        [DataRow("ESP32_S3", 31, "the ESP32-S3 (SPI flash and PSRAM)")]
        [DataRow("ESP32_C3", 13, "the ESP32-C3 (SPI flash)")]
        [DataRow("ESP32_C3", 14, "the ESP32-C3 (SPI flash)")]
        [DataRow("ESP32_C3", 15, "the ESP32-C3 (SPI flash)")]
        [DataRow("ESP32_C3", 16, "the ESP32-C3 (SPI flash)")]
        [DataRow("ESP32_S3", 26, "the ESP32-S3 (SPI flash and PSRAM)")]
        [DataRow("ESP32_S3_ALL", 32, "the ESP32-S3 (SPI flash and PSRAM)")]
        [DataRow("ESP32_C3", 12, "the ESP32-C3 (SPI flash)")]
        [DataRow("ESP32_C3", 17, "the ESP32-C3 (SPI flash)")]
        // Every pin the datasheets give to the SPI flash (ESP32 6-11, ESP32-S3 26-32, ESP32-C3 12-17).
        public void FlashPinsAreAlwaysReserved(string target, int pin, string by)
        {
            ConfigErrors e = Refused(Board(target, "output a = " + pin.ToString() + "\n"), 1);
            Assert.AreEqual("line 3: output 'a': GPIO" + pin.ToString() + " is reserved by " + by, e[0]);
        }

        [TestMethod]
        [DataRow("output a = 34")]
        [DataRow("status-led = 39")]
        public void OutputOnAnInputOnlyPinIsRefused(string line)
        {
            ConfigErrors e = Refused(Board("ESP32_REV3", line + "\n"), 1);
            Assert.Contains("line 3: ", e[0]);
            Assert.Contains(" is input-only on the ESP32", e[0]);
        }

        [TestMethod]
        public void BoardDeclaredInputOnlyPinRefusesAnOutput()
        {
            ConfigErrors e = Refused(Board("ESP32_C3", "input-only = 1\noutput a = 1\ninput b = 1\n"), 2);
            Assert.AreEqual("line 4: output 'a': GPIO1 is input-only on this board (line 3)", e[0]);
            Assert.AreEqual("line 5: input 'b': GPIO1 is already used by output 'a' (line 4)", e[1]);
        }

        [TestMethod]
        public void PullResistorOnAPinWithoutOneIsRefused()
        {
            ConfigErrors e = Refused(Board("ESP32_REV3", "input door = 36 pull-up\n"), 1);
            Assert.AreEqual("line 3: input 'door': GPIO36 has no internal pull resistor; use 'none' and an external resistor", e[0]);
        }

        [TestMethod]
        public void DuplicateNameIsRefused()
        {
            ConfigErrors e = Refused(Board("ESP32_REV3", "output lamp = 4\ninput lamp = 13\n"), 1);
            Assert.AreEqual("line 4: input 'lamp': the name is already used on line 3", e[0]);
        }

        [TestMethod]
        public void DuplicatePinIsRefused()
        {
            ConfigErrors e = Refused(Board("ESP32_REV3", "output a = 4\noutput b = 13\nstatus-led = 4 active-low\n"), 1);
            Assert.AreEqual("line 5: status-led: GPIO4 is already used by output 'a' (line 3)", e[0]);
        }

        [TestMethod]
        [DataRow("ESP32_REV3", 40, "line 3: output 'a': GPIO40 does not exist on the ESP32 (GPIO 0-39)")]
        [DataRow("ESP32_REV3", 20, "line 3: output 'a': GPIO20 does not exist on the ESP32")]
        [DataRow("ESP32_REV3", 24, "line 3: output 'a': GPIO24 does not exist on the ESP32")]
        [DataRow("ESP32_S3", 49, "line 3: output 'a': GPIO49 does not exist on the ESP32-S3 (GPIO 0-48)")]
        [DataRow("ESP32_S3", 23, "line 3: output 'a': GPIO23 does not exist on the ESP32-S3")]
        [DataRow("ESP32_C3", 22, "line 3: output 'a': GPIO22 does not exist on the ESP32-C3 (GPIO 0-21)")]
        [DataRow("ESP32_C3", 200, "line 3: output 'a': GPIO200 does not exist on the ESP32-C3 (GPIO 0-21)")]
        public void PinTheChipDoesNotHaveIsRefused(string target, int pin, string message)
        {
            ConfigErrors e = Refused(Board(target, "output a = " + pin.ToString() + "\n"), 1);
            Assert.AreEqual(message, e[0]);
        }

        [TestMethod]
        public void ReservedPinTheChipDoesNotHaveIsRefused()
        {
            ConfigErrors e = Refused(Board("ESP32_C3", "reserved = 2, 20-25\n"), 1);
            Assert.AreEqual("line 3: reserved: GPIO25 does not exist on the ESP32-C3 (GPIO 0-21)", e[0]);
        }

        [TestMethod]
        public void MissingNameAndTargetAreReportedLast()
        {
            ConfigErrors e = Refused("output a = 4 bright\n", 3);
            Assert.AreEqual("line 1: output 'a': unknown option 'bright' (expected active-low, initial on, initial off)", e[0]);
            Assert.AreEqual("missing 'name = <board name>'", e[1]);
            Assert.AreEqual(0, e.LineOf(1));
            Assert.Contains("missing 'target", e[2]);
        }

        [TestMethod]
        [DataRow("ESP8266")]
        [DataRow("ESP32_S2_USB")]
        [DataRow("ESP32_C6_THREAD")]
        public void UnknownOrUnsupportedTargetIsRefused(string target)
        {
            ConfigErrors e = Refused(Board(target, "output a = 4\n"), 1);
            Assert.StartsWith("line 2: target '" + target + "' is not a nanoff target NanoMqtt knows", e[0]);
        }

        [TestMethod]
        public void KeyGivenTwiceIsRefused()
        {
            ConfigErrors e = Refused(Board("ESP32_REV3", "name = other\nstatus-led = 4\nstatus-led = 13\n"), 2);
            Assert.AreEqual("line 3: 'name' is given twice (first on line 1)", e[0]);
            Assert.AreEqual("line 5: 'status-led' is given twice (first on line 4)", e[1]);
        }

        [TestMethod]
        public void TooManyOutputsAreRefused()
        {
            string body = "";
            for (int i = 0; i < 17; i++) body += "output o" + i.ToString() + " = " + (i + 1).ToString() + "\n";
            ConfigErrors e = Refused(Board("ESP32_S3", body), 1);
            Assert.AreEqual("line 19: output 'o16': too many outputs (at most 16)", e[0]);
        }

        [TestMethod]
        public void EveryProblemIsReportedInLineOrder()
        {
            string text = "name = test\n"
                + "output a = 7\n"          // 2: flash
                + "colour = red\n"          // 3: unknown key
                + "input b = 35 pull-down\n" // 4: no pull resistor
                + "target = ESP32_REV0\n"   // 5
                + "output c = 35\n"         // 6: input-only
                + "output d = 13\n"         // 7: fine
                + "input e = 13\n";         // 8: pin used twice
            ConfigErrors e = Refused(text, 5);
            for (int i = 0; i < e.Count; i++) Assert.AreEqual(new int[] { 2, 3, 4, 6, 8 }[i], e.LineOf(i), e.ToString());
        }

        [TestMethod]
        public void ChipFactsComeFromOnePlace()
        {
            Assert.AreEqual("0, 2, 5, 12, 15", Chips.StrappingPins(ChipFamily.Esp32).ToString());
            Assert.AreEqual("0, 3, 45, 46", Chips.StrappingPins(ChipFamily.Esp32S3).ToString());
            Assert.AreEqual("2, 8, 9", Chips.StrappingPins(ChipFamily.Esp32C3).ToString());
            Assert.AreEqual("0-19, 21-23, 25-27, 32-39", Chips.Pins(ChipFamily.Esp32).ToString());
            Assert.AreEqual(34, Chips.Pins(ChipFamily.Esp32).Count);
            Assert.AreEqual("34-39", Chips.InputOnlyPins(ChipFamily.Esp32).ToString());
            Assert.IsTrue(Chips.InputOnlyPins(ChipFamily.Esp32S3).IsEmpty);
            Assert.AreEqual(48, Chips.HighestPin(ChipFamily.Esp32S3));
            ChipFamily chip;
            Assert.IsTrue(Chips.TryFamilyOfTarget("ESP_WROVER_KIT", out chip));
            Assert.AreEqual((int)ChipFamily.Esp32, (int)chip);
            Assert.IsTrue(Chips.TryFamilyOfTarget("esp32_c3_rev3", out chip));
            Assert.AreEqual((int)ChipFamily.Esp32C3, (int)chip);
        }
    }
}

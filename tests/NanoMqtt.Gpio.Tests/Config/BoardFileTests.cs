using nanoFramework.TestFramework;
using NanoMqtt.Config;

namespace NanoMqtt.Tests.Config
{
    /// <summary>Every shipped board profile parses, validates and says what its board has; the built-in default is the DevKitC file.</summary>
    [TestClass]
    public class BoardFileTests
    {
        private static BoardProfile Load(string name)
        {
            string text = BoardFiles.Text(name);
            Assert.IsNotNull(text, name);
            BoardProfileResult result = BoardProfileParser.Parse(text);
            Assert.AreEqual("", result.Errors.ToString(), name);
            Assert.IsTrue(result.IsValid);
            Assert.IsNotNull(result.Profile);
            return result.Profile;
        }

        [TestMethod]
        [DataRow("esp32-devkitc")]
        [DataRow("esp32-wrover-kit")]
        [DataRow("esp32-s3-devkitc-1")]
        [DataRow("esp32-c3-devkitm-1")]
        [DataRow("m5stack-atom-lite")]
        public void BoardFileParsesWithSensiblePins(string name)
        {
            BoardProfile board = Load(name);
            Assert.AreEqual(name, board.Name, "the profile is named like its file");
            Assert.IsTrue(board.Outputs.Length >= 2 && board.Outputs.Length <= 4, "2-4 outputs");
            Assert.IsTrue(board.Inputs.Length >= 1 && board.Inputs.Length <= 2, "1-2 inputs");
            Assert.IsTrue(board.Description.Length > 0);
            PinSet strapping = Chips.StrappingPins(board.Chip);
            for (int pin = 0; pin < PinSet.Capacity; pin++)
            {
                if (strapping.Contains(pin)) Assert.IsTrue(board.IsReserved(pin), "strapping pin GPIO" + pin.ToString() + " is reserved on " + name);
                if (Chips.IsAlwaysReserved(board.Chip, pin)) Assert.IsTrue(board.IsReserved(pin), "flash pin GPIO" + pin.ToString() + " is reserved on " + name);
            }
        }

        [TestMethod]
        public void BuiltInDefaultIsTheDevKitCFile()
        {
            Assert.AreEqual(BoardFiles.Esp32DevKitC, Boards.Default);
            BoardProfile board = Boards.ParseDefault();
            Assert.IsNotNull(board);
            Assert.AreEqual(Boards.DefaultName, board.Name);
        }

        [TestMethod]
        public void DevKitCIsAClassicEsp32WithRelaysAndAButton()
        {
            BoardProfile board = Load("esp32-devkitc");
            Assert.AreEqual("ESP32_REV3", board.Target);
            Assert.AreEqual((int)ChipFamily.Esp32, (int)board.Chip);
            OutputPin relay = board.FindOutput("relay-1");
            Assert.IsNotNull(relay);
            Assert.AreEqual(26, relay.Pin);
            Assert.IsTrue(relay.ActiveLow);
            Assert.IsFalse(relay.InitialOn);
            Assert.IsFalse(relay.LevelFor(true), "an active-low relay is on at a low level");
            InputPin button = board.FindInput("button");
            Assert.AreEqual(32, button.Pin);
            Assert.AreEqual((int)PinPull.Up, (int)button.Pull);
            Assert.AreEqual(50, button.DebounceMs);
            Assert.IsTrue(button.IsOn(false));
            Assert.AreEqual((int)PinPull.None, (int)board.FindInput("door").Pull);
            Assert.AreEqual(23, board.StatusLed.Pin);
            Assert.AreEqual("0-3, 5-12, 15", board.Reserved.ToString());
            Assert.AreEqual("34-39", board.InputOnly.ToString());
            Assert.IsNull(board.FindOutput("nothing"));
        }

        [TestMethod]
        public void WroverKitAlsoReservesThePsramPins()
        {
            BoardProfile board = Load("esp32-wrover-kit");
            Assert.AreEqual("ESP_WROVER_KIT", board.Target);
            Assert.AreEqual((int)ChipFamily.Esp32, (int)board.Chip);
            Assert.IsTrue(board.IsReserved(16));
            Assert.IsTrue(board.IsReserved(17));
            Assert.AreEqual(4, board.StatusLed.Pin);
        }

        [TestMethod]
        public void S3DevKitReservesFlashOctalPsramAndUsb()
        {
            BoardProfile board = Load("esp32-s3-devkitc-1");
            Assert.AreEqual("ESP32_S3", board.Target);
            Assert.AreEqual((int)ChipFamily.Esp32S3, (int)board.Chip);
            for (int pin = 26; pin <= 37; pin++) Assert.IsTrue(board.IsReserved(pin), "GPIO" + pin.ToString());
            Assert.IsTrue(board.IsReserved(19) && board.IsReserved(20) && board.IsReserved(45) && board.IsReserved(46));
            Assert.IsTrue(board.InputOnly.IsEmpty);
            Assert.IsNull(board.StatusLed, "the RGB LED is addressable, not a status LED");
        }

        [TestMethod]
        public void C3DevKitReservesFlashAndTheRgbLedStrappingPin()
        {
            BoardProfile board = Load("esp32-c3-devkitm-1");
            Assert.AreEqual((int)ChipFamily.Esp32C3, (int)board.Chip);
            Assert.AreEqual("2, 8, 9, 12-21", board.Reserved.ToString());
        }

        [TestMethod]
        public void AtomLiteButtonIsAnInputOnlyPinWithoutPull()
        {
            BoardProfile board = Load("m5stack-atom-lite");
            Assert.AreEqual("ESP32_PICO", board.Target);
            InputPin button = board.FindInput("button");
            Assert.AreEqual(39, button.Pin);
            Assert.AreEqual((int)PinPull.None, (int)button.Pull);
            Assert.IsTrue(button.ActiveLow);
            Assert.IsTrue(board.IsReserved(27), "RGB LED");
            Assert.IsTrue(board.IsReserved(12), "IR LED on a strapping pin");
            Assert.IsTrue(board.IsReserved(16) && board.IsReserved(17), "in-package flash");
        }

        [TestMethod]
        public void CrlfLinesAndTrailingCommentsAreRead()
        {
            BoardProfileResult result = BoardProfileParser.Parse("name = x # the name\r\ntarget = esp32_rev0\r\n\r\n  output a = 4 initial on   # lamp\r\n");
            Assert.AreEqual("", result.Errors.ToString());
            Assert.AreEqual("ESP32_REV0", result.Profile.Target);
            Assert.IsTrue(result.Profile.FindOutput("a").InitialOn);
            Assert.AreEqual("x (ESP32_REV0, ESP32): 1 outputs, 0 inputs", result.Profile.ToString());
        }
    }
}

namespace NanoMqtt.Config
{
    /// <summary>
    /// Reads and validates a board profile (a <c>boards/*.board</c> file, or <see cref="Boards.Default"/>).
    /// The caller passes the file's text; nothing here touches a file system.
    /// </summary>
    /// <remarks>
    /// The format, one statement per line; '#' starts a comment (whole line or after a statement);
    /// blank lines are ignored; words are separated by blanks, list items by commas:
    /// <code>
    /// name        = esp32-devkitc              # required: a-z, 0-9, '-', '_' (the config's 'board' key)
    /// description = Espressif ESP32-DevKitC V4 # optional free text
    /// target      = ESP32_REV3                 # required: the nanoff target; decides the chip
    /// output &lt;name&gt; = &lt;pin&gt; [active-low] [initial on|off]
    /// input  &lt;name&gt; = &lt;pin&gt; [pull-up|pull-down|none] [debounce &lt;ms&gt;] [active-low]
    /// status-led  = &lt;pin&gt; [active-low]
    /// reserved    = 0, 2, 6-11                 # pins this board never lets anyone configure
    /// input-only  = 34-39                      # pins that can only read
    /// </code>
    /// 'reserved' and 'input-only' may be given on several lines; the rest at most once per name.
    /// Names of outputs and inputs are 1-24 characters of a-z, 0-9, '-', '_' and unique across
    /// both. Outputs default to active-high and initial off; inputs to no pull, no debounce,
    /// active-high. Rules (every problem is reported with its line): a pin the chip does not have;
    /// an output, input or status LED on a pin the chip reserves (<see cref="Chips.AlwaysReservedPins"/>)
    /// or the board reserves; an output or status LED on an input-only pin; a pull resistor on a
    /// pin that has none; two users of one pin; two outputs or inputs of one name; at most 16
    /// outputs and 16 inputs; unknown keys, options and malformed lines.
    /// </remarks>
    public static class BoardProfileParser
    {
        /// <summary>Most outputs a board may name.</summary>
        public const int MaxOutputs = 16;
        /// <summary>Most inputs a board may name.</summary>
        public const int MaxInputs = 16;
        /// <summary>Longest output or input name.</summary>
        public const int MaxPinNameLength = 24;
        /// <summary>Longest board name.</summary>
        public const int MaxBoardNameLength = 32;
        /// <summary>Longest debounce time in milliseconds.</summary>
        public const int MaxDebounceMs = 10000;

        internal const string NameRule = "use a-z, 0-9, '-' and '_' (starting with a letter or digit)";

        /// <summary>Parses and validates <paramref name="text"/>; every problem is collected, none thrown.</summary>
        public static BoardProfileResult Parse(string text)
        {
            BoardDraft d = new BoardDraft();
            string[] lines = ConfigText.Lines(text);
            for (int i = 0; i < lines.Length; i++) ReadLine(d, StripComment(lines[i]), i + 1);
            if (d.Name == null) d.Errors.AddGeneral("missing 'name = <board name>'");
            if (d.Target == null) d.Errors.AddGeneral("missing 'target = <nanoff target>' (for example ESP32_REV3)");
            BoardPinRules.Check(d);
            if (d.Errors.Count > 0) return new BoardProfileResult(null, d.Errors);
            return new BoardProfileResult(BoardPinRules.Build(d), d.Errors);
        }

        private static string StripComment(string line)
        {
            int hash = line.IndexOf('#');
            return hash < 0 ? line : line.Substring(0, hash).Trim();
        }

        private static void ReadLine(BoardDraft d, string line, int n)
        {
            if (line.Length == 0) return;
            int eq = line.IndexOf('=');
            if (eq < 0)
            {
                d.Errors.Add(n, "expected '<key> = <value>'");
                return;
            }
            string[] key = ConfigText.Words(line.Substring(0, eq));
            string value = line.Substring(eq + 1).Trim();
            if (key.Length == 0)
            {
                d.Errors.Add(n, "expected '<key> = <value>' (nothing before '=')");
                return;
            }
            string kind = key[0];
            bool named = kind == "output" || kind == "input";
            bool known = named || kind == "name" || kind == "description" || kind == "target" || kind == "status-led" || kind == "reserved" || kind == "input-only";
            if (!known)
            {
                d.Errors.Add(n, "unknown key " + ConfigText.Quote(kind) + " (expected name, description, target, output, input, status-led, reserved, input-only)");
                return;
            }
            if (named && key.Length != 2)
            {
                d.Errors.Add(n, kind + ": expected '" + kind + " <name> = <pin> ...'");
                return;
            }
            if (!named && key.Length != 1)
            {
                d.Errors.Add(n, kind + ": expected '" + kind + " = <value>' (one word before '=')");
                return;
            }
            if (value.Length == 0)
            {
                d.Errors.Add(n, kind + ": no value after '='");
                return;
            }
            if (kind == "name") ReadName(d, value, n);
            else if (kind == "description") ReadDescription(d, value, n);
            else if (kind == "target") ReadTarget(d, value, n);
            else if (kind == "output") BoardPinLines.ReadOutput(d, key[1], ConfigText.Words(value), n);
            else if (kind == "input") BoardPinLines.ReadInput(d, key[1], ConfigText.Words(value), n);
            else if (kind == "status-led") BoardPinLines.ReadStatusLed(d, ConfigText.Words(value), n);
            else if (kind == "reserved") ReadPinList(d, d.Reserved, kind, ConfigText.Words(value), n);
            else ReadPinList(d, d.InputOnly, kind, ConfigText.Words(value), n);
        }

        internal static bool Once(BoardDraft d, string key, int firstLine, int n)
        {
            if (firstLine == 0) return true;
            d.Errors.Add(n, "'" + key + "' is given twice (first on line " + firstLine.ToString() + ")");
            return false;
        }

        private static void ReadName(BoardDraft d, string value, int n)
        {
            if (!Once(d, "name", d.NameLine, n)) return;
            d.NameLine = n;
            if (!ConfigText.IsName(value, MaxBoardNameLength))
            {
                d.Errors.Add(n, "name " + ConfigText.Quote(value) + ": " + NameRule + ", at most " + MaxBoardNameLength.ToString() + " characters");
                return;
            }
            d.Name = value;
        }

        private static void ReadDescription(BoardDraft d, string value, int n)
        {
            if (!Once(d, "description", d.DescriptionLine, n)) return;
            d.DescriptionLine = n;
            d.Description = value;
        }

        private static void ReadTarget(BoardDraft d, string value, int n)
        {
            if (!Once(d, "target", d.TargetLine, n)) return;
            d.TargetLine = n;
            d.Target = value;
            ChipFamily chip;
            if (ConfigText.HasBlank(value) || !Chips.TryFamilyOfTarget(value, out chip))
            {
                d.Errors.Add(n, "target " + ConfigText.Quote(value) + " is not a nanoff target NanoMqtt knows (ESP32_REV0, ESP32_REV3, ESP32_PSRAM_REV3, ESP_WROVER_KIT, ESP32_PICO, ESP32_S3, ESP32_C3, ...)");
                return;
            }
            d.Target = value.ToUpper();
            d.Chip = chip;
            d.ChipKnown = true;
        }

        private static void ReadPinList(BoardDraft d, System.Collections.ArrayList into, string kind, string[] words, int n)
        {
            for (int i = 0; i < words.Length; i++)
            {
                string w = words[i];
                int dash = w.IndexOf('-');
                int first = 0;
                int last = 0;
                bool ok = dash < 0
                    ? ConfigText.TryParseInt(w, 0, 255, out first) && ConfigText.TryParseInt(w, 0, 255, out last)
                    : ConfigText.TryParseInt(w.Substring(0, dash), 0, 255, out first) && ConfigText.TryParseInt(w.Substring(dash + 1), 0, 255, out last);
                if (!ok)
                {
                    d.Errors.Add(n, kind + ": " + ConfigText.Quote(w) + " is not a GPIO number or range (like 6-11)");
                    continue;
                }
                if (first > last)
                {
                    d.Errors.Add(n, kind + ": the range " + ConfigText.Quote(w) + " runs backwards");
                    continue;
                }
                into.Add(new PinRange(first, last, n));
            }
        }
    }
}

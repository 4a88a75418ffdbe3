namespace NanoMqtt.Config
{
    /// <summary>The pin statements of a board profile: <c>output</c>, <c>input</c> and <c>status-led</c>
    /// (the format is on <see cref="BoardProfileParser"/>). Each claims its pin in the draft; the
    /// pin rules are checked once the whole file is read.</summary>
    internal static class BoardPinLines
    {
        private static bool ReadPinName(BoardDraft d, string kind, string name, int n)
        {
            if (!ConfigText.IsName(name, BoardProfileParser.MaxPinNameLength))
            {
                d.Errors.Add(n, kind + " name " + ConfigText.Quote(name) + ": " + BoardProfileParser.NameRule + ", at most " + BoardProfileParser.MaxPinNameLength.ToString() + " characters");
                return false;
            }
            int other = d.LineOfName(name);
            if (other != 0)
            {
                d.Errors.Add(n, kind + " '" + name + "': the name is already used on line " + other.ToString());
                return false;
            }
            return true;
        }

        private static bool ReadPin(BoardDraft d, string label, string word, int n, out int pin)
        {
            if (ConfigText.TryParseInt(word, 0, 255, out pin)) return true;
            d.Errors.Add(n, label + ": " + ConfigText.Quote(word) + " is not a GPIO number");
            return false;
        }

        internal static void ReadOutput(BoardDraft d, string name, string[] words, int n)
        {
            string label = "output '" + name + "'";
            if (!ReadPinName(d, "output", name, n)) return;
            if (d.Outputs.Count >= BoardProfileParser.MaxOutputs)
            {
                d.Errors.Add(n, label + ": too many outputs (at most " + BoardProfileParser.MaxOutputs.ToString() + ")");
                return;
            }
            int pin;
            if (!ReadPin(d, label, words[0], n, out pin)) return;
            bool activeLow = false;
            bool initialOn = false;
            for (int i = 1; i < words.Length; i++)
            {
                string w = words[i];
                if (w == "active-low") activeLow = true;
                else if (w == "initial" && i + 1 < words.Length && (words[i + 1] == "on" || words[i + 1] == "off")) initialOn = words[++i] == "on";
                else
                {
                    d.Errors.Add(n, label + ": unknown option " + ConfigText.Quote(w) + " (expected active-low, initial on, initial off)");
                    return;
                }
            }
            OutputPin output = new OutputPin(name, pin, activeLow, initialOn, n);
            d.Outputs.Add(output);
            d.Claims.Add(output);
        }

        internal static void ReadInput(BoardDraft d, string name, string[] words, int n)
        {
            string label = "input '" + name + "'";
            if (!ReadPinName(d, "input", name, n)) return;
            if (d.Inputs.Count >= BoardProfileParser.MaxInputs)
            {
                d.Errors.Add(n, label + ": too many inputs (at most " + BoardProfileParser.MaxInputs.ToString() + ")");
                return;
            }
            int pin;
            if (!ReadPin(d, label, words[0], n, out pin)) return;
            PinPull pull = PinPull.None;
            bool pullGiven = false;
            int debounce = 0;
            bool activeLow = false;
            for (int i = 1; i < words.Length; i++)
            {
                string w = words[i];
                bool isPull = w == "pull-up" || w == "pull-down" || w == "none";
                if (isPull && pullGiven)
                {
                    d.Errors.Add(n, label + ": more than one of pull-up, pull-down, none");
                    return;
                }
                if (isPull)
                {
                    pullGiven = true;
                    pull = w == "pull-up" ? PinPull.Up : w == "pull-down" ? PinPull.Down : PinPull.None;
                }
                else if (w == "active-low") activeLow = true;
                else if (w == "debounce")
                {
                    if (i + 1 >= words.Length || !ConfigText.TryParseInt(words[i + 1], 0, BoardProfileParser.MaxDebounceMs, out debounce))
                    {
                        d.Errors.Add(n, label + ": 'debounce' takes a time in milliseconds, 0-" + BoardProfileParser.MaxDebounceMs.ToString());
                        return;
                    }
                    i++;
                }
                else
                {
                    d.Errors.Add(n, label + ": unknown option " + ConfigText.Quote(w) + " (expected pull-up, pull-down, none, debounce <ms>, active-low)");
                    return;
                }
            }
            InputPin input = new InputPin(name, pin, pull, debounce, activeLow, n);
            d.Inputs.Add(input);
            d.Claims.Add(input);
        }

        internal static void ReadStatusLed(BoardDraft d, string[] words, int n)
        {
            if (!BoardProfileParser.Once(d, "status-led", d.StatusLedLine, n)) return;
            d.StatusLedLine = n;
            int pin;
            if (!ReadPin(d, "status-led", words[0], n, out pin)) return;
            bool activeLow = false;
            for (int i = 1; i < words.Length; i++)
            {
                if (words[i] == "active-low") activeLow = true;
                else
                {
                    d.Errors.Add(n, "status-led: unknown option " + ConfigText.Quote(words[i]) + " (expected active-low)");
                    return;
                }
            }
            d.StatusLed = new OutputPin("status-led", pin, activeLow, false, n);
            d.Claims.Add(d.StatusLed);
        }
    }
}

using NanoMqtt.Runtime;

namespace NanoMqtt.Config
{
    /// <summary>
    /// The pin rules of a board profile, run once the whole file is read (a 'reserved' line may
    /// come after the output it forbids): pins the chip lacks, reserved and input-only pins,
    /// pull resistors, pins used twice.
    /// </summary>
    internal static class BoardPinRules
    {
        internal static void Check(BoardDraft d)
        {
            int[] reservedLine = new int[PinSet.Capacity];
            int[] inputOnlyLine = new int[PinSet.Capacity];
            CheckList(d, d.Reserved, "reserved", reservedLine);
            CheckList(d, d.InputOnly, "input-only", inputOnlyLine);

            int[] usedLine = new int[PinSet.Capacity];
            string[] usedBy = new string[PinSet.Capacity];
            ReferenceArray.FillWithNulls(usedBy);
            for (int i = 0; i < d.Claims.Count; i++)
            {
                object claim = d.Claims[i];
                OutputPin output = claim as OutputPin;
                InputPin input = claim as InputPin;
                int pin = output != null ? output.Pin : input.Pin;
                int line = output != null ? output.Line : input.Line;
                string label = Label(d, output, input);
                string problem = Problem(d, output, input, pin, reservedLine, inputOnlyLine);
                if (problem == null && pin < PinSet.Capacity && usedLine[pin] != 0)
                    problem = "GPIO" + pin.ToString() + " is already used by " + usedBy[pin] + " (line " + usedLine[pin].ToString() + ")";
                if (problem != null) d.Errors.Add(line, label + ": " + problem);
                if (pin < PinSet.Capacity && usedLine[pin] == 0)
                {
                    usedLine[pin] = line;
                    usedBy[pin] = label;
                }
            }
        }

        internal static BoardProfile Build(BoardDraft d)
        {
            PinSet reserved = Chips.AlwaysReservedPins(d.Chip);
            AddAll(reserved, d.Reserved);
            PinSet inputOnly = Chips.InputOnlyPins(d.Chip);
            AddAll(inputOnly, d.InputOnly);
            OutputPin[] outputs = (OutputPin[])d.Outputs.ToArray(typeof(OutputPin));
            InputPin[] inputs = (InputPin[])d.Inputs.ToArray(typeof(InputPin));
            return new BoardProfile(d.Name, d.Description, d.Target, d.Chip, outputs, inputs, d.StatusLed, reserved, inputOnly);
        }

        private static string Label(BoardDraft d, OutputPin output, InputPin input)
        {
            if (input != null) return "input '" + input.Name + "'";
            return output == d.StatusLed ? "status-led" : "output '" + output.Name + "'";
        }

        private static string Problem(BoardDraft d, OutputPin output, InputPin input, int pin, int[] reservedLine, int[] inputOnlyLine)
        {
            if (d.ChipKnown && !Chips.Exists(d.Chip, pin)) return NotOnChip(d.Chip, pin);
            if (d.ChipKnown && Chips.IsAlwaysReserved(d.Chip, pin))
                return "GPIO" + pin.ToString() + " is reserved by the " + Chips.Name(d.Chip) + " (" + Chips.AlwaysReservedReason(d.Chip) + ")";
            if (pin < PinSet.Capacity && reservedLine[pin] != 0)
                return "GPIO" + pin.ToString() + " is reserved by this board (line " + reservedLine[pin].ToString() + ")";
            if (output != null && d.ChipKnown && Chips.IsInputOnly(d.Chip, pin))
                return "GPIO" + pin.ToString() + " is input-only on the " + Chips.Name(d.Chip);
            if (output != null && pin < PinSet.Capacity && inputOnlyLine[pin] != 0)
                return "GPIO" + pin.ToString() + " is input-only on this board (line " + inputOnlyLine[pin].ToString() + ")";
            if (input != null && input.Pull != PinPull.None && d.ChipKnown && !Chips.HasInternalPull(d.Chip, pin))
                return "GPIO" + pin.ToString() + " has no internal pull resistor; use 'none' and an external resistor";
            return null;
        }

        private static void CheckList(BoardDraft d, System.Collections.ArrayList ranges, string kind, int[] lineOf)
        {
            for (int i = 0; i < ranges.Count; i++)
            {
                PinRange r = (PinRange)ranges[i];
                if (d.ChipKnown && !Chips.Exists(d.Chip, r.First))
                {
                    d.Errors.Add(r.Line, kind + ": " + NotOnChip(d.Chip, r.First));
                    continue;
                }
                if (d.ChipKnown && !Chips.Exists(d.Chip, r.Last))
                {
                    d.Errors.Add(r.Line, kind + ": " + NotOnChip(d.Chip, r.Last));
                    continue;
                }
                for (int pin = r.First; pin <= r.Last && pin < PinSet.Capacity; pin++)
                {
                    if (lineOf[pin] == 0) lineOf[pin] = r.Line;
                }
            }
        }

        private static void AddAll(PinSet set, System.Collections.ArrayList ranges)
        {
            for (int i = 0; i < ranges.Count; i++)
            {
                PinRange r = (PinRange)ranges[i];
                set.AddRange(r.First, r.Last);
            }
        }

        private static string NotOnChip(ChipFamily chip, int pin)
        {
            string text = "GPIO" + pin.ToString() + " does not exist on the " + Chips.Name(chip);
            if (pin > Chips.HighestPin(chip)) text += " (GPIO 0-" + Chips.HighestPin(chip).ToString() + ")";
            return text;
        }
    }
}

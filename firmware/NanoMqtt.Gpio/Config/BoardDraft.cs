using System.Collections;

namespace NanoMqtt.Config
{
    /// <summary>A pin list entry of a board file: one pin or a range, both ends included.</summary>
    internal sealed class PinRange
    {
        internal PinRange(int first, int last, int line)
        {
            First = first;
            Last = last;
            Line = line;
        }

        internal int First;
        internal int Last;
        internal int Line;
    }

    /// <summary>What <see cref="BoardProfileParser"/> has read so far, before the pin rules run.</summary>
    internal sealed class BoardDraft
    {
        internal readonly ConfigErrors Errors = new ConfigErrors();

        internal string Name;
        internal int NameLine;
        internal string Description = "";
        internal int DescriptionLine;
        internal string Target;
        internal int TargetLine;
        internal ChipFamily Chip;
        internal bool ChipKnown;
        internal OutputPin StatusLed;
        internal int StatusLedLine;

        /// <summary>OutputPin entries in file order.</summary>
        internal readonly ArrayList Outputs = new ArrayList();
        /// <summary>InputPin entries in file order.</summary>
        internal readonly ArrayList Inputs = new ArrayList();
        /// <summary>Every pin user (outputs, inputs, the status LED) in file order.</summary>
        internal readonly ArrayList Claims = new ArrayList();
        /// <summary>PinRange entries of 'reserved' lines.</summary>
        internal readonly ArrayList Reserved = new ArrayList();
        /// <summary>PinRange entries of 'input-only' lines.</summary>
        internal readonly ArrayList InputOnly = new ArrayList();

        /// <summary>The line that declared output or input <paramref name="name"/>, or 0.</summary>
        internal int LineOfName(string name)
        {
            for (int i = 0; i < Outputs.Count; i++)
            {
                OutputPin o = (OutputPin)Outputs[i];
                if (o.Name == name) return o.Line;
            }
            for (int i = 0; i < Inputs.Count; i++)
            {
                InputPin p = (InputPin)Inputs[i];
                if (p.Name == name) return p.Line;
            }
            return 0;
        }
    }
}

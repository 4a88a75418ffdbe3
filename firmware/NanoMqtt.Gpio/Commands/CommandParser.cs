using NanoMqtt.Protocol;

namespace NanoMqtt.Commands
{
    /// <summary>
    /// Reads a command payload on bytes, case-insensitively and without allocating:
    /// on | off | 1 | 0 | true | false | toggle | pulse:&lt;ms&gt;.
    /// </summary>
    public static class CommandParser
    {
        /// <summary>Longest valid payload ("pulse:60000").</summary>
        public const int MaxLength = 11;
        /// <summary>Longest pulse in milliseconds.</summary>
        public const int MaxPulseMs = 60000;

        /// <summary>Parses <paramref name="payload"/>; <paramref name="pulseMs"/> is set for pulses.</summary>
        public static CommandError Parse(Slice payload, out CommandKind kind, out int pulseMs)
        {
            kind = CommandKind.None;
            pulseMs = 0;
            if (payload.Length > MaxLength) return CommandError.TooLong;
            if (Is(payload, "on") || Is(payload, "1") || Is(payload, "true")) kind = CommandKind.On;
            else if (Is(payload, "off") || Is(payload, "0") || Is(payload, "false")) kind = CommandKind.Off;
            else if (Is(payload, "toggle")) kind = CommandKind.Toggle;
            else if (StartsWith(payload, "pulse:"))
            {
                int digits = payload.Length - 6;
                if (digits < 1 || digits > 5) return CommandError.BadPulse;
                int ms = 0;
                for (int i = 6; i < payload.Length; i++)
                {
                    int d = payload[i] - '0';
                    if (d < 0 || d > 9) return CommandError.BadPulse;
                    ms = ms * 10 + d;
                }
                if (ms < 1 || ms > MaxPulseMs) return CommandError.BadPulse;
                kind = CommandKind.Pulse;
                pulseMs = ms;
            }
            else return CommandError.BadPayload;
            return CommandError.None;
        }

        private static bool Is(Slice payload, string word)
        {
            return payload.Length == word.Length && StartsWith(payload, word);
        }

        private static bool StartsWith(Slice payload, string word)
        {
            if (payload.Length < word.Length) return false;
            for (int i = 0; i < word.Length; i++)
            {
                int c = payload[i];
                if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
                if (c != word[i]) return false;
            }
            return true;
        }
    }
}

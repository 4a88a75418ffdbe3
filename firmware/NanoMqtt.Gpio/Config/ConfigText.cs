using System.Collections;

namespace NanoMqtt.Config
{
    /// <summary>The small lexical helpers both text formats share: lines, words, numbers, names, hex.</summary>
    public static class ConfigText
    {
        private static readonly char[] NewLine = new char[] { '\n' };
        private const string HexDigits = "0123456789abcdef";

        /// <summary>The text's lines, each trimmed of blanks (and of the '\r' of CRLF files); line n is at index n - 1.</summary>
        public static string[] Lines(string text)
        {
            if (text == null) return new string[0];
            string[] lines = text.Split(NewLine);
            for (int i = 0; i < lines.Length; i++) lines[i] = lines[i].Trim();
            return lines;
        }

        /// <summary>True for a line with nothing to read: empty or a '#' comment.</summary>
        public static bool IsBlankOrComment(string line)
        {
            return line.Length == 0 || line[0] == '#';
        }

        /// <summary>The words of <paramref name="text"/>, split at blanks and commas (empty words dropped).</summary>
        public static string[] Words(string text)
        {
            ArrayList words = new ArrayList();
            int start = -1;
            for (int i = 0; i <= text.Length; i++)
            {
                bool separator = i == text.Length || IsBlank(text[i]) || text[i] == ',';
                if (!separator && start < 0) start = i;
                if (separator && start >= 0)
                {
                    words.Add(text.Substring(start, i - start));
                    start = -1;
                }
            }
            return (string[])words.ToArray(typeof(string));
        }

        /// <summary>True for a space, tab or other blank below '!'.</summary>
        public static bool IsBlank(char c)
        {
            return c <= ' ';
        }

        /// <summary>True when <paramref name="text"/> has a blank anywhere.</summary>
        public static bool HasBlank(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (IsBlank(text[i])) return true;
            }
            return false;
        }

        /// <summary>Reads a decimal number of at most ten digits (no sign, no blanks) that fits in 32 bits.</summary>
        public static bool TryParseUInt(string text, out uint value)
        {
            value = 0;
            if (text == null || text.Length == 0 || text.Length > 10) return false;
            ulong v = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return false;
                v = v * 10 + (ulong)(c - '0');
            }
            if (v > 0xFFFFFFFFUL) return false;
            value = (uint)v;
            return true;
        }

        /// <summary>Reads a decimal number in <paramref name="min"/>..<paramref name="max"/>.</summary>
        public static bool TryParseInt(string text, int min, int max, out int value)
        {
            value = 0;
            uint v;
            if (!TryParseUInt(text, out v) || v > int.MaxValue) return false;
            if ((int)v < min || (int)v > max) return false;
            value = (int)v;
            return true;
        }

        /// <summary>
        /// True for a name of 1 to <paramref name="maxLength"/> characters from a-z, 0-9, '-' and
        /// '_' starting with a letter or digit: what output and input names and board names may be.
        /// </summary>
        public static bool IsName(string text, int maxLength)
        {
            if (text == null || text.Length == 0 || text.Length > maxLength) return false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                if (!alnum && (i == 0 || (c != '-' && c != '_'))) return false;
            }
            return true;
        }

        /// <summary>True for what may be shown as a key in a message: 1-40 characters of a-z, 0-9, '.', '-', '_'.</summary>
        public static bool IsKeyToken(string text)
        {
            if (text.Length == 0 || text.Length > 40) return false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) return false;
            }
            return true;
        }

        /// <summary>The bytes as lowercase hex without separators ("a4cf12...").</summary>
        public static string ToHex(byte[] bytes)
        {
            char[] chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = HexDigits[bytes[i] >> 4];
                chars[2 * i + 1] = HexDigits[bytes[i] & 0xF];
            }
            return new string(chars);
        }

        /// <summary>A value quoted for a message, cut to 32 characters. Never call it with a secret.</summary>
        public static string Quote(string value)
        {
            if (value.Length > 32) value = value.Substring(0, 29) + "...";
            return "'" + value + "'";
        }
    }
}

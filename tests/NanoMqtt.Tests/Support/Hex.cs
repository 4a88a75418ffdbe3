namespace NanoMqtt.Tests.Support
{
    /// <summary>Hex strings for golden packets ("10 0C 00 04 ...", spaces ignored) and back.</summary>
    public static class Hex
    {
        public static byte[] Parse(string hex)
        {
            int digits = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                if (hex[i] != ' ') digits++;
            }
            byte[] bytes = new byte[digits / 2];
            int n = 0;
            int high = -1;
            for (int i = 0; i < hex.Length; i++)
            {
                char c = hex[i];
                if (c == ' ') continue;
                int v = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
                if (high < 0) high = v;
                else
                {
                    bytes[n++] = (byte)((high << 4) | v);
                    high = -1;
                }
            }
            return bytes;
        }

        public static string Format(byte[] bytes, int offset, int count)
        {
            const string digits = "0123456789ABCDEF";
            char[] chars = new char[count == 0 ? 0 : count * 3 - 1];
            for (int i = 0; i < count; i++)
            {
                int b = bytes[offset + i];
                if (i > 0) chars[i * 3 - 1] = ' ';
                chars[i * 3] = digits[b >> 4];
                chars[i * 3 + 1] = digits[b & 0xF];
            }
            return new string(chars);
        }

        /// <summary>"48 65" for the ASCII/UTF-8 bytes of a string, to build golden packets readably.</summary>
        public static string Of(string text)
        {
            NanoMqtt.Protocol.Slice s = NanoMqtt.Protocol.Slice.FromString(text);
            return Format(s.Array, 0, s.Length);
        }
    }
}

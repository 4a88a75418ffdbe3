namespace NanoMqtt.Protocol
{
    /// <summary>
    /// UTF-8 as MQTT requires it: well-formed (no overlong forms, no surrogates, nothing above
    /// U+10FFFF) and without U+0000. Written here because nano mscorlib's encoder neither
    /// validates nor writes into a caller's buffer.
    /// </summary>
    public static class Utf8
    {
        /// <summary>Checks <paramref name="count"/> bytes at <paramref name="offset"/>.</summary>
        public static DecodeStatus Validate(byte[] bytes, int offset, int count)
        {
            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                int b = bytes[i];
                if (b == 0) return DecodeStatus.NullCharacter;
                if (b < 0x80) { i++; continue; }
                int need;
                int min;
                int cp;
                if ((b & 0xE0) == 0xC0) { need = 1; min = 0x80; cp = b & 0x1F; }
                else if ((b & 0xF0) == 0xE0) { need = 2; min = 0x800; cp = b & 0x0F; }
                else if ((b & 0xF8) == 0xF0) { need = 3; min = 0x10000; cp = b & 0x07; }
                else return DecodeStatus.InvalidUtf8;
                if (end - i - 1 < need) return DecodeStatus.InvalidUtf8;
                for (int k = 1; k <= need; k++)
                {
                    int c = bytes[i + k];
                    if ((c & 0xC0) != 0x80) return DecodeStatus.InvalidUtf8;
                    cp = (cp << 6) | (c & 0x3F);
                }
                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return DecodeStatus.InvalidUtf8;
                i += need + 1;
            }
            return DecodeStatus.Ok;
        }

        /// <summary>Bytes needed for <paramref name="text"/>, or -1 when it holds an unpaired surrogate.</summary>
        public static int GetByteCount(string text)
        {
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x80) n += 1;
                else if (c < 0x800) n += 2;
                else if (c >= 0xD800 && c <= 0xDBFF)
                {
                    if (i + 1 >= text.Length || text[i + 1] < 0xDC00 || text[i + 1] > 0xDFFF) return -1;
                    n += 4;
                    i++;
                }
                else if (c >= 0xDC00 && c <= 0xDFFF) return -1;
                else n += 3;
            }
            return n;
        }

        /// <summary>Writes <paramref name="text"/> at <paramref name="offset"/>; returns the byte count,
        /// or -1 (writing nothing) for an unpaired surrogate. The caller sizes the buffer with <see cref="GetByteCount"/>.</summary>
        public static int Encode(string text, byte[] buffer, int offset)
        {
            if (GetByteCount(text) < 0) return -1;
            int p = offset;
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c < 0x80) buffer[p++] = (byte)c;
                else if (c < 0x800)
                {
                    buffer[p++] = (byte)(0xC0 | (c >> 6));
                    buffer[p++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDBFF)
                {
                    int cp = 0x10000 + ((c - 0xD800) << 10) + (text[++i] - 0xDC00);
                    buffer[p++] = (byte)(0xF0 | (cp >> 18));
                    buffer[p++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                    buffer[p++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                    buffer[p++] = (byte)(0x80 | (cp & 0x3F));
                }
                else
                {
                    buffer[p++] = (byte)(0xE0 | (c >> 12));
                    buffer[p++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    buffer[p++] = (byte)(0x80 | (c & 0x3F));
                }
            }
            return p - offset;
        }

        /// <summary>True when the bytes are exactly the UTF-8 encoding of <paramref name="text"/>; no allocation.</summary>
        public static bool Equals(byte[] bytes, int offset, int count, string text)
        {
            int p = offset;
            int end = offset + count;
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c < 0x80)
                {
                    if (p >= end || bytes[p++] != c) return false;
                    continue;
                }
                int cp = c;
                int n;
                if (c < 0x800) n = 2;
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.Length)
                {
                    cp = 0x10000 + ((c - 0xD800) << 10) + (text[++i] - 0xDC00);
                    n = 4;
                }
                else n = 3;
                if (end - p < n) return false;
                int lead = n == 2 ? 0xC0 | (cp >> 6) : n == 3 ? 0xE0 | (cp >> 12) : 0xF0 | (cp >> 18);
                if (bytes[p] != (byte)lead) return false;
                for (int k = 1; k < n; k++)
                {
                    if (bytes[p + k] != (byte)(0x80 | ((cp >> (6 * (n - 1 - k))) & 0x3F))) return false;
                }
                p += n;
            }
            return p == end;
        }

        /// <summary>Decodes well-formed UTF-8 into a new string (allocates; for logs and tests).</summary>
        public static string ToString(byte[] bytes, int offset, int count)
        {
            char[] chars = new char[count];
            int n = 0;
            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                int b = bytes[i];
                int cp;
                if (b < 0x80) { cp = b; i += 1; }
                else if ((b & 0xE0) == 0xC0 && i + 1 < end) { cp = ((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F); i += 2; }
                else if ((b & 0xF0) == 0xE0 && i + 2 < end) { cp = ((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F); i += 3; }
                else if ((b & 0xF8) == 0xF0 && i + 3 < end)
                {
                    cp = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3F) << 12) | ((bytes[i + 2] & 0x3F) << 6) | (bytes[i + 3] & 0x3F);
                    i += 4;
                }
                else { cp = 0xFFFD; i += 1; }
                if (cp >= 0x10000)
                {
                    cp -= 0x10000;
                    chars[n++] = (char)(0xD800 + (cp >> 10));
                    chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else chars[n++] = (char)cp;
            }
            return new string(chars, 0, n);
        }
    }
}

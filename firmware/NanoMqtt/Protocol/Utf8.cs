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

        /// <summary>The longest of the first <paramref name="count"/> bytes at <paramref name="offset"/> that
        /// ends where a character ends (a cut topic is shown without half a character).</summary>
        public static int BoundaryBefore(byte[] bytes, int offset, int count)
        {
            int k = count;
            while (k > 0 && (bytes[offset + k - 1] & 0xC0) == 0x80) k--;
            if (k == 0) return count;
            int lead = bytes[offset + k - 1];
            int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            return count - (k - 1) >= need ? count : k - 1;
        }

        /// <summary>Bytes needed for <paramref name="text"/>. An unpaired surrogate counts as U+FFFD,
        /// which is what nanoFramework makes of it when the string is created, so both runtimes agree.</summary>
        public static int GetByteCount(string text)
        {
            return GetByteCount(text.ToCharArray());
        }

        /// <summary>Bytes needed for <paramref name="chars"/> (UTF-16; unpaired surrogates as U+FFFD).</summary>
        public static int GetByteCount(char[] chars)
        {
            int n = 0;
            for (int i = 0; i < chars.Length; i++) n += EncodedLength(CodePointAt(chars, ref i));
            return n;
        }

        /// <summary>Writes <paramref name="text"/> at <paramref name="offset"/> and returns the byte count.
        /// The caller sizes the buffer with <see cref="GetByteCount(string)"/>.</summary>
        public static int Encode(string text, byte[] buffer, int offset)
        {
            return Encode(text.ToCharArray(), buffer, offset);
        }

        /// <summary>Writes <paramref name="chars"/> at <paramref name="offset"/> and returns the byte count.</summary>
        public static int Encode(char[] chars, byte[] buffer, int offset)
        {
            int p = offset;
            for (int i = 0; i < chars.Length; i++)
            {
                int cp = CodePointAt(chars, ref i);
                int n = EncodedLength(cp);
                buffer[p] = (byte)LeadByte(cp, n);
                for (int k = 1; k < n; k++) buffer[p + k] = (byte)(0x80 | ((cp >> (6 * (n - 1 - k))) & 0x3F));
                p += n;
            }
            return p - offset;
        }

        /// <summary>True when the bytes are exactly the UTF-8 encoding of <paramref name="text"/>
        /// (allocates one char copy of the text).</summary>
        public static bool Equals(byte[] bytes, int offset, int count, string text)
        {
            char[] chars = text.ToCharArray();
            int p = offset;
            int end = offset + count;
            for (int i = 0; i < chars.Length; i++)
            {
                int cp = CodePointAt(chars, ref i);
                int n = EncodedLength(cp);
                if (end - p < n || bytes[p] != (byte)LeadByte(cp, n)) return false;
                for (int k = 1; k < n; k++)
                {
                    if (bytes[p + k] != (byte)(0x80 | ((cp >> (6 * (n - 1 - k))) & 0x3F))) return false;
                }
                p += n;
            }
            return p == end;
        }

        // The code point at chars[i]; steps i over the low half of a surrogate pair. The string
        // indexer cannot be used for this: on nanoCLR it returns the high surrogate twice for a
        // 4-byte character, while ToCharArray() gives both halves.
        private static int CodePointAt(char[] chars, ref int i)
        {
            int c = chars[i];
            if (c < 0xD800 || c > 0xDFFF) return c;
            if (c <= 0xDBFF && i + 1 < chars.Length && chars[i + 1] >= 0xDC00 && chars[i + 1] <= 0xDFFF)
            {
                i++;
                return 0x10000 + ((c - 0xD800) << 10) + (chars[i] - 0xDC00);
            }
            return 0xFFFD;
        }

        private static int EncodedLength(int cp)
        {
            if (cp < 0x80) return 1;
            if (cp < 0x800) return 2;
            return cp < 0x10000 ? 3 : 4;
        }

        private static int LeadByte(int cp, int n)
        {
            if (n == 1) return cp;
            if (n == 2) return 0xC0 | (cp >> 6);
            return n == 3 ? 0xE0 | (cp >> 12) : 0xF0 | (cp >> 18);
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

namespace NanoMqtt.Protocol
{
    /// <summary>
    /// A view of bytes inside a buffer someone else owns: how strings and binary fields travel
    /// through the codec without copying. Decoded slices point into the receive buffer and are
    /// valid until it is reused.
    /// </summary>
    public struct Slice
    {
        /// <summary>The buffer, or null for an absent field.</summary>
        public byte[] Array;
        /// <summary>Index of the first byte.</summary>
        public int Offset;
        /// <summary>Number of bytes.</summary>
        public int Length;

        /// <summary>Creates a view of <paramref name="length"/> bytes at <paramref name="offset"/>.</summary>
        public Slice(byte[] array, int offset, int length)
        {
            Array = array;
            Offset = offset;
            Length = length;
        }

        /// <summary>A view of a whole array (absent when <paramref name="array"/> is null).</summary>
        public static Slice Of(byte[] array)
        {
            return new Slice(array, 0, array == null ? 0 : array.Length);
        }

        /// <summary>UTF-8 bytes of <paramref name="text"/> in a new array; null gives an absent slice.
        /// Allocates: for configuration time, not per message.</summary>
        public static Slice FromString(string text)
        {
            if (text == null) return new Slice();
            char[] chars = text.ToCharArray();
            byte[] bytes = new byte[Utf8.GetByteCount(chars)];
            Utf8.Encode(chars, bytes, 0);
            return Of(bytes);
        }

        /// <summary>True when the field is absent.</summary>
        public bool IsAbsent
        {
            get { return Array == null; }
        }

        /// <summary>The byte at <paramref name="index"/> within the view.</summary>
        public byte this[int index]
        {
            get { return Array[Offset + index]; }
        }

        /// <summary>Byte-wise equality with another view (two absent slices are equal).</summary>
        public bool ContentEquals(Slice other)
        {
            if (Array == null || other.Array == null) return Array == null && other.Array == null;
            if (Length != other.Length) return false;
            for (int i = 0; i < Length; i++)
            {
                if (Array[Offset + i] != other.Array[other.Offset + i]) return false;
            }
            return true;
        }

        /// <summary>True when the view holds exactly the UTF-8 encoding of <paramref name="text"/>; no allocation.</summary>
        public bool ContentEquals(string text)
        {
            if (Array == null || text == null) return Array == null && text == null;
            return Utf8.Equals(Array, Offset, Length, text);
        }

        /// <summary>Decodes the view as UTF-8 into a new string (allocates; for logs and tests).</summary>
        public override string ToString()
        {
            return Array == null ? null : Utf8.ToString(Array, Offset, Length);
        }
    }
}

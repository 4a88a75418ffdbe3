using NanoMqtt.Protocol;

namespace NanoMqtt.Telemetry
{
    /// <summary>Writes ASCII text and integers into a fixed buffer, for payloads built without allocating.</summary>
    public sealed class PayloadText
    {
        private readonly byte[] _buffer;

        /// <summary>A writer over a buffer of <paramref name="capacity"/> bytes.</summary>
        public PayloadText(int capacity)
        {
            _buffer = new byte[capacity];
        }

        /// <summary>Bytes written so far.</summary>
        public int Length { get; private set; }

        /// <summary>The buffer (valid up to <see cref="Length"/>).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Starts over.</summary>
        public void Clear()
        {
            Length = 0;
        }

        /// <summary>Appends ASCII text (silently cut at the capacity).</summary>
        public void Add(string ascii)
        {
            for (int i = 0; i < ascii.Length && Length < _buffer.Length; i++) _buffer[Length++] = (byte)ascii[i];
        }

        /// <summary>Appends bytes as they are (a topic, a name; silently cut at the capacity).</summary>
        public void Add(Slice bytes)
        {
            for (int i = 0; i < bytes.Length && Length < _buffer.Length; i++) _buffer[Length++] = bytes[i];
        }

        /// <summary>The text written so far.</summary>
        public Slice Text
        {
            get { return new Slice(_buffer, 0, Length); }
        }

        /// <summary>Appends a decimal integer.</summary>
        public void Add(long value)
        {
            if (value < 0)
            {
                Add("-");
                value = -value;
            }
            long div = 1;
            while (value / div >= 10) div *= 10;
            for (; div > 0 && Length < _buffer.Length; div /= 10) _buffer[Length++] = (byte)('0' + value / div % 10);
        }

        /// <summary>Appends " key=value".</summary>
        public void Field(string key, long value)
        {
            if (Length > 0) Add(" ");
            Add(key);
            Add("=");
            Add(value);
        }
    }
}

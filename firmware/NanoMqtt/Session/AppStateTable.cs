namespace NanoMqtt.Session
{
    /// <summary>
    /// The application's durable state, as effects keyed by their first byte (for GPIO: the
    /// output). The latest effect per key is kept on flash across compaction and handed back at
    /// boot, so outputs are restored before any network.
    /// </summary>
    public sealed class AppStateTable
    {
        private readonly byte[] _keys;
        private readonly byte[] _values;
        private readonly byte[] _lengths;
        private readonly int _valueCapacity;
        private int _count;

        /// <summary>Room for <paramref name="keys"/> keys of at most <paramref name="valueCapacity"/> bytes (key byte included).</summary>
        public AppStateTable(int keys, int valueCapacity)
        {
            _keys = new byte[keys];
            _values = new byte[keys * valueCapacity];
            _lengths = new byte[keys];
            _valueCapacity = valueCapacity > 255 ? 255 : valueCapacity;
        }

        /// <summary>Keys held.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Stores the effect at <paramref name="offset"/> under its first byte; false when a new key finds no room.</summary>
        public bool Set(byte[] effect, int offset, int length)
        {
            if (length <= 0 || length > _valueCapacity) return false;
            byte key = effect[offset];
            int i = 0;
            while (i < _count && _keys[i] != key) i++;
            if (i == _count)
            {
                if (_count == _keys.Length) return false;
                _keys[i] = key;
                _count++;
            }
            System.Array.Copy(effect, offset, _values, i * _valueCapacity, length);
            _lengths[i] = (byte)length;
            return true;
        }

        /// <summary>The effect held at slot <paramref name="index"/>: in the returned buffer at <paramref name="offset"/>.</summary>
        public byte[] GetValue(int index, out int offset, out int length)
        {
            offset = index * _valueCapacity;
            length = _lengths[index];
            return _values;
        }

        /// <summary>Forgets everything.</summary>
        public void Clear()
        {
            _count = 0;
        }
    }
}

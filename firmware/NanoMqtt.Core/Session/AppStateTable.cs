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
        private readonly byte[][] _values;
        private readonly int[] _lengths;
        private int _count;

        /// <summary>Room for <paramref name="keys"/> keys of at most <paramref name="valueCapacity"/> bytes (key byte included).</summary>
        public AppStateTable(int keys, int valueCapacity)
        {
            _keys = new byte[keys];
            _values = new byte[keys][];
            _lengths = new int[keys];
            for (int i = 0; i < keys; i++) _values[i] = new byte[valueCapacity];
        }

        /// <summary>Keys held.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Stores the effect at <paramref name="offset"/> under its first byte; false when a new key finds no room.</summary>
        public bool Set(byte[] effect, int offset, int length)
        {
            if (length <= 0 || length > _values[0].Length) return false;
            byte key = effect[offset];
            int i = 0;
            while (i < _count && _keys[i] != key) i++;
            if (i == _count)
            {
                if (_count == _keys.Length) return false;
                _keys[i] = key;
                _count++;
            }
            System.Array.Copy(effect, offset, _values[i], 0, length);
            _lengths[i] = length;
            return true;
        }

        /// <summary>The effect held at slot <paramref name="index"/>.</summary>
        public byte[] GetValue(int index, out int length)
        {
            length = _lengths[index];
            return _values[index];
        }

        /// <summary>Forgets everything.</summary>
        public void Clear()
        {
            _count = 0;
        }
    }
}

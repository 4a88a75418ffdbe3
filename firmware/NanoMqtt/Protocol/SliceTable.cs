using NanoMqtt.Runtime;

namespace NanoMqtt.Protocol
{
    /// <summary>
    /// A fixed number of <see cref="Slice"/>s kept as three parallel arrays. On nanoCLR a struct
    /// array pre-allocates a heap object per element (a 12-byte slot plus 48 bytes for a Slice);
    /// here an element costs 20 bytes (a reference, an offset and a length).
    /// </summary>
    public sealed class SliceTable
    {
        private readonly byte[][] _arrays;
        private readonly int[] _offsets;
        private readonly int[] _lengths;

        /// <summary>A table of <paramref name="capacity"/> absent slices.</summary>
        public SliceTable(int capacity)
        {
            _arrays = new byte[capacity][];
            ReferenceArray.FillWithNulls(_arrays);
            _offsets = new int[capacity];
            _lengths = new int[capacity];
        }

        /// <summary>Number of slices the table holds.</summary>
        public int Capacity
        {
            get { return _arrays.Length; }
        }

        /// <summary>Slice <paramref name="index"/>.</summary>
        public Slice Get(int index)
        {
            return new Slice(_arrays[index], _offsets[index], _lengths[index]);
        }

        /// <summary>Stores <paramref name="value"/> as slice <paramref name="index"/>.</summary>
        public void Set(int index, Slice value)
        {
            _arrays[index] = value.Array;
            _offsets[index] = value.Offset;
            _lengths[index] = value.Length;
        }
    }
}

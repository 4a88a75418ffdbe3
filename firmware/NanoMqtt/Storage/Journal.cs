namespace NanoMqtt.Storage
{
    /// <summary>
    /// Power-loss-safe, append-only record log on flash.
    /// <para>A record is [type:1][length:2][sequence:4][payload][CRC-32:4]; replay stops at the first
    /// record whose CRC, sequence or length is wrong, so a write torn by a power cut is simply not
    /// there. The log lives in one of two files. Compaction writes a header with the next
    /// generation, the live records and a seal into the other file, then deletes the old one; at
    /// boot the sealed file with the highest generation wins and the other is deleted. No rename is
    /// needed, so there is no window between delete and move, and a cut at any byte leaves either
    /// the old or the new file whole.</para>
    /// <para>One buffer serves every record: its owner builds a payload in <see cref="RecordBuffer"/>
    /// at <see cref="PayloadAt"/> after <see cref="BeginRecord"/> (which compacts first when the
    /// record would not fit) and commits it with <see cref="CommitRecord"/>, one file append per
    /// record; replay and <see cref="ReadRecord(int, out int, out int)"/> read into the same buffer.
    /// So whatever a record's payload was built from must not itself live in this buffer, and a
    /// record read back is valid until the next record is begun.</para>
    /// </summary>
    public sealed partial class Journal
    {
        /// <summary>Bytes a record adds to its payload: type, length, sequence and CRC.</summary>
        public const int RecordOverhead = 11;
        /// <summary>Record types from here up are the journal's own.</summary>
        public const int ReservedTypes = 0xF0;

        /// <summary>Where a record's payload starts in <see cref="RecordBuffer"/>.</summary>
        public const int PayloadAt = HeadSize;

        private const int HeadSize = 7;
        private const int TypeHeader = 0xF0;
        private const int TypeSeal = 0xF1;
        private const uint Magic = 0x4E4D4A31; // "NMJ1"

        private readonly IFileStore _files;
        private readonly string[] _names;
        private readonly int _maxBytes;
        private readonly byte[] _buffer;
        private readonly byte[] _head = new byte[HeadSize + 4];
        private IJournalState _state;

        private int _current;
        private int _length;
        private uint _sequence;
        private uint _generation;
        private bool _tailDirty;

        private bool _compacting;
        private int _targetLength;
        private uint _targetSequence;

        /// <summary>A journal in files <c>name.0</c> and <c>name.1</c>, bounded to <paramref name="maxBytes"/>,
        /// whose records carry at most <paramref name="maxPayload"/> bytes.</summary>
        public Journal(IFileStore files, string name, int maxBytes, int maxPayload)
        {
            _files = files;
            _names = new string[] { name + ".0", name + ".1" };
            _maxBytes = maxBytes;
            _buffer = new byte[RecordOverhead + maxPayload];
        }

        /// <summary>The one record buffer: payloads are built and read back at <see cref="PayloadAt"/>.</summary>
        public byte[] RecordBuffer
        {
            get { return _buffer; }
        }

        /// <summary>True while compaction writes the live records into the fresh file.</summary>
        public bool IsCompacting
        {
            get { return _compacting; }
        }

        /// <summary>Largest payload a record may carry.</summary>
        public int MaxPayload
        {
            get { return _buffer.Length - RecordOverhead; }
        }

        /// <summary>The size bound in bytes.</summary>
        public int MaxBytes
        {
            get { return _maxBytes; }
        }

        /// <summary>Bytes in the current file.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Generation of the current file (grows by one per compaction).</summary>
        public uint Generation
        {
            get { return _generation; }
        }

        /// <summary>Where the last appended record starts, for <see cref="ReadRecord(int, out int, out int)"/>.</summary>
        public int LastRecordOffset { get; private set; }

        /// <summary>Total bytes written to flash (records, compactions, headers).</summary>
        public long BytesWritten { get; private set; }

        /// <summary>Compactions done since start-up.</summary>
        public int Compactions { get; private set; }

        /// <summary>Bytes of torn or corrupt tail cut at the last open.</summary>
        public int BytesCut { get; private set; }

        /// <summary>
        /// Makes room for a record of <paramref name="count"/> payload bytes, compacting first when
        /// it would pass the bound (compaction uses <see cref="RecordBuffer"/>). Build the payload only
        /// after this returns Ok.
        /// </summary>
        public JournalStatus BeginRecord(int count)
        {
            if (count > MaxPayload || count < 0) return JournalStatus.RecordTooLarge;
            int size = RecordOverhead + count;
            if (_compacting) return _targetLength + size > _maxBytes ? JournalStatus.Full : JournalStatus.Ok;
            if (_tailDirty || _length + size > _maxBytes)
            {
                JournalStatus st = Compact();
                if (st != JournalStatus.Ok) return st;
                if (_length + size > _maxBytes) return JournalStatus.Full;
            }
            return JournalStatus.Ok;
        }

        /// <summary>
        /// Writes the record whose payload is in <see cref="RecordBuffer"/> at <see cref="PayloadAt"/>
        /// as one append, after <see cref="BeginRecord"/>. Ok means it is on flash. Any other result
        /// leaves everything stored before intact.
        /// </summary>
        public JournalStatus CommitRecord(int type, int count)
        {
            int size = RecordOverhead + count;
            string name = _compacting ? _names[1 - _current] : _names[_current];
            int at = _compacting ? _targetLength : _length;
            if (count > MaxPayload || count < 0) return JournalStatus.RecordTooLarge;
            if (at + size > _maxBytes) return JournalStatus.Full;
            uint sequence = _compacting ? _targetSequence : _sequence;
            _buffer[0] = (byte)type;
            _buffer[1] = (byte)(count >> 8);
            _buffer[2] = (byte)count;
            PutU32(_buffer, 3, sequence);
            PutU32(_buffer, HeadSize + count, Crc32.Compute(_buffer, 0, HeadSize + count));
            bool ok = _files.Append(name, _buffer, 0, size);
            BytesWritten += size;
            if (!ok)
            {
                if (!_compacting) _tailDirty = true;
                return JournalStatus.StorageFailed;
            }
            LastRecordOffset = at;
            if (_compacting)
            {
                _targetLength += size;
                _targetSequence++;
            }
            else
            {
                _length += size;
                _sequence++;
            }
            return JournalStatus.Ok;
        }

        /// <summary>Appends a record copied from <paramref name="payload"/>: <see cref="BeginRecord"/>,
        /// copy, <see cref="CommitRecord"/>. The payload must be neither <see cref="RecordBuffer"/> nor
        /// anything the owner's <see cref="IJournalState.WriteLive"/> writes, since a compaction
        /// started here runs before the copy.</summary>
        public JournalStatus Append(int type, byte[] payload, int offset, int count)
        {
            if (payload == _buffer) throw new System.ArgumentException("payload must not be the journal's own buffer");
            JournalStatus st = BeginRecord(count);
            if (st != JournalStatus.Ok) return st;
            if (count > 0) System.Array.Copy(payload, offset, _buffer, HeadSize, count);
            return CommitRecord(type, count);
        }

        /// <summary>
        /// Rewrites the live records into a fresh file. On failure the old file stays current and the
        /// state is rebuilt from it.
        /// </summary>
        public JournalStatus Compact()
        {
            if (_compacting) return JournalStatus.Ok;
            int target = 1 - _current;
            uint generation = _generation + 1;
            _files.Delete(_names[target]);
            _compacting = true;
            _targetLength = 0;
            _targetSequence = 0;
            JournalStatus st = WriteMarker(TypeHeader, generation, Magic);
            if (st == JournalStatus.Ok && _state != null) st = _state.WriteLive(this);
            if (st == JournalStatus.Ok) st = WriteMarker(TypeSeal, generation, 0);
            _compacting = false;
            if (st != JournalStatus.Ok)
            {
                _files.Delete(_names[target]);
                // Offsets the state took while copying point into the abandoned file.
                if (_generation > 0) ReplayCurrent();
                return st;
            }
            if (_generation > 0) _files.Delete(_names[_current]);
            _current = target;
            _generation = generation;
            _length = _targetLength;
            _sequence = _targetSequence;
            _tailDirty = false;
            Compactions++;
            return JournalStatus.Ok;
        }

        /// <summary>
        /// Reads the record at <paramref name="recordOffset"/> of the current file into
        /// <see cref="RecordBuffer"/> at <see cref="PayloadAt"/>. False when it is not a whole record.
        /// </summary>
        public bool ReadRecord(int recordOffset, out int type, out int payloadLength)
        {
            uint sequence;
            return ReadAt(_names[_current], recordOffset, _buffer, HeadSize, out type, out payloadLength, out sequence);
        }

        /// <summary>Reads the record at <paramref name="recordOffset"/>, copying its payload to
        /// <paramref name="into"/> at <paramref name="intoOffset"/>. False when it is not a whole record.</summary>
        public bool ReadRecord(int recordOffset, byte[] into, int intoOffset, out int type, out int payloadLength)
        {
            uint sequence;
            return ReadAt(_names[_current], recordOffset, into, intoOffset, out type, out payloadLength, out sequence);
        }

        private JournalStatus WriteMarker(int type, uint generation, uint value)
        {
            JournalStatus st = BeginRecord(8);
            if (st != JournalStatus.Ok) return st;
            PutU32(_buffer, HeadSize, generation);
            PutU32(_buffer, HeadSize + 4, value);
            return CommitRecord(type, 8);
        }

        internal static void PutU32(byte[] b, int p, uint v)
        {
            b[p] = (byte)(v >> 24);
            b[p + 1] = (byte)(v >> 16);
            b[p + 2] = (byte)(v >> 8);
            b[p + 3] = (byte)v;
        }

        internal static uint GetU32(byte[] b, int p)
        {
            return ((uint)b[p] << 24) | ((uint)b[p + 1] << 16) | ((uint)b[p + 2] << 8) | b[p + 3];
        }
    }
}

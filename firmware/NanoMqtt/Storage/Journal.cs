namespace NanoMqtt.Storage
{
    /// <summary>
    /// Power-loss-safe record log on flash, priced in commits.
    /// <para>A record is [type:1][length:2][sequence:4][payload][CRC-32:4]. Sequence numbers run on
    /// across the whole log, and replay stops at the first record whose CRC, sequence or length is
    /// wrong, so a write torn by a power cut is simply not there.</para>
    /// <para>The log lives in a ring of <see cref="Parts"/> small files (parts of one name). A
    /// <b>base</b> part holds a whole generation: a header, every live record, a seal. Each commit
    /// after it writes the next part afresh with the records of one engine step (a group), so on
    /// LittleFS a commit is one small file written whole — kept inline in the directory's metadata
    /// log, no block erased — instead of an append that copies a 4 KB block. When the ring runs out
    /// of parts or the log reaches its bound, compaction writes the live state as a new base into a
    /// free part, and the group that needed the room follows it there: one commit for both. The
    /// base's header names the ring, so a journal keeps the ring it was made with. At boot the newest sealed base wins and the parts after it are
    /// replayed while their sequence numbers follow on. A part is only ever rewritten when nothing
    /// in it is needed any more, so a torn write loses nothing committed.</para>
    /// <para>Group commit: <see cref="CommitRecord(int, int, bool)"/> adds a record to the open
    /// group; <see cref="Commit"/> makes the group durable. A record marked not urgent (one whose
    /// loss after a power cut only repeats work the protocol allows to repeat) leaves
    /// <see cref="MustCommit"/> false, and rides with the next commit.</para>
    /// <para>One buffer serves every record: its owner builds a payload in <see cref="RecordBuffer"/>
    /// at <see cref="PayloadAt"/> after <see cref="BeginRecord"/> (which may commit and compact
    /// first) and adds it with CommitRecord; replay and ReadRecord read into the same buffer.</para>
    /// </summary>
    public sealed partial class Journal
    {
        /// <summary>Bytes a record adds to its payload: type, length, sequence and CRC.</summary>
        public const int RecordOverhead = 11;
        /// <summary>Record types from here up are the journal's own.</summary>
        public const int ReservedTypes = 0xF0;
        /// <summary>Where a record's payload starts in <see cref="RecordBuffer"/>.</summary>
        public const int PayloadAt = HeadSize;
        /// <summary>Parts in the ring at defaults: chosen on the LittleFS model, where more parts
        /// grow what each compaction of the directory's metadata copies and fewer make bases more
        /// frequent (see docs/benchmarks.md).</summary>
        public const int DefaultParts = 10;
        /// <summary>Fewest parts a ring may have: a base, a group, and the free part for the next base.</summary>
        public const int MinParts = 3;
        /// <summary>Most parts a ring may have.</summary>
        public const int MaxParts = 64;

        private const int HeadSize = 7;
        // A header's payload: generation, magic, ring.
        private const int HeaderSize = 9;
        private const int TypeHeader = 0xF0;
        private const int TypeSeal = 0xF1;
        private const uint Magic = 0x4E4D4A32; // "NMJ2"
        private const int PartShift = 24;

        private readonly IFileStore _files;
        private readonly string _name;
        // The ring: as configured for a new journal, as written in the base of one found on flash.
        private int _parts;
        private readonly int _maxBytes;
        private readonly byte[] _buffer;
        private readonly byte[] _head = new byte[HeadSize + 4];
        private IJournalState _state;

        private int _base;
        private int _chainParts;
        private int _chainBytes;
        private uint _sequence;
        private uint _generation;

        // The part being written: a group (between commits) or a new base (see BaseWrite).
        private int _openPart = -1;
        private int _openBytes;
        private bool _urgent;
        private int _baseWrite;
        // Where the record whose whole image is in the buffer lives (-1: none), so a step reading back
        // the record it just wrote or read does not go to flash again.
        private int _held = -1;
        // The chain ends in a torn part: nothing may follow it until a compaction starts a new base.
        private bool _tornChain;
        // Parts over LittleFS's inline size: on flash (one bit per part) and in the chain.
        private long _bigMask;
        private int _bigParts;

        /// <summary>A journal in parts <c>name.0</c> … <c>name.(parts-1)</c>, bounded to
        /// <paramref name="maxBytes"/>, whose records carry at most <paramref name="maxPayload"/> bytes.</summary>
        public Journal(IFileStore files, string name, int maxBytes, int maxPayload, int parts)
        {
            if (parts < MinParts || parts > MaxParts) throw new System.ArgumentException("a journal has 3 to 64 parts");
            _files = files;
            _name = name;
            _parts = parts;
            _maxBytes = maxBytes;
            _buffer = new byte[RecordOverhead + maxPayload];
        }

        /// <summary>A journal of <see cref="DefaultParts"/> parts.</summary>
        public Journal(IFileStore files, string name, int maxBytes, int maxPayload)
            : this(files, name, maxBytes, maxPayload, DefaultParts)
        {
        }

        /// <summary>The part holding the current base.</summary>
        public int BasePart
        {
            get { return _base; }
        }

        /// <summary>Committed parts from the base on (the base included).</summary>
        public int ChainParts
        {
            get { return _chainParts; }
        }

        /// <summary>The part a record location (<see cref="LastRecordOffset"/>) is in.</summary>
        public static int PartOf(int location)
        {
            return location >> PartShift;
        }

        /// <summary>The offset in its part of a record location.</summary>
        public static int OffsetOf(int location)
        {
            return location & ((1 << PartShift) - 1);
        }

        /// <summary>The one record buffer: payloads are built and read back at <see cref="PayloadAt"/>.</summary>
        public byte[] RecordBuffer
        {
            get { return _buffer; }
        }

        /// <summary>True while compaction writes the live records into a new base.</summary>
        public bool IsCompacting
        {
            get { return _baseWrite == BaseWriting; }
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

        /// <summary>Parts in the ring: the configured count for a new journal, the count its base names for one found on flash.</summary>
        public int Parts
        {
            get { return _parts; }
        }

        /// <summary>Bytes in the log: committed parts and the open group.</summary>
        public int Length
        {
            get { return _chainBytes + (_baseWrite == BaseWriting ? 0 : _openBytes); }
        }

        /// <summary>Generation of the current base (grows by one per compaction).</summary>
        public uint Generation
        {
            get { return _generation; }
        }

        /// <summary>True when the open group holds a record that must be on flash before the next packet goes out.</summary>
        public bool MustCommit
        {
            get { return _urgent; }
        }

        /// <summary>True when records wait in the open group (urgent or not).</summary>
        public bool HasPending
        {
            get { return _openPart >= 0 && _baseWrite != BaseWriting; }
        }

        /// <summary>Where the last record added starts (part and offset), for <see cref="ReadRecord(int, out int, out int)"/>.</summary>
        public int LastRecordOffset { get; private set; }

        /// <summary>Total bytes of records written (groups, compactions, headers).</summary>
        public long BytesWritten { get; private set; }

        /// <summary>Commits made since start-up (groups and compactions).</summary>
        public int Commits { get; private set; }

        /// <summary>Compactions done since start-up (the first base of a new journal is not one).</summary>
        public int Compactions { get; private set; }

        /// <summary>Groups lost because the store refused a write or a commit (the state went back to what is on flash).</summary>
        public int AbandonedGroups { get; private set; }

        /// <summary>Bytes of torn or corrupt tail cut at the last open.</summary>
        public int BytesCut { get; private set; }

        /// <summary>
        /// Makes room for a record of <paramref name="count"/> payload bytes: starts a group, or
        /// commits the open one and compacts first when the record would pass the bound or the ring
        /// has no part left (compaction uses <see cref="RecordBuffer"/>). Build the payload only after
        /// this returns Ok.
        /// </summary>
        public JournalStatus BeginRecord(int count)
        {
            if (count > MaxPayload || count < 0) return JournalStatus.RecordTooLarge;
            int size = RecordOverhead + count;
            _held = -1;
            if (_baseWrite == BaseWriting) return _openBytes + size > _maxBytes ? JournalStatus.Full : JournalStatus.Ok;
            if (_openPart >= 0 && Length + size <= _maxBytes) return JournalStatus.Ok;
            JournalStatus st = Commit();
            if (st != JournalStatus.Ok) return st;
            if (_tornChain || _chainParts + 2 > _parts || _chainBytes + size > _maxBytes || _bigParts >= MaxBigParts)
                return CompactBefore(size);
            return OpenPart(NextPart());
        }

        /// <summary>Adds the record whose payload is in <see cref="RecordBuffer"/> at <see cref="PayloadAt"/>
        /// to the open group, after <see cref="BeginRecord"/>; <paramref name="urgent"/>: it must be on flash
        /// before the next packet goes out. Durable once <see cref="Commit"/> returns Ok.</summary>
        public JournalStatus CommitRecord(int type, int count, bool urgent)
        {
            if (count > MaxPayload || count < 0) return JournalStatus.RecordTooLarge;
            if (_openPart < 0) return JournalStatus.StorageFailed;
            int size = RecordOverhead + count;
            if (_openBytes + size > _maxBytes) return JournalStatus.Full;
            _buffer[0] = (byte)type;
            _buffer[1] = (byte)(count >> 8);
            _buffer[2] = (byte)count;
            PutU32(_buffer, 3, _sequence);
            PutU32(_buffer, HeadSize + count, Crc32.Compute(_buffer, 0, HeadSize + count));
            BytesWritten += size;
            if (!_files.Write(_buffer, 0, size)) return Abandon();
            LastRecordOffset = (_openPart << PartShift) | _openBytes;
            _held = LastRecordOffset;
            _openBytes += size;
            _sequence++;
            if (urgent) _urgent = true;
            return JournalStatus.Ok;
        }

        /// <summary>An urgent record (see <see cref="CommitRecord(int, int, bool)"/>).</summary>
        public JournalStatus CommitRecord(int type, int count)
        {
            return CommitRecord(type, count, true);
        }

        /// <summary>Appends a record copied from <paramref name="payload"/>: <see cref="BeginRecord"/>,
        /// copy, <see cref="CommitRecord(int, int)"/>, <see cref="Commit"/>. The payload must be neither
        /// <see cref="RecordBuffer"/> nor anything the owner's <see cref="IJournalState.WriteLive"/>
        /// writes, since a compaction started here runs before the copy.</summary>
        public JournalStatus Append(int type, byte[] payload, int offset, int count)
        {
            if (payload == _buffer) throw new System.ArgumentException("payload must not be the journal's own buffer");
            JournalStatus st = BeginRecord(count);
            if (st != JournalStatus.Ok) return st;
            if (count > 0) System.Array.Copy(payload, offset, _buffer, HeadSize, count);
            st = CommitRecord(type, count, true);
            return st == JournalStatus.Ok ? Commit() : st;
        }

        /// <summary>
        /// Makes the open group durable: one commit. On failure the group is lost, and the state is
        /// rebuilt from what is on flash (as after a power cut), so nothing acts on records that are not.
        /// </summary>
        public JournalStatus Commit()
        {
            if (_openPart < 0 || _baseWrite == BaseWriting) return JournalStatus.Ok;
            if (!_files.Commit()) return Abandon();
            Commits++;
            if (_baseWrite == BasePending)
            {
                BaseCommitted();
                return JournalStatus.Ok;
            }
            Sized(_openPart, _openBytes);
            if (_openBytes > InlineLimit) _bigParts++;
            _chainParts++;
            _chainBytes += _openBytes;
            _openPart = -1;
            _openBytes = 0;
            _urgent = false;
            return JournalStatus.Ok;
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

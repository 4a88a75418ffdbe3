namespace NanoMqtt.Storage
{
    // Compaction (a new base in one commit) and the ring of parts.
    public sealed partial class Journal
    {
        // LittleFS keeps a file up to 512 B inline in the directory's metadata, where a stale one costs
        // nothing; a larger one holds whole 4 KB blocks. So stale parts over it are deleted at each
        // compaction, and at most MaxBigParts of them may be in the chain before it compacts: the
        // blocks the journal holds stay within what JournalSize reserves for them.
        private const int InlineLimit = 512;
        private const int MaxBigParts = 2;

        // What the open part holds when it is a new base: its live records being written, or the
        // whole base written, waiting for the commit of the group that follows it in the same part.
        private const int BaseWriting = 1;
        private const int BasePending = 2;

        /// <summary>
        /// Commits the open group, then writes the live records as a new base in one commit. On
        /// failure the current chain stays and the state is rebuilt from it.
        /// </summary>
        public JournalStatus Compact()
        {
            if (_baseWrite == BaseWriting) return JournalStatus.Ok;
            JournalStatus st = Commit();
            if (st == JournalStatus.Ok) st = WriteBase();
            return st == JournalStatus.Ok ? Commit() : st;
        }

        // The record about to be added has no room in the chain: the new base is written and the
        // record's group follows it in the same part, so the compaction costs no commit of its own.
        // Until that commit the chain on flash is the old one, whole (the base goes to a part
        // outside it).
        private JournalStatus CompactBefore(int size)
        {
            JournalStatus st = WriteBase();
            if (st != JournalStatus.Ok) return st;
            if (_openBytes + size <= _maxBytes) return JournalStatus.Ok;
            st = Commit();
            return st == JournalStatus.Ok ? JournalStatus.Full : st;
        }

        // Opens the part after the chain and writes header, live records and seal into it, to be
        // committed with the group that follows (if any).
        private JournalStatus WriteBase()
        {
            int target = NextPart();
            JournalStatus st = OpenPart(target);
            if (st != JournalStatus.Ok) return st;
            _baseWrite = BaseWriting;
            st = WriteMarker(TypeHeader, _generation + 1, Magic, HeaderSize);
            if (st == JournalStatus.Ok && _state != null) st = _state.WriteLive(this);
            if (st == JournalStatus.Ok) st = WriteMarker(TypeSeal, _generation + 1, 0, 8);
            _baseWrite = 0;
            if (st == JournalStatus.Ok)
            {
                // Written, waiting for the commit of the part: the chain it replaces stays on flash till then.
                _baseWrite = BasePending;
                // What the base holds is on flash already, in the old chain: it need not hurry the commit.
                _urgent = false;
                _chainParts = 0;
                _chainBytes = 0;
                return st;
            }
            _files.Delete(_name, target);
            _openPart = -1;
            _openBytes = 0;
            // Offsets the state took while copying point into the abandoned part.
            if (_chainParts > 0) ReplayChain();
            return st;
        }

        // The open part, a base and the group after it, is on flash: it is the chain now.
        private void BaseCommitted()
        {
            bool first = _generation == 0;
            _baseWrite = 0;
            Sized(_openPart, _openBytes);
            DeleteStaleBigParts(_openPart);
            _bigParts = _openBytes > InlineLimit ? 1 : 0;
            _base = _openPart;
            _tornChain = false;
            _generation++;
            _chainParts = 1;
            _chainBytes = _openBytes;
            _openPart = -1;
            _openBytes = 0;
            _urgent = false;
            if (!first) Compactions++;
        }

        // Notes whether a part just committed holds flash blocks.
        private void Sized(int part, int bytes)
        {
            long bit = 1L << part;
            _bigMask = bytes > InlineLimit ? _bigMask | bit : _bigMask & ~bit;
        }

        private void DeleteStaleBigParts(int current)
        {
            for (int part = 0; part < _parts; part++)
            {
                if (part == current || (_bigMask & (1L << part)) == 0) continue;
                _files.Delete(_name, part);
                _bigMask &= ~(1L << part);
            }
        }

        private int NextPart()
        {
            return _chainParts == 0 ? 0 : (_base + _chainParts) % _parts;
        }

        private JournalStatus OpenPart(int part)
        {
            if (!_files.Create(_name, part)) return JournalStatus.StorageFailed;
            _openPart = part;
            _openBytes = 0;
            _urgent = false;
            return JournalStatus.Ok;
        }

        /// <summary>Drops the open group, as a power cut would, and rebuilds the state from what is on flash.</summary>
        public void Discard()
        {
            if (_openPart >= 0 && _baseWrite != BaseWriting) Abandon();
        }

        // A write or commit the store refused: the group never reached flash, so the state goes
        // back to what did.
        private JournalStatus Abandon()
        {
            if (_baseWrite == BaseWriting) return JournalStatus.StorageFailed;
            _baseWrite = 0;
            AbandonedGroups++;
            _files.Delete(_name, _openPart);
            _openPart = -1;
            _openBytes = 0;
            _urgent = false;
            ReplayChain();
            return JournalStatus.StorageFailed;
        }

        // A header or a seal: the generation, a value (the magic, or 0), and for a header the ring.
        private JournalStatus WriteMarker(int type, uint generation, uint value, int count)
        {
            JournalStatus st = BeginRecord(count);
            if (st != JournalStatus.Ok) return st;
            PutU32(_buffer, HeadSize, generation);
            PutU32(_buffer, HeadSize + 4, value);
            if (count == HeaderSize) _buffer[HeadSize + 8] = (byte)_parts;
            return CommitRecord(type, count, true);
        }
    }
}

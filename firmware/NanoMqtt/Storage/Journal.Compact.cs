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

        /// <summary>
        /// Commits the open group, then writes the live records as a new base in one commit. On
        /// failure the current chain stays and the state is rebuilt from it.
        /// </summary>
        public JournalStatus Compact()
        {
            if (_compacting) return JournalStatus.Ok;
            JournalStatus st = Commit();
            if (st != JournalStatus.Ok) return st;
            int target = NextPart();
            uint generation = _generation + 1;
            st = OpenPart(target);
            if (st != JournalStatus.Ok) return st;
            _compacting = true;
            st = WriteMarker(TypeHeader, generation, Magic);
            if (st == JournalStatus.Ok && _state != null) st = _state.WriteLive(this);
            if (st == JournalStatus.Ok) st = WriteMarker(TypeSeal, generation, 0);
            _compacting = false;
            if (st == JournalStatus.Ok && !_files.Commit()) st = JournalStatus.StorageFailed;
            if (st != JournalStatus.Ok)
            {
                _files.Delete(_name, target);
                _openPart = -1;
                _openBytes = 0;
                // Offsets the state took while copying point into the abandoned part.
                if (_chainParts > 0) ReplayChain();
                return st;
            }
            bool first = _chainParts == 0;
            Sized(target, _openBytes);
            DeleteStaleBigParts(target);
            _bigParts = _openBytes > InlineLimit ? 1 : 0;
            _base = target;
            _tornChain = false;
            _generation = generation;
            _chainParts = 1;
            _chainBytes = _openBytes;
            _openPart = -1;
            _openBytes = 0;
            Commits++;
            if (!first) Compactions++;
            return JournalStatus.Ok;
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
            if (_openPart >= 0 && !_compacting) Abandon();
        }

        // A write or commit the store refused: the group never reached flash, so the state goes
        // back to what did.
        private JournalStatus Abandon()
        {
            if (_compacting) return JournalStatus.StorageFailed;
            AbandonedGroups++;
            _files.Delete(_name, _openPart);
            _openPart = -1;
            _openBytes = 0;
            _urgent = false;
            ReplayChain();
            return JournalStatus.StorageFailed;
        }

        private JournalStatus WriteMarker(int type, uint generation, uint value)
        {
            JournalStatus st = BeginRecord(8);
            if (st != JournalStatus.Ok) return st;
            PutU32(_buffer, HeadSize, generation);
            PutU32(_buffer, HeadSize + 4, value);
            return CommitRecord(type, 8, true);
        }

    }
}

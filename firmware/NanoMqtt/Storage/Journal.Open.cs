namespace NanoMqtt.Storage
{
    // Opening: find the newest sealed base, replay it and the parts that follow it, cut a torn
    // tail; and reading records back.
    public sealed partial class Journal
    {
        /// <summary>Finds the newest whole journal, replays it into <paramref name="state"/> and cuts a torn tail.</summary>
        public JournalOpenResult Open(IJournalState state)
        {
            _state = state;
            _held = -1;
            _tornChain = false;
            _openPart = -1;
            _openBytes = 0;
            BytesCut = 0;
            bool existed;
            int best = FindBase(out existed);
            if (best < 0) return Start(existed);
            _base = best;
            int cut = ReplayChain();
            if (cut > 0)
            {
                BytesCut = cut;
                // Parts after a torn one would never be replayed: start a fresh base (before the next
                // record, if the store refuses it now).
                _tornChain = true;
                Compact();
                return JournalOpenResult.TailCut;
            }
            // A group torn at its first record: the part is the next one written, and is simply rewritten.
            BytesCut = TornNext();
            return BytesCut > 0 ? JournalOpenResult.TailCut : JournalOpenResult.Resumed;
        }

        // The part of the newest base (-1: none). Only the configured ring's parts are looked at,
        // unless a base names a bigger ring, a base from before headers named the ring is found (its
        // ring, the configured one then, reaches the highest part on flash), or none is found: then
        // every name a journal may have used. The ring becomes the one the newest base was written with.
        private int FindBase(out bool existed)
        {
            _generation = 0;
            _bigMask = 0;
            existed = false;
            int best = -1;
            int ring = 0;
            int highest = -1;
            int limit = _parts;
            for (int part = 0; part < limit; part++)
            {
                int length = _files.Length(_name, part);
                if (length >= 0)
                {
                    existed = true;
                    highest = part;
                    Sized(part, length);
                }
                uint generation = 0;
                int written = 0;
                if (length > 0 && IsBase(part, length, out generation, out written))
                {
                    int reach = written > 0 ? written : MaxParts;
                    if (reach > limit) limit = reach;
                    if (best < 0 || generation > _generation)
                    {
                        best = part;
                        ring = written;
                        _generation = generation;
                    }
                }
                if (part == limit - 1 && best < 0) limit = MaxParts;
            }
            if (best >= 0) _parts = ring > 0 ? ring : (highest >= _parts ? highest + 1 : _parts);
            return best;
        }

        // Bytes of the part after the chain when its first record does not read whole (a part left
        // over from before has whole records with an old sequence).
        private int TornNext()
        {
            int part = NextPart();
            int length = _files.Length(_name, part);
            int type;
            int count;
            uint sequence;
            if (length <= 0 || ReadAt(part, 0, _buffer, HeadSize, out type, out count, out sequence)) return 0;
            return length;
        }

        /// <summary>
        /// Reads the record at <paramref name="recordOffset"/> (a part and offset, as
        /// <see cref="LastRecordOffset"/> gives them) into <see cref="RecordBuffer"/> at
        /// <see cref="PayloadAt"/>. False when it is not a whole record. A record still in the open
        /// group is committed first (what a file system gives back is what it committed).
        /// </summary>
        public bool ReadRecord(int recordOffset, out int type, out int payloadLength)
        {
            return ReadRecord(recordOffset, _buffer, HeadSize, out type, out payloadLength);
        }

        /// <summary>Reads the record at <paramref name="recordOffset"/>, copying its payload to
        /// <paramref name="into"/> at <paramref name="intoOffset"/>. False when it is not a whole record.</summary>
        public bool ReadRecord(int recordOffset, byte[] into, int intoOffset, out int type, out int payloadLength)
        {
            if (recordOffset == _held)
            {
                type = _buffer[0];
                payloadLength = (_buffer[1] << 8) | _buffer[2];
                if (into != _buffer || intoOffset != HeadSize) System.Array.Copy(_buffer, HeadSize, into, intoOffset, payloadLength);
                return true;
            }
            type = 0;
            payloadLength = 0;
            int part = recordOffset >> PartShift;
            if (part == _openPart && _baseWrite != BaseWriting && Commit() != JournalStatus.Ok) return false;
            // The read lands in the buffer before its CRC is checked: whatever it held is gone either way.
            if (into == _buffer) _held = -1;
            uint sequence;
            if (!ReadAt(part, recordOffset & ((1 << PartShift) - 1), into, intoOffset, out type, out payloadLength, out sequence)) return false;
            if (into == _buffer && intoOffset == HeadSize)
            {
                System.Array.Copy(_head, 0, _buffer, 0, HeadSize);
                _held = recordOffset;
            }
            return true;
        }

        // No whole journal: every part goes, and a new base is written at part 0.
        private JournalOpenResult Start(bool existed)
        {
            if (existed)
            {
                for (int part = 0; part < MaxParts; part++) _files.Delete(_name, part);
            }
            _state.Clear();
            _generation = 0;
            _sequence = 0;
            _chainParts = 0;
            _chainBytes = 0;
            JournalStatus st = Compact();
            if (st != JournalStatus.Ok) throw new System.IO.IOException("cannot create the journal: " + (int)st);
            return existed ? JournalOpenResult.Lost : JournalOpenResult.New;
        }

        // Replays the base and every part after it whose records carry on the sequence; returns the
        // bytes of torn or stray tail found in the last part read.
        private int ReplayChain()
        {
            _held = -1;
            _state.Clear();
            int end;
            uint expected = 0;
            bool first = true;
            _chainParts = 0;
            _chainBytes = 0;
            _bigParts = 0;
            int cut = 0;
            for (int i = 0; i < _parts; i++)
            {
                int part = (_base + i) % _parts;
                if (!ReplayPart(part, first, ref expected, out end)) break;
                first = false;
                _chainParts++;
                _chainBytes += end;
                if ((_bigMask & (1L << part)) != 0) _bigParts++;
                cut = _files.Length(_name, part) - end;
                if (cut > 0) break;
            }
            _sequence = expected;
            return cut;
        }

        private bool ReplayPart(int part, bool isBase, ref uint expected, out int end)
        {
            end = 0;
            int type;
            int count;
            uint sequence;
            while (ReadAt(part, end, _buffer, HeadSize, out type, out count, out sequence))
            {
                // A header after the base starts a compaction that was cut short: not part of the chain.
                if (isBase && end == 0) expected = sequence;
                else if (sequence != expected || type == TypeHeader) break;
                if (type < ReservedTypes) _state.Replay(type, _buffer, HeadSize, count, (part << PartShift) | end);
                end += RecordOverhead + count;
                expected++;
            }
            return end > 0;
        }

        // A base starts with a header and holds a seal of the same generation, in sequence, and its
        // records run to the end of the part: a base written with the group after it (see
        // CompactBefore) and cut short was never committed, and the chain before it still holds.
        private bool IsBase(int part, int length, out uint generation, out int ring)
        {
            generation = 0;
            ring = 0;
            int type;
            int count;
            uint sequence;
            if (!ReadAt(part, 0, _buffer, HeadSize, out type, out count, out sequence)) return false;
            if (type != TypeHeader || count < 8 || count > HeaderSize || GetU32(_buffer, HeadSize + 4) != Magic) return false;
            generation = GetU32(_buffer, HeadSize);
            if (count == HeaderSize) ring = _buffer[HeadSize + 8];
            if (count == HeaderSize && (ring < MinParts || ring > MaxParts || part >= ring)) return false;
            int position = RecordOverhead + count;
            uint expected = sequence + 1;
            bool seal = false;
            while (ReadAt(part, position, _buffer, HeadSize, out type, out count, out sequence) && sequence == expected)
            {
                position += RecordOverhead + count;
                expected++;
                if (type != TypeSeal || seal) continue;
                if (count != 8 || GetU32(_buffer, HeadSize) != generation) return false;
                seal = true;
            }
            return seal && position == length;
        }

        private bool ReadAt(int part, int position, byte[] into, int intoOffset, out int type, out int payloadLength, out uint sequence)
        {
            type = 0;
            payloadLength = 0;
            sequence = 0;
            if (_files.Read(_name, part, position, _head, 0, HeadSize) != HeadSize) return false;
            int count = (_head[1] << 8) | _head[2];
            if (count > MaxPayload || into.Length - intoOffset < count) return false;
            if (count > 0 && _files.Read(_name, part, position + HeadSize, into, intoOffset, count) != count) return false;
            if (_files.Read(_name, part, position + HeadSize + count, _head, HeadSize, 4) != 4) return false;
            uint crc = Crc32.Update(Crc32.Compute(_head, 0, HeadSize), into, intoOffset, count);
            if (crc != GetU32(_head, HeadSize)) return false;
            type = _head[0];
            payloadLength = count;
            sequence = GetU32(_head, 3);
            return true;
        }
    }
}

namespace NanoMqtt.Storage
{
    // Opening: find the newest sealed file, replay it, cut a torn tail; and reading records back.
    public sealed partial class Journal
    {
        /// <summary>Finds the newest whole journal, replays it into <paramref name="state"/> and cuts a torn tail.</summary>
        public JournalOpenResult Open(IJournalState state)
        {
            _state = state;
            uint gen0;
            uint gen1;
            int end0;
            int end1;
            bool sealed0 = Probe(0, out gen0, out end0);
            bool sealed1 = Probe(1, out gen1, out end1);
            BytesCut = 0;
            if (!sealed0 && !sealed1)
            {
                bool existed = _files.Length(_names[0]) >= 0 || _files.Length(_names[1]) >= 0;
                _files.Delete(_names[0]);
                _files.Delete(_names[1]);
                state.Clear();
                _current = 1;
                _generation = 0;
                _length = 0;
                _sequence = 0;
                JournalStatus st = Compact();
                if (st != JournalStatus.Ok) throw new System.IO.IOException("cannot create the journal: " + (int)st);
                return existed ? JournalOpenResult.Lost : JournalOpenResult.New;
            }
            _current = sealed0 && (!sealed1 || gen0 > gen1) ? 0 : 1;
            _files.Delete(_names[1 - _current]);
            _generation = _current == 0 ? gen0 : gen1;
            ReplayCurrent();
            int fileLength = _files.Length(_names[_current]);
            if (_length == fileLength) return JournalOpenResult.Resumed;
            BytesCut = fileLength - _length;
            _tailDirty = true;
            Compact();
            return JournalOpenResult.TailCut;
        }

        private bool ReadAt(string name, int position, byte[] into, int intoOffset, out int type, out int payloadLength, out uint sequence)
        {
            type = 0;
            payloadLength = 0;
            sequence = 0;
            if (_files.Read(name, position, _head, 0, HeadSize) != HeadSize) return false;
            int count = (_head[1] << 8) | _head[2];
            if (count > MaxPayload || into.Length - intoOffset < count) return false;
            if (count > 0 && _files.Read(name, position + HeadSize, into, intoOffset, count) != count) return false;
            if (_files.Read(name, position + HeadSize + count, _head, HeadSize, 4) != 4) return false;
            uint crc = Crc32.Update(Crc32.Compute(_head, 0, HeadSize), into, intoOffset, count);
            if (crc != GetU32(_head, HeadSize)) return false;
            type = _head[0];
            payloadLength = count;
            sequence = GetU32(_head, 3);
            return true;
        }

        // A file is usable when it starts with a header and holds a seal of the same generation.
        private bool Probe(int file, out uint generation, out int validEnd)
        {
            generation = 0;
            validEnd = 0;
            string name = _names[file];
            if (_files.Length(name) < 0) return false;
            int type;
            int count;
            uint sequence;
            if (!ReadAt(name, 0, _buffer, HeadSize, out type, out count, out sequence)) return false;
            if (type != TypeHeader || count != 8 || sequence != 0 || GetU32(_buffer, HeadSize + 4) != Magic) return false;
            generation = GetU32(_buffer, HeadSize);
            int position = RecordOverhead + count;
            uint expected = 1;
            while (ReadAt(name, position, _buffer, HeadSize, out type, out count, out sequence) && sequence == expected)
            {
                position += RecordOverhead + count;
                expected++;
                if (type == TypeSeal) return count == 8 && GetU32(_buffer, HeadSize) == generation;
            }
            return false;
        }

        private void ReplayCurrent()
        {
            _state.Clear();
            string name = _names[_current];
            int position = 0;
            uint expected = 0;
            int type;
            int count;
            uint sequence;
            while (ReadAt(name, position, _buffer, HeadSize, out type, out count, out sequence) && sequence == expected)
            {
                if (type < ReservedTypes) _state.Replay(type, _buffer, HeadSize, count, position);
                position += RecordOverhead + count;
                expected++;
            }
            _length = position;
            _sequence = expected;
        }
    }
}

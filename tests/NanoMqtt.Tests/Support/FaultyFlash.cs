using System;
using NanoMqtt.Storage;
using NanoMqtt.Runtime;

namespace NanoMqtt.Tests.Support
{
    /// <summary>
    /// In-memory flash that can lose power at a chosen byte of a chosen write, flip bits, and fill
    /// up. Every Create, Write and Delete is one numbered write. It keeps the torn-write semantics of
    /// a plain file system, weaker than LittleFS's atomic commit: Create empties the part at once and
    /// every byte written lands as it is written, so a cut leaves any prefix of a group. After a cut
    /// every call throws until <see cref="Reboot"/>, which keeps exactly the bytes that reached flash.
    /// </summary>
    public class FaultyFlash : IFileStore
    {
        private const int MaxFiles = 64;
        private readonly string[] _names;
        private readonly byte[][] _data;
        private readonly int[] _lengths = new int[MaxFiles];
        private int _cutWrite = -1;
        private int _cutByte;
        private bool _dead;
        private int _open = -1;

        public FaultyFlash()
        {
            _names = new string[MaxFiles];
            ReferenceArray.FillWithNulls(_names);
            _data = new byte[MaxFiles][];
            ReferenceArray.FillWithNulls(_data);
        }

        /// <summary>Writes done so far (Create, Write and Delete calls).</summary>
        public int Writes;
        /// <summary>Bytes written so far.</summary>
        public long BytesAppended;
        /// <summary>Commits so far.</summary>
        public int Commits;
        /// <summary>Total bytes the flash holds; 0 means unbounded.</summary>
        public int Capacity;

        /// <summary>Cuts power during write number <paramref name="write"/> (counting from <see cref="Writes"/>' current
        /// scale, 0-based) after <paramref name="bytesThatLand"/> bytes of it reached flash.</summary>
        public void CutAt(int write, int bytesThatLand)
        {
            _cutWrite = write;
            _cutByte = bytesThatLand;
        }

        public bool IsDead
        {
            get { return _dead; }
        }

        /// <summary>Power comes back: the cut is disarmed and the flash keeps what it has.</summary>
        public void Reboot()
        {
            _dead = false;
            _cutWrite = -1;
        }

        public void FlipBit(string name, int part, int position, int bit)
        {
            int i = Find(Key(name, part));
            _data[i][position] ^= (byte)(1 << bit);
        }

        public int TotalBytes
        {
            get
            {
                int n = 0;
                for (int i = 0; i < MaxFiles; i++)
                {
                    if (_names[i] != null) n += _lengths[i];
                }
                return n;
            }
        }

        public byte[] Snapshot(string name, int part)
        {
            int i = Find(Key(name, part));
            if (i < 0) return null;
            byte[] copy = new byte[_lengths[i]];
            Array.Copy(_data[i], copy, _lengths[i]);
            return copy;
        }

        public int Length(string name, int part)
        {
            CheckAlive();
            int i = Find(Key(name, part));
            return i < 0 ? -1 : _lengths[i];
        }

        public int Read(string name, int part, int position, byte[] buffer, int offset, int count)
        {
            CheckAlive();
            int i = Find(Key(name, part));
            if (i < 0 || position >= _lengths[i]) return 0;
            int n = _lengths[i] - position < count ? _lengths[i] - position : count;
            Array.Copy(_data[i], position, buffer, offset, n);
            return n;
        }

        public bool Create(string name, int part)
        {
            CheckAlive();
            int write = Writes++;
            if (write == _cutWrite && _cutByte == 0) Die("before create " + write);
            string key = Key(name, part);
            int i = Find(key);
            if (i < 0) i = Add(key);
            _lengths[i] = 0;
            _open = i;
            if (write == _cutWrite) Die("after create " + write);
            return true;
        }

        public bool Write(byte[] buffer, int offset, int count)
        {
            CheckAlive();
            int write = Writes++;
            if (_open < 0) return false;
            int i = _open;
            int landing = count;
            bool cut = write == _cutWrite;
            if (cut && _cutByte < count) landing = _cutByte;
            bool full = false;
            if (Capacity > 0 && TotalBytes + landing > Capacity)
            {
                landing = Capacity - TotalBytes;
                full = true;
            }
            Grow(i, _lengths[i] + landing);
            Array.Copy(buffer, offset, _data[i], _lengths[i], landing);
            _lengths[i] += landing;
            BytesAppended += landing;
            if (cut) Die("write " + write);
            if (full) _open = -1;
            return !full;
        }

        public bool Commit()
        {
            CheckAlive();
            if (_open < 0) return false;
            _open = -1;
            Commits++;
            return true;
        }

        public void Delete(string name, int part)
        {
            CheckAlive();
            int write = Writes++;
            if (write == _cutWrite && _cutByte == 0) Die("before delete " + write);
            int i = Find(Key(name, part));
            if (i >= 0)
            {
                _names[i] = null;
                _data[i] = null;
                _lengths[i] = 0;
                if (_open == i) _open = -1;
            }
            if (write == _cutWrite) Die("after delete " + write);
        }

        private static string Key(string name, int part)
        {
            return name + "." + part;
        }

        private void Die(string where)
        {
            _dead = true;
            _open = -1;
            throw new PowerCutException("power cut at " + where);
        }

        private void CheckAlive()
        {
            if (_dead) throw new PowerCutException("the device has no power");
        }

        private int Find(string name)
        {
            for (int i = 0; i < MaxFiles; i++)
            {
                if (_names[i] != null && _names[i] == name) return i;
            }
            return -1;
        }

        private int Add(string name)
        {
            for (int i = 0; i < MaxFiles; i++)
            {
                if (_names[i] != null) continue;
                _names[i] = name;
                _data[i] = new byte[256];
                _lengths[i] = 0;
                return i;
            }
            throw new InvalidOperationException("too many files");
        }

        private void Grow(int i, int needed)
        {
            if (_data[i].Length >= needed) return;
            int size = _data[i].Length;
            while (size < needed) size *= 2;
            byte[] bigger = new byte[size];
            Array.Copy(_data[i], bigger, _lengths[i]);
            _data[i] = bigger;
        }
    }
}

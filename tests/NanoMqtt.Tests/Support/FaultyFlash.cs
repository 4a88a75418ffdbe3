using System;
using NanoMqtt.Storage;
using NanoMqtt.Runtime;

namespace NanoMqtt.Tests.Support
{
    /// <summary>
    /// In-memory flash that can lose power at a chosen byte of a chosen write, flip bits, and fill
    /// up. Every Create, Write, Commit and Delete is one numbered write. Two file systems in one:
    /// <list type="bullet">
    /// <item>plain (torn writes): Create empties the part at once and every byte lands as it is
    /// written, so a cut leaves any prefix of a group;</item>
    /// <item><see cref="AtomicCommits"/> (LittleFS): what is written since Create reaches flash only
    /// at Commit; a cut before it leaves the part as it was at its last commit, so a record that was
    /// written but not committed is gone, as on the device.</item>
    /// </list>
    /// After a cut every call throws until <see cref="Reboot"/>, which keeps exactly what reached flash.
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
        private byte[] _pending = new byte[256];
        private int _pendingLength;

        /// <summary>The value <see cref="AtomicCommits"/> starts with (crash sweeps run both file systems).</summary>
        public static bool AtomicByDefault;

        /// <summary>LittleFS semantics: writes since Create are on flash only once committed.</summary>
        public bool AtomicCommits = AtomicByDefault;

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
        /// <summary>Read calls so far.</summary>
        public int Reads;
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

        /// <summary>The highest part whose length was asked for (-1: none).</summary>
        public int HighestPartLooked = -1;

        public int Length(string name, int part)
        {
            CheckAlive();
            if (part > HighestPartLooked) HighestPartLooked = part;
            int i = Find(Key(name, part));
            return i < 0 ? -1 : _lengths[i];
        }

        public int Read(string name, int part, int position, byte[] buffer, int offset, int count)
        {
            CheckAlive();
            Reads++;
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
            if (!AtomicCommits) _lengths[i] = 0;
            _pendingLength = 0;
            _open = i;
            if (write == _cutWrite) Die("after create " + write);
            return true;
        }

        public bool Write(byte[] buffer, int offset, int count)
        {
            CheckAlive();
            int write = Writes++;
            if (_open < 0) return false;
            int landing = count;
            bool cut = write == _cutWrite;
            if (cut && _cutByte < count) landing = _cutByte;
            bool full = false;
            int held = TotalBytes + (AtomicCommits ? _pendingLength : 0);
            if (Capacity > 0 && held + landing > Capacity)
            {
                landing = Capacity - held;
                full = true;
            }
            if (AtomicCommits)
            {
                _pending = Fit(_pending, _pendingLength, _pendingLength + landing);
                Array.Copy(buffer, offset, _pending, _pendingLength, landing);
                _pendingLength += landing;
            }
            else
            {
                Grow(_open, _lengths[_open] + landing);
                Array.Copy(buffer, offset, _data[_open], _lengths[_open], landing);
                _lengths[_open] += landing;
            }
            BytesAppended += landing;
            if (cut) Die("write " + write);
            if (full) _open = -1;
            return !full;
        }

        public bool Commit()
        {
            CheckAlive();
            int write = Writes++;
            if (write == _cutWrite && _cutByte == 0) Die("before commit " + write);
            if (_open < 0) return false;
            if (AtomicCommits)
            {
                _data[_open] = Fit(_data[_open], 0, _pendingLength);
                Array.Copy(_pending, _data[_open], _pendingLength);
                _lengths[_open] = _pendingLength;
            }
            _open = -1;
            Commits++;
            if (write == _cutWrite) Die("after commit " + write);
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

        private static byte[] Fit(byte[] data, int keep, int needed)
        {
            if (data.Length >= needed) return data;
            int size = data.Length;
            while (size < needed) size *= 2;
            byte[] bigger = new byte[size];
            Array.Copy(data, bigger, keep);
            return bigger;
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

using NanoMqtt.Storage;
using NanoMqtt.Runtime;

namespace NanoMqtt.Tests.Support
{
    /// <summary>A tiny journal owner for storage tests: keys 0..15 with byte values.
    /// Record 1 = put [key][value...], record 2 = remove [key].</summary>
    public class KeyValueState : IJournalState
    {
        public const int Keys = 16;
        public readonly byte[][] Values;

        public KeyValueState()
        {
            Values = new byte[Keys][];
            ReferenceArray.FillWithNulls(Values);
        }

        public void Clear()
        {
            for (int i = 0; i < Keys; i++) Values[i] = null;
        }

        public void Replay(int type, byte[] buffer, int payloadOffset, int payloadLength, int recordOffset)
        {
            int key = buffer[payloadOffset];
            if (type == 2)
            {
                Values[key] = null;
                return;
            }
            byte[] value = new byte[payloadLength - 1];
            System.Array.Copy(buffer, payloadOffset + 1, value, 0, value.Length);
            Values[key] = value;
        }

        public JournalStatus WriteLive(Journal journal)
        {
            for (int key = 0; key < Keys; key++)
            {
                if (Values[key] == null) continue;
                JournalStatus st = Write(journal, 1, key, Values[key]);
                if (st != JournalStatus.Ok) return st;
            }
            return JournalStatus.Ok;
        }

        public JournalStatus Put(Journal journal, int key, byte[] value)
        {
            JournalStatus st = Write(journal, 1, key, value);
            if (st == JournalStatus.Ok) Values[key] = value;
            return st;
        }

        public JournalStatus Remove(Journal journal, int key)
        {
            JournalStatus st = Write(journal, 2, key, new byte[0]);
            if (st == JournalStatus.Ok) Values[key] = null;
            return st;
        }

        // Built in the journal's record buffer after BeginRecord, as a journal owner must: a
        // compaction started by BeginRecord writes every live record through the same buffer.
        private JournalStatus Write(Journal journal, int type, int key, byte[] value)
        {
            JournalStatus st = journal.BeginRecord(value.Length + 1);
            if (st != JournalStatus.Ok) return st;
            journal.RecordBuffer[Journal.PayloadAt] = (byte)key;
            System.Array.Copy(value, 0, journal.RecordBuffer, Journal.PayloadAt + 1, value.Length);
            st = journal.CommitRecord(type, value.Length + 1);
            return st == JournalStatus.Ok ? journal.Commit() : st;
        }

        /// <summary>"k=len:first;..." for comparing whole states.</summary>
        public string Describe()
        {
            string s = "";
            for (int i = 0; i < Keys; i++)
            {
                if (Values[i] == null) continue;
                s += i + "=" + Values[i].Length + ":" + (Values[i].Length > 0 ? Values[i][0] : 0) + ";";
            }
            return s;
        }

        public static byte[] Value(int length, int fill)
        {
            byte[] v = new byte[length];
            for (int i = 0; i < length; i++) v[i] = (byte)(fill + i);
            return v;
        }
    }
}

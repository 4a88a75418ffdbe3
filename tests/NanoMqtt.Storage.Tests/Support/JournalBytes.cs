using NanoMqtt.Storage;

namespace NanoMqtt.Tests.Support
{
    /// <summary>Journal records built byte by byte, as the format describes them, for bases and
    /// chains written by hand (by another version of the journal, or in the wrong form).</summary>
    public static class JournalBytes
    {
        public const int Header = 0xF0, Seal = 0xF1;
        public const uint Magic = 0x4E4D4A32;

        public static void U32(byte[] b, int p, uint v)
        {
            b[p] = (byte)(v >> 24);
            b[p + 1] = (byte)(v >> 16);
            b[p + 2] = (byte)(v >> 8);
            b[p + 3] = (byte)v;
        }

        /// <summary>Type, payload length (2 bytes), sequence (4), payload, CRC-32 of all that (4).</summary>
        public static byte[] Record(int type, uint sequence, byte[] payload)
        {
            byte[] r = new byte[Journal.RecordOverhead + payload.Length];
            r[0] = (byte)type;
            r[1] = (byte)(payload.Length >> 8);
            r[2] = (byte)payload.Length;
            U32(r, 3, sequence);
            System.Array.Copy(payload, 0, r, Journal.PayloadAt, payload.Length);
            U32(r, Journal.PayloadAt + payload.Length, Crc32.Compute(r, 0, Journal.PayloadAt + payload.Length));
            return r;
        }

        public static byte[] Pair(uint a, uint b)
        {
            byte[] p = new byte[8];
            U32(p, 0, a);
            U32(p, 4, b);
            return p;
        }

        /// <summary>A header's payload that names its ring: generation, magic, parts.</summary>
        public static byte[] HeaderWithRing(uint generation, int parts)
        {
            byte[] p = new byte[9];
            U32(p, 0, generation);
            U32(p, 4, Magic);
            p[8] = (byte)parts;
            return p;
        }

        public static byte[] Generation(uint g)
        {
            byte[] p = new byte[8];
            U32(p, 0, g);
            return p;
        }

        public static byte[] Concat(params byte[][] records)
        {
            int n = 0;
            foreach (byte[] r in records) n += r.Length;
            byte[] all = new byte[n];
            int p = 0;
            foreach (byte[] r in records)
            {
                System.Array.Copy(r, 0, all, p, r.Length);
                p += r.Length;
            }
            return all;
        }

        /// <summary>Writes <paramref name="bytes"/> as part <paramref name="part"/> of journal "j", committed.</summary>
        public static void Put(FaultyFlash flash, int part, byte[] bytes)
        {
            flash.Create("j", part);
            flash.Write(bytes, 0, bytes.Length);
            flash.Commit();
        }
    }
}

using System;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Host.Flash;

namespace NanoMqtt.Host.Tests.Flash;

/// <summary>
/// The LittleFS cost model against worked examples derived by hand from littlefs v2's DESIGN.md,
/// SPEC.md and lfs.c, and against the figures measured on littlefs v2.11 (NANO.md, "The flash
/// under I:\"). Configuration throughout: block 4096, program 128, cache 512, inline limit 512.
/// </summary>
/// <remarks>
/// Facts the derivations use:
/// - After format the superblock pair {0, 1} holds rev (4) + the superblock entry ("littlefs" name
///   tag 4 + 8, inline superblock 4 + 24) = 44 B; a mid-block commit ends with FCRC (4 + 8) and CCRC
///   (4 + 4) = 20 B, padded to 128: the log starts at offset 128.
/// - A commit fits when its tags end at or before block_size - 8 = 4088; it then takes
///   alignup(tags + 20, 128) bytes (only 8 B of CRC at the very end of the block).
/// - Creating a file commits CREATE (4) + name (4 + length) + empty inline struct (4);
///   committing an inline file commits 4 + its size; a CTZ file 4 + 8; a delete 4.
/// - The file "j.0" has a 3-character name.
/// </remarks>
[TestClass]
public sealed class LittleFsModelTests
{
    private static readonly byte[] Zeros = new byte[65536];

    private static bool WriteFile(LittleFsModel fs, string name, int part, int size)
    {
        return fs.Create(name, part) && fs.Write(Zeros, 0, size) && fs.Commit();
    }

    private static void AppendOnce(LittleFsModel fs, string name, int part, int size)
    {
        Assert.IsTrue(fs.OpenAppend(name, part));
        Assert.IsTrue(fs.Write(Zeros, 0, size));
        Assert.IsTrue(fs.Commit());
    }

    [TestMethod]
    public void InlineFileOf47BytesCostsTwoCommitsAndNoErase()
    {
        // Create: 4 + (4 + 3) + 4 = 15 B of tags at offset 128: 15 + 20 -> 128 B, log now at 256.
        // Write 47 B: stays in the file's cache (47 <= 512, inline).
        // Commit: inline struct 4 + 47 = 51 B: 51 + 20 -> 128 B. Total 2 commits, 256 B, 0 erases.
        var fs = new LittleFsModel();
        Assert.IsTrue(fs.Create("j", 0));
        Assert.AreEqual(1, fs.Commits);
        Assert.IsTrue(fs.Write(Zeros, 0, 47));
        Assert.IsTrue(fs.Commit());
        Assert.AreEqual(2, fs.Commits);
        Assert.AreEqual(0, fs.Erases);
        Assert.AreEqual(256, fs.ProgrammedBytes);
        Assert.AreEqual(47, fs.Length("j", 0));
        Assert.AreEqual(62, fs.FreeBlocks, "an inline file takes no block");
    }

    [TestMethod]
    public void AppendOf47BytesToA2000ByteFileCopiesItsTail()
    {
        // The 2,000 B file is one CTZ block. OpenAppend (exists: no commit), first write: allocate
        // and erase a fresh block (1 erase), copy the 2,000 B of the partial last block through the
        // 512 B cache (3 windows programmed: 1,536 B), add 47 B (2,047 B written, window 4 holds
        // 511 B). Commit: flush 511 -> 512 B; CTZ struct 4 + 8 = 12 B -> 128 B.
        // Total 1 erase, 1 commit, 2,048 + 128 = 2,176 B programmed.
        var fs = new LittleFsModel();
        Assert.IsTrue(WriteFile(fs, "j", 0, 2000));
        int free = fs.FreeBlocks;
        fs.Reset();
        AppendOnce(fs, "j", 0, 47);
        Assert.AreEqual(1, fs.Erases);
        Assert.AreEqual(1, fs.Commits);
        Assert.AreEqual(2048 + 128, fs.ProgrammedBytes);
        Assert.AreEqual(2047, fs.Length("j", 0));
        Assert.AreEqual(free, fs.FreeBlocks, "the old block is free again once the new head is committed");
    }

    [TestMethod]
    public void A600ByteFileWrittenInOneCommitMovesOutOfInline()
    {
        // Create: 128 B. Write 600 > 512: lfs_file_outline allocates and erases a block (1 erase),
        // copies the 0 B so far; 600 B through the cache: 512 programmed when it fills, 88 left.
        // Commit: 88 -> 128 B; CTZ struct -> 128 B. Total 2 commits, 1 erase, 128+512+128+128 = 896 B.
        var fs = new LittleFsModel();
        Assert.IsTrue(WriteFile(fs, "j", 0, 600));
        Assert.AreEqual(2, fs.Commits);
        Assert.AreEqual(1, fs.Erases);
        Assert.AreEqual(896, fs.ProgrammedBytes);
        Assert.AreEqual(61, fs.FreeBlocks);
    }

    [TestMethod]
    public void FileAcrossBlocksPaysSkipListPointers()
    {
        // 5,000 B in one write: outline (erase 1), 4,096 B fill block 0 (programmed 4,096). Block 1
        // (index 1, ctz(1) + 1 = 1 pointer): erase 2, 4 B pointer then 904 B: 908 B = one full
        // window (512) + 396 -> 512 at commit. Total 128 (create) + 4,096 + 1,024 + 128 (CTZ) = 5,376.
        var fs = new LittleFsModel();
        Assert.IsTrue(WriteFile(fs, "j", 0, 5000));
        Assert.AreEqual(2, fs.Erases);
        Assert.AreEqual(5376, fs.ProgrammedBytes);
        Assert.AreEqual(60, fs.FreeBlocks);

        // Block 0 holds 4,096 B, block 1 4,092 (1 pointer), block 2 4,088 (ctz(2) + 1 = 2 pointers):
        // 8,188 B fill exactly two blocks, 8,189 B need a third.
        var two = new LittleFsModel();
        Assert.IsTrue(WriteFile(two, "j", 0, 8188));
        Assert.AreEqual(2, two.Erases);
        var three = new LittleFsModel();
        Assert.IsTrue(WriteFile(three, "j", 0, 8189));
        Assert.AreEqual(3, three.Erases);
        // 8,192 B: block 2 gets 8 B of pointers + 4 B of data: 4,096 + 4,096 + 128 data, + 2 x 128 metadata.
        var ptrs = new LittleFsModel();
        Assert.IsTrue(WriteFile(ptrs, "j", 0, 8192));
        Assert.AreEqual(4096 + 4096 + 128 + 256, ptrs.ProgrammedBytes);
    }

    [TestMethod]
    public void MetadataCompactionArrivesWhenTheBlockIsFull()
    {
        // After the 600 B file: log at 128 (format) + 128 (create) + 128 (CTZ commit) = 384.
        // Each append commits 12 B -> 128 B; the commit at 3,968 still fits (3,980 <= 4,088) and
        // ends at 4,096: (4,096 - 384) / 128 = 29 appends fit, the 30th compacts. The compacted
        // block holds rev 4 + superblock 40 + "j.0" (4 + 3 + 4 + 8 = 19) = 63 B, commit folded
        // in, + 20 -> 128 B; then 31 appends fill it and the 32nd after it (append 62) compacts again.
        var fs = new LittleFsModel();
        Assert.IsTrue(WriteFile(fs, "j", 0, 600));
        fs.Reset();
        for (int i = 1; i <= 29; i++) AppendOnce(fs, "j", 0, 47);
        Assert.AreEqual(0, fs.MetadataCompactions);
        Assert.AreEqual(29, fs.Erases, "one copy-on-write erase per append");
        AppendOnce(fs, "j", 0, 47);
        Assert.AreEqual(1, fs.MetadataCompactions);
        Assert.AreEqual(31, fs.Erases, "the 30th append also erases the other metadata block");
        for (int i = 31; i <= 61; i++) AppendOnce(fs, "j", 0, 47);
        Assert.AreEqual(1, fs.MetadataCompactions);
        AppendOnce(fs, "j", 0, 47);
        Assert.AreEqual(2, fs.MetadataCompactions);
        Assert.AreEqual(1, fs.EraseCounts[0]);
        Assert.AreEqual(1, fs.EraseCounts[1]);
    }

    [TestMethod]
    public void RewriteLoopSpreadsErasesOverTheFreeBlocks()
    {
        // Rewriting a 600 B file takes a fresh block each time (the old one is in use until the
        // commit); the allocator's cursor moves on and wraps. The lookahead window covers the
        // whole partition (1,024 bits > 64 blocks) and its free map is taken when the cursor
        // wraps, at block 0 here (seed 0): the block committed then (62 or 63, just behind the
        // cursor) is skipped for that whole sweep. So each sweep erases blocks 2..61 once and one
        // of 62, 63: 620 rewrites = 10 sweeps of 61 + 10: blocks 2..61 get 10 or 11 erases, 62 and
        // 63 about 5 each. (littlefs's own lookahead does the same; the seed moves the wrap point
        // at each mount.)
        var fs = new LittleFsModel();
        for (int i = 0; i < 620; i++) Assert.IsTrue(WriteFile(fs, "j", 0, 600));
        int[] counts = fs.EraseCounts;
        int[] data = counts.Skip(2).Take(60).ToArray();
        Assert.IsTrue(data.Max() - data.Min() <= 1, $"data blocks erased {data.Min()}..{data.Max()} times");
        Assert.AreEqual(620 - counts[62] - counts[63], data.Sum());
        Assert.AreEqual(10, counts[62] + counts[63], 1);
        // One commit per rewrite (the file exists): a compaction every 32 commits: 19, ~10 per block of the pair.
        Assert.AreEqual(19, fs.MetadataCompactions);
        Assert.AreEqual(19, counts[0] + counts[1]);
        // The hottest block (11 erases of 639) sets the life: at one erase a minute, 100,000
        // cycles last 100,000 x 60 / (11 / 639) s = 11.0 years (an even spread over the 64 blocks
        // would give 100,000 x 60 x 64 s = 12.2 years).
        double years = fs.YearsToWearOut(1.0 / 60);
        double expected = 100_000.0 * 60 / ((double)fs.MaxBlockErases / fs.Erases) / (365.25 * 86400);
        Assert.AreEqual(expected, years, 1e-9);
        Assert.AreEqual(11.0, years, 0.1);
    }

    [TestMethod]
    public void DeletingAFileFreesItsBlocks()
    {
        // 5,000 B = 2 blocks. Delete commits a 4 B delete tag -> 128 B, no erase, blocks free.
        var fs = new LittleFsModel();
        Assert.IsTrue(WriteFile(fs, "j", 0, 5000));
        Assert.AreEqual(60, fs.FreeBlocks);
        fs.Reset();
        fs.Delete("j", 0);
        Assert.AreEqual(62, fs.FreeBlocks);
        Assert.AreEqual(1, fs.Commits);
        Assert.AreEqual(128, fs.ProgrammedBytes);
        Assert.AreEqual(0, fs.Erases);
        Assert.AreEqual(-1, fs.Length("j", 0));
        fs.Delete("j", 0); // missing: nothing
        Assert.AreEqual(1, fs.Commits);
    }

    [TestMethod]
    public void TruncatingCreateFreesTheOldBlocksAtCommitNotBefore()
    {
        var fs = new LittleFsModel();
        Assert.IsTrue(WriteFile(fs, "j", 0, 5000));
        Assert.IsTrue(fs.Create("j", 0));
        Assert.AreEqual(60, fs.FreeBlocks, "the committed blocks stay in use while the part is open");
        Assert.AreEqual(5000, fs.Length("j", 0), "the old content is what is committed");
        Assert.IsTrue(fs.Write(Zeros, 0, 10));
        Assert.IsTrue(fs.Commit());
        Assert.AreEqual(62, fs.FreeBlocks);
        Assert.AreEqual(10, fs.Length("j", 0));
    }

    [TestMethod]
    public void RefusesWhenThePartitionIsFull()
    {
        // 16 blocks (64 KB): 14 outside the superblock pair. A file of 14 blocks holds
        // 4,096 + 4,092 + 4,088 + ... < 15 x 4,096 B, so writing 60 KB in 4 KB writes must be
        // refused before the end; the part is abandoned and its blocks are free again.
        var fs = new LittleFsModel(blockCount: 16);
        Assert.AreEqual(14, fs.FreeBlocks);
        Assert.IsTrue(fs.Create("big", 0));
        bool refused = false;
        for (int i = 0; i < 15 && !refused; i++) refused = !fs.Write(Zeros, 0, 4096);
        Assert.IsTrue(refused);
        Assert.IsFalse(fs.Write(Zeros, 0, 1), "a refused part stays refused");
        Assert.IsFalse(fs.Commit());
        Assert.AreEqual(-1, fs.Length("big", 0));
        Assert.AreEqual(14, fs.FreeBlocks);

        // Created again, it works; a committed file filling the partition makes the next outline fail.
        Assert.IsTrue(WriteFile(fs, "big", 0, 14 * 4000));
        Assert.AreEqual(0, fs.FreeBlocks);
        Assert.IsTrue(fs.Create("other", 0));
        Assert.IsTrue(fs.Write(Zeros, 0, 100), "inline: no block needed");
        Assert.IsFalse(fs.Write(Zeros, 0, 500), "past 512 B the file needs a block");
        Assert.IsFalse(fs.Commit());
    }

    [TestMethod]
    public void ReadsSeeOnlyCommittedBytes()
    {
        var fs = new LittleFsModel();
        byte[] data = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        Assert.IsTrue(fs.Create("j", 0));
        Assert.IsTrue(fs.Write(data, 0, 1000));
        Assert.AreEqual(-1, fs.Length("j", 0), "not committed yet");
        Assert.IsTrue(fs.Write(data, 1000, 2000));
        Assert.IsTrue(fs.Commit());
        Assert.IsTrue(fs.OpenAppend("j", 0));
        Assert.IsTrue(fs.Write(data, 0, 5));
        Assert.AreEqual(3000, fs.Length("j", 0));
        Assert.IsTrue(fs.Commit());
        Assert.AreEqual(3005, fs.Length("j", 0));
        byte[] back = new byte[4000];
        Assert.AreEqual(3005, fs.Read("j", 0, 0, back, 0, 4000));
        CollectionAssert.AreEqual(data, back.Take(3000).ToArray());
        CollectionAssert.AreEqual(data.Take(5).ToArray(), back.Skip(3000).Take(5).ToArray());
        Assert.AreEqual(5, fs.Read("j", 0, 3000, back, 0, 100));
        Assert.AreEqual(0, fs.Read("j", 0, 3005, back, 0, 100));
        Assert.AreEqual(3, fs.ReadCalls);
        Assert.AreEqual(3010, fs.ReadBytes);
    }

    [TestMethod]
    public void ManyInlineFilesSplitTheDirectory()
    {
        // 500 B inline files "f.0".."f.5": each costs a create (128 B) and an inline commit of
        // 4 + 500 + 20 -> 640 B: after five the log is at 128 + 5 x 768 = 3,968. The sixth create
        // (15 B) still fits and ends the block; its 504 B commit does not: compaction. The live
        // entries, superblock 40 + 6 x (4 + 3 + 4 + 500) = 3,106 B, are over half a block (2,048):
        // littlefs halves the 7 ids, [3, 7) = 4 x 511 = 2,044 B fits, so f.2..f.5 go to a new pair
        // (2 blocks taken, 1 erased) and the root keeps 40 + 2 x 511 = 1,062 B (1 erase).
        var fs = new LittleFsModel();
        for (int p = 0; p < 5; p++) Assert.IsTrue(WriteFile(fs, "f", p, 500));
        Assert.AreEqual(0, fs.Erases, "inline files take no block");
        Assert.AreEqual(0, fs.MetadataCompactions);
        Assert.IsTrue(WriteFile(fs, "f", 5, 500));
        Assert.AreEqual(1, fs.MetadataCompactions);
        Assert.AreEqual(1, fs.MetadataSplits);
        Assert.AreEqual(2, fs.Erases);
        Assert.AreEqual(2, fs.MetadataPairs);
        Assert.AreEqual(60, fs.FreeBlocks);
        // A new file goes to the last pair; every file keeps its content.
        Assert.IsTrue(WriteFile(fs, "f", 6, 500));
        for (int p = 0; p < 7; p++) Assert.AreEqual(500, fs.Length("f", p));
        // Deleting everything drops the emptied pair (its predecessor commits a tail tag).
        for (int p = 0; p < 7; p++) fs.Delete("f", p);
        Assert.AreEqual(1, fs.MetadataPairs);
        Assert.AreEqual(62, fs.FreeBlocks);
    }

    // ---- NANO.md's measured table (littlefs v2.11, 64 blocks, each "append" an open + write + close) ----

    private static LittleFsModel.Counters Measure(LittleFsModel fs, Action run)
    {
        var before = fs.Snapshot();
        run();
        return fs.Snapshot().Since(before);
    }

    [TestMethod]
    public void MatchesMeasuredAppendOf47BytesToAFileOver512Bytes()
    {
        // Measured: 1.04 erases and 2,295 B per append. Model: 1 copy-on-write erase per append,
        // a compaction every 32 commits (1/32) and a new block every ~87 appends (47 / 4,090):
        // 1 + 0.031 + 0.011 = 1.043. Bytes: the copied tail averages half a block (~2,050 B) +
        // 47 B + padding + 128 B metadata ~ 2,300 B; the measured file sizes are not known, so this
        // scenario (a file grown from 600 B by 1,000 appends) is compared within 10%.
        var fs = new LittleFsModel();
        Assert.IsTrue(WriteFile(fs, "j", 0, 600));
        const int n = 1000;
        var c = Measure(fs, () => { for (int i = 0; i < n; i++) AppendOnce(fs, "j", 0, 47); });
        double erases = (double)c.Erases / n, bytes = (double)c.ProgrammedBytes / n;
        Console.WriteLine($"append 47 B: {erases:F3} erases, {bytes:F0} B per append (measured 1.04, 2,295)");
        Assert.AreEqual(1.04, erases, 0.02);
        Assert.AreEqual(2295, bytes, 230);

        // 47 B + 13 B per message: measured 2.08 erases, 4,479 B.
        var fs2 = new LittleFsModel();
        Assert.IsTrue(WriteFile(fs2, "j", 0, 600));
        var c2 = Measure(fs2, () => { for (int i = 0; i < n; i++) { AppendOnce(fs2, "j", 0, 47); AppendOnce(fs2, "j", 0, 13); } });
        double erases2 = (double)c2.Erases / n, bytes2 = (double)c2.ProgrammedBytes / n;
        Console.WriteLine($"append 47+13 B: {erases2:F3} erases, {bytes2:F0} B per message (measured 2.08, 4,479)");
        Assert.AreEqual(2.08, erases2, 0.04);
        Assert.AreEqual(4479, bytes2, 450);
    }

    [TestMethod]
    public void MatchesMeasuredGroupCommit()
    {
        // k records of 47 B written with k writes per open/close. Per close: 1 copy-on-write
        // erase, a new block every 4,090 / (47k) closes, a compaction every 32 closes; per record
        // divide by k. k = 32: (1 + 0.37 + 0.03) / 32 = 0.044 (measured 0.043).
        // Measured: 0.27 / 0.075 / 0.043 erases and 608 / 187 / 117 B per record for k = 4 / 16 / 32.
        double[] measuredErases = { 0.27, 0.075, 0.043 };
        double[] measuredBytes = { 608, 187, 117 };
        int[] ks = { 4, 16, 32 };
        for (int t = 0; t < ks.Length; t++)
        {
            int k = ks[t];
            var fs = new LittleFsModel();
            Assert.IsTrue(WriteFile(fs, "j", 0, 600));
            int closes = 2048 / k; // 2,048 records: ~96 KB, within the 256 KB partition
            var c = Measure(fs, () =>
            {
                for (int i = 0; i < closes; i++)
                {
                    Assert.IsTrue(fs.OpenAppend("j", 0));
                    for (int r = 0; r < k; r++) Assert.IsTrue(fs.Write(Zeros, 0, 47));
                    Assert.IsTrue(fs.Commit());
                }
            });
            int records = closes * k;
            double erases = (double)c.Erases / records, bytes = (double)c.ProgrammedBytes / records;
            Console.WriteLine($"group commit {k}: {erases:F3} erases, {bytes:F0} B per record (measured {measuredErases[t]}, {measuredBytes[t]})");
            Assert.AreEqual(measuredErases[t], erases, measuredErases[t] * 0.15);
            Assert.AreEqual(measuredBytes[t], bytes, measuredBytes[t] * 0.15);
        }
    }

    [TestMethod]
    public void MatchesMeasuredSmallFilePatterns()
    {
        const int n = 2000;

        // A new small file per message, removed when acknowledged, 16 alive: create (128 B),
        // commit 47 B inline (128 B), delete (128 B) = 384 B + compactions. The compacted block
        // holds rev + superblock (44 B) and 16 entries of 4 + 3..4 + 4 + 47 B: ~1,000 B -> 1,024 B,
        // leaving 24 commits = 8 messages per compaction: 0.125 erases, 384 + 128 = 512 B.
        // Measured: 0.125 erases, 512 B.
        var fs = new LittleFsModel();
        var c = Measure(fs, () =>
        {
            for (int i = 0; i < n; i++)
            {
                Assert.IsTrue(WriteFile(fs, "m", i % 100, 47));
                if (i >= 16) fs.Delete("m", (i - 16) % 100);
            }
        });
        double e = (double)c.Erases / n, b = (double)c.ProgrammedBytes / n;
        Console.WriteLine($"small file per message: {e:F3} erases, {b:F0} B per message (measured 0.125, 512)");
        Assert.AreEqual(0.125, e, 0.02);
        Assert.AreEqual(512, b, 60);

        // Small per-slot files rewritten (O_TRUNC) per state change, 47 B then 13 B, 16 slots:
        // 2 inline commits of 128 B per message, no open commit (the slots exist). The compacted
        // block holds 44 B + 16 x (4 + 3..4 + 4 + 13) + 34 B for the one slot at 47 B ~ 500 B,
        // + 20 -> 512 B, leaving 28 commits = 14 messages: 0.071 erases, 256 + 512 / 14 = 293 B.
        // (Some compactions fall where the slot holds 13 B and fit 384 B: the model gives
        // 0.069 and 282 B.) Measured: 0.069 erases, 283 B; the measured slot count is not given
        // (the model gives 0.065 / 264 B with 4 slots), hence a 15% tolerance.
        var slots = new LittleFsModel();
        const int nslots = 16;
        for (int s = 0; s < nslots; s++) Assert.IsTrue(WriteFile(slots, "s", s, 13));
        var cs = Measure(slots, () =>
        {
            for (int i = 0; i < n; i++)
            {
                Assert.IsTrue(WriteFile(slots, "s", i % nslots, 47));
                Assert.IsTrue(WriteFile(slots, "s", i % nslots, 13));
            }
        });
        e = (double)cs.Erases / n;
        b = (double)cs.ProgrammedBytes / n;
        Console.WriteLine($"per-slot files ({nslots} slots): {e:F3} erases, {b:F0} B per message (measured 0.069, 283)");
        Assert.AreEqual(0.069, e, 0.069 * 0.15);
        Assert.AreEqual(283, b, 283 * 0.15);

        // A 960 B whole-queue file rewritten per change, 2 changes per message: each is an
        // outline (1 erase), 512 + 448 -> 512 B data, 128 B CTZ commit = 1,152 B; a compaction per
        // 32 commits: 2.06 erases, 2,304 B + 8 B. Measured: 2.06, 2,304.
        var q = new LittleFsModel();
        Assert.IsTrue(WriteFile(q, "q", 0, 960));
        var cq = Measure(q, () => { for (int i = 0; i < 2 * n; i++) Assert.IsTrue(WriteFile(q, "q", 0, 960)); });
        e = (double)cq.Erases / n;
        b = (double)cq.ProgrammedBytes / n;
        Console.WriteLine($"960 B queue file: {e:F3} erases, {b:F0} B per message (measured 2.06, 2,304)");
        Assert.AreEqual(2.06, e, 0.02);
        Assert.AreEqual(2304, b, 2304 * 0.02);

        // Journal compaction of 2 KB written in one open/write/close into a new part, the old part
        // deleted: create 128 + outline erase + 2,048 B + CTZ commit 128 + delete 128 = 2,432 B,
        // 1 erase + 3 commits' share of compactions (3/32 ~ 0.09) = 1.09. Measured: 1.17, 2,432.
        // The model is 7% under in erases: the measured run must have committed more per
        // compaction than this scenario (its bytes match exactly, so not more data).
        var j = new LittleFsModel();
        Assert.IsTrue(WriteFile(j, "j", 0, 2048));
        var cj = Measure(j, () =>
        {
            for (int i = 1; i <= 500; i++)
            {
                Assert.IsTrue(WriteFile(j, "j", i, 2048));
                j.Delete("j", i - 1);
            }
        });
        e = (double)cj.Erases / 500;
        b = (double)cj.ProgrammedBytes / 500;
        Console.WriteLine($"2 KB compaction: {e:F3} erases, {b:F0} B per compaction (measured 1.17, 2,432)");
        Assert.AreEqual(1.17, e, 0.12);
        Assert.AreEqual(2432, b, 2432 * 0.05);
    }

    [TestMethod]
    public void SmallPartitionWearsUnevenly()
    {
        // NANO.md: on 16 blocks the hottest block took 0.23 erases per message where the average
        // was 0.13 (the scenario is not given). Here: 47 B + 13 B appends per message (2.08
        // erases: 2.08 / 16 = 0.13 per block), the journal rewritten to 600 B once over 32 KB. The
        // journal's full blocks are not erased while it grows, so the erases fall on the few free
        // blocks: the model gives hottest 0.224, average 0.130 (with the journal rewritten at 8 KB
        // instead: 0.162). Checked: the average, and the hottest over 1.5 x the average.
        var fs = new LittleFsModel(blockCount: 16);
        Assert.IsTrue(WriteFile(fs, "j", 0, 600));
        fs.Reset();
        const int n = 4000;
        for (int i = 0; i < n; i++)
        {
            if (fs.Length("j", 0) > 32768) Assert.IsTrue(WriteFile(fs, "j", 0, 600));
            else
            {
                AppendOnce(fs, "j", 0, 47);
                AppendOnce(fs, "j", 0, 13);
            }
        }
        double average = (double)fs.Erases / fs.BlockCount / n;
        double hottest = (double)fs.MaxBlockErases / n;
        Console.WriteLine($"16 blocks: hottest {hottest:F3}, average {average:F3} erases per message per block (measured 0.23, 0.13)");
        Assert.AreEqual(0.13, average, 0.01);
        Assert.IsTrue(hottest > 1.5 * average);
        Assert.IsTrue(fs.YearsToWearOut(1.0) < 100_000.0 / (1.0 / 16) / (365.25 * 86400), "worse than an even spread");
    }

    // ---- trace ----

    [TestMethod]
    public void TraceRoundTripsOnTheModel()
    {
        var direct = new LittleFsModel();
        var text = new StringWriter();
        TracingFileStore.WriteHeader(text, "round-trip", 3);
        var traced = new TracingFileStore(direct, text);
        byte[] buffer = new byte[2000];
        Assert.IsTrue(traced.Create("j", 0));
        Assert.IsTrue(traced.Write(Zeros, 0, 47));
        Assert.IsTrue(traced.Write(Zeros, 0, 600));
        Assert.IsTrue(traced.Commit());
        Assert.AreEqual(647, traced.Length("j", 0));
        Assert.AreEqual(100, traced.Read("j", 0, 10, buffer, 0, 100));
        Assert.IsTrue(traced.Create("j", 1));
        Assert.IsTrue(traced.Write(Zeros, 0, 13));
        Assert.IsTrue(traced.Commit());
        traced.Delete("j", 0);

        string trace = text.ToString();
        string[] lines = trace.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "# scenario round-trip messages 3",
            "create j.0", "append j.0 47", "append j.0 600", "commit j.0", "length j.0", "read j.0 10 100",
            "create j.1", "append j.1 13", "commit j.1", "delete j.0",
        }, lines);

        var replayed = new LittleFsModel();
        TraceReplay.Run(new StringReader(trace), replayed);
        Assert.AreEqual(direct.Snapshot(), replayed.Snapshot());
        CollectionAssert.AreEqual(direct.EraseCounts, replayed.EraseCounts);
        Assert.AreEqual(-1, replayed.Length("j", 0));
        Assert.AreEqual(13, replayed.Length("j", 1));
    }

    [TestMethod]
    public void OldStyleTraceAppendsOpenForAppend()
    {
        // "append f n" + "commit f" per durable append, the file never created explicitly: the
        // first append creates it at open (1 commit), then each append is an O_APPEND open.
        var trace = new StringWriter();
        TracingFileStore.WriteHeader(trace, "old-style", 30);
        for (int i = 0; i < 30; i++)
        {
            trace.WriteLine("append j.0 47");
            trace.WriteLine("commit j.0");
        }
        var replayed = new LittleFsModel();
        TraceReplay.Run(new StringReader(trace.ToString()), replayed);

        var direct = new LittleFsModel();
        for (int i = 0; i < 30; i++) AppendOnce(direct, "j", 0, 47);
        Assert.AreEqual(direct.Snapshot(), replayed.Snapshot());
        Assert.AreEqual(30 * 47, replayed.Length("j", 0));
        // 10 inline appends (470 B), the 11th crosses 512 B (outline: 1 erase), 19 more copy-on-write.
        // The inline commits grow with the file: 4 + 47k + 20 B padded = 128, 128, 256, 256, 384,
        // 384, 384, 512, 512, 512 = 3,456 B; with format (128) and create (128) the log is at
        // 3,712, three CTZ commits end the block and the 14th append compacts: 1 + 19 + 1 = 21.
        Assert.AreEqual(21, replayed.Erases);
        Assert.AreEqual(1, replayed.MetadataCompactions);
        Assert.AreEqual(31, replayed.Commits);

        Assert.ThrowsExactly<FormatException>(() => TraceReplay.Run(new StringReader("append j 47\n"), new LittleFsModel()));
    }
}

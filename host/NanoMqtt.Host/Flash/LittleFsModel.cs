using System;
using System.Collections.Generic;
using System.Linq;
using NanoMqtt.Storage;

namespace NanoMqtt.Host.Flash;

/// <summary>
/// A file store that keeps the bytes in RAM and charges, operation by operation, the metadata
/// commits, block erases and programmed bytes that littlefs v2 (v2.11, <c>lfs.c</c>) would spend on
/// the ESP32's <c>I:\</c> partition. Derived from littlefs's DESIGN.md, SPEC.md and lfs.c
/// (<c>lfs_dir_relocatingcommit</c>, <c>lfs_dir_commitcrc</c>, <c>lfs_dir_splittingcompact</c>,
/// <c>lfs_dir_compact</c>, <c>lfs_file_flushedwrite</c>, <c>lfs_ctz_extend</c>,
/// <c>lfs_file_outline</c>, <c>lfs_file_sync</c>, <c>lfs_alloc</c>); no code is taken from it.
/// </summary>
/// <remarks>
/// <para>What is modelled, as littlefs does it:</para>
/// <list type="bullet">
/// <item>All files live in the root directory, a chain of metadata pairs that starts with the
/// superblock pair {0, 1}. A commit appends its tags (4 B each plus data) to the active block of
/// the file's pair and ends with an FCRC tag (4 + 8 B) and a CCRC tag (4 + 4 B), padded to the
/// program size; at the end of a block only the CCRC (8 B) is written. The bytes charged as
/// programmed are the padded commit, as the program cache programs whole program units.</item>
/// <item>A commit that does not fit (its tags past <c>block_size - 8</c>) compacts the pair: the
/// other block is erased and receives the revision count, every live entry (name tag + struct;
/// the whole content of inline files), the tail pointer if any, the pending commit folded in, and
/// the CRC. littlefs folds the commit into the compaction, so no separate commit follows it.</item>
/// <item>A compaction whose live entries exceed half a block splits the pair (littlefs halves the
/// range of ids until the upper part fits): the upper entries move to a new pair (two blocks
/// allocated, one erased, written compacted) inserted after it in the chain. New files go to the
/// last pair of the chain, as <c>lfs_dir_find</c> leaves them there. A pair emptied by a delete is
/// dropped (its predecessor commits a tail tag).</item>
/// <item>Every <c>(block_cycles + 1) | 1</c> compactions (513 with block_cycles 512) a pair is
/// relocated: its compaction goes to a freshly allocated block (the erase is charged there) and the
/// predecessor pair commits the new tail pointer. The superblock pair cannot move: littlefs instead
/// expands it (when the partition is less than ~88% full) by moving every entry to a new pair.</item>
/// <item>Files up to the inline limit live in the metadata. The write that takes a file past it
/// moves it out (<c>lfs_file_outline</c>): allocate, erase, program the content so far. CTZ data
/// goes through a 512 B cache that programs each time it fills and, at commit, what remains padded
/// to the program size. Block n &gt; 0 of a file starts with ctz(n) + 1 skip-list pointers of 4 B.
/// The first write after an open of a CTZ file copies its partial last block into a fresh erased
/// block (copy-on-write) or, when that block is full, starts the next block.</item>
/// <item>The allocator is littlefs's lookahead: a window of <c>8 * lookahead_size</c> blocks (the
/// whole partition here) scanned from a cursor that moves on and wraps, with the free map
/// snapshotted at each scan (so a block freed after a scan is only reused after the next one).
/// Blocks in use are the metadata pairs, the committed files' blocks and the open file's blocks.</item>
/// </list>
/// <para>Simplifications:</para>
/// <list type="bullet">
/// <item>Format is not charged: the counters start at zero on a freshly formatted and mounted
/// partition (superblock pair at revision 2 with its 128 B compacted image). The mount seed that
/// littlefs derives from a CRC of the metadata is the <c>allocatorSeed</c> parameter.</item>
/// <item>A new pair's revision count starts at 0 (littlefs aligns whatever the block held to a
/// multiple of 513); bad blocks, power cuts, user attributes, directories and gstate are not
/// modelled; reads are counted as calls of this store and the bytes they return, not as device reads.</item>
/// <item>A split is charged as littlefs does it, one new pair per split (two blocks taken, one
/// erased and written compacted) plus the compaction of the pair that split; entries keep name
/// order within a pair, so a split moves the names that sort last. The model does not rebalance
/// pairs later (neither does littlefs) and does not model the fetches a split chain costs reads.</item>
/// <item>Refusals: a write that needs a block (moving out of inline, copy-on-write, a new CTZ
/// block) when none is free returns false, and so does every later write and the commit of that
/// part, which then commits nothing. Creating a part needs no block and is refused only when its
/// metadata cannot be written at all.</item>
/// <item>An open part that is abandoned (another part created, or a refused write) releases the
/// blocks it had taken and commits nothing; littlefs has no such call. Until its first
/// <see cref="Commit"/>, a new part is invisible to <see cref="Length"/> and <see cref="Read"/>
/// (on flash littlefs already holds it as an empty file, and its create commit is charged).</item>
/// </list>
/// </remarks>
public sealed class LittleFsModel : IFileStore
{
    private const int TagSize = 4;
    private const int CtzStructSize = 8;
    private const int TailSize = 8;
    private const int SuperblockEntrySize = TagSize + 8 + TagSize + 24; // "littlefs" name + inline superblock
    private const int CrcWithFcrc = 5 * 4;                               // FCRC tag + 8 B, CCRC tag + 4 B
    private const int CrcAtBlockEnd = 8;

    private readonly List<MetaPair> _chain = new();
    private readonly Dictionary<string, FileNode> _files = new(StringComparer.Ordinal);
    private readonly long[] _eraseCounts;
    private readonly int _lookaheadBlocks;
    private bool[] _lookahead = Array.Empty<bool>();
    private int _laStart, _laNext, _laSize, _ckpoint;
    private OpenFile? _open;

    /// <summary>A freshly formatted and mounted partition.</summary>
    /// <param name="blockSize">Erase block size (4096 on ESP32 SPI flash).</param>
    /// <param name="progSize">Read and program size (128).</param>
    /// <param name="cacheSize">Cache size (512); also bounds the inline limit.</param>
    /// <param name="blockCount">Blocks in the partition: 64 for 256 KB, 16 for 64 KB.</param>
    /// <param name="blockCycles">Compactions before a metadata pair is relocated (512; -1 disables).</param>
    /// <param name="lookaheadSize">Lookahead buffer in bytes (128: 1,024 blocks per scan).</param>
    /// <param name="allocatorSeed">Where the allocator's cursor starts after mount (littlefs: a CRC of the metadata).</param>
    public LittleFsModel(int blockSize = 4096, int progSize = 128, int cacheSize = 512, int blockCount = 64,
        int blockCycles = 512, int lookaheadSize = 128, int allocatorSeed = 0)
    {
        if (blockSize <= 0 || progSize <= 0 || cacheSize <= 0 || blockSize % cacheSize != 0 || cacheSize % progSize != 0)
            throw new ArgumentException("block size must be a multiple of the cache size, itself a multiple of the program size");
        if (blockCount < 2) throw new ArgumentOutOfRangeException(nameof(blockCount));
        BlockSize = blockSize;
        ProgSize = progSize;
        CacheSize = cacheSize;
        BlockCount = blockCount;
        BlockCycles = blockCycles;
        InlineMax = Math.Min(cacheSize, blockSize / 8);
        _lookaheadBlocks = 8 * lookaheadSize;
        _eraseCounts = new long[blockCount];

        // lfs_format: the superblock pair at {0, 1}, compacted twice (revision 2), holding the
        // superblock entry: rev 4 + 40 B, then the CRC, padded: one program unit.
        var root = new MetaPair(active: 1, spare: 0) { IsSuperblockPair = true, HoldsSuperblock = true, Rev = 2 };
        root.Off = AlignUp(Math.Min(4 + SuperblockEntrySize + CrcWithFcrc, blockSize), progSize);
        _chain.Add(root);

        // lfs_mount: the lookahead starts at the seed, empty.
        _laStart = (int)((uint)allocatorSeed % (uint)blockCount);
        _laNext = 0;
        _laSize = 0;
        _ckpoint = blockCount;
    }

    // ---- configuration ----

    /// <summary>Erase block size in bytes.</summary>
    public int BlockSize { get; }
    /// <summary>Read and program unit in bytes.</summary>
    public int ProgSize { get; }
    /// <summary>Cache size in bytes.</summary>
    public int CacheSize { get; }
    /// <summary>Blocks in the partition.</summary>
    public int BlockCount { get; }
    /// <summary>Compactions between relocations of a metadata pair (littlefs uses <c>(BlockCycles + 1) | 1</c>).</summary>
    public int BlockCycles { get; }
    /// <summary>Largest file kept inline in the metadata: min(cache, block / 8).</summary>
    public int InlineMax { get; }

    // ---- counters ----

    /// <summary>Metadata commits (file creates at open, file commits, deletes, and the tail updates of relocations and drops).</summary>
    public long Commits { get; private set; }
    /// <summary>Block erases.</summary>
    public long Erases { get; private set; }
    /// <summary>Bytes programmed, counted in whole program units as the device programs them.</summary>
    public long ProgrammedBytes { get; private set; }
    /// <summary>Compactions of metadata pairs (the compactions of pairs created by a split are counted in <see cref="MetadataSplits"/>).</summary>
    public long MetadataCompactions { get; private set; }
    /// <summary>New metadata pairs created by splits and superblock expansions.</summary>
    public long MetadataSplits { get; private set; }
    /// <summary>Metadata blocks relocated for wear (every <c>(BlockCycles + 1) | 1</c> compactions of a pair).</summary>
    public long MetadataRelocations { get; private set; }
    /// <summary>Calls of <see cref="Read"/>.</summary>
    public long ReadCalls { get; private set; }
    /// <summary>Bytes returned by <see cref="Read"/>.</summary>
    public long ReadBytes { get; private set; }

    /// <summary>Erases per block since construction or the last <see cref="Reset"/> (a copy).</summary>
    public int[] EraseCounts => _eraseCounts.Select(c => (int)Math.Min(c, int.MaxValue)).ToArray();
    /// <summary>Erases of the most erased block.</summary>
    public int MaxBlockErases => (int)Math.Min(_eraseCounts.Max(), int.MaxValue);
    /// <summary>Blocks not in use (not a metadata pair, not a committed file's, not the open part's).</summary>
    public int FreeBlocks => BlockCount - InUse().Count(u => u);
    /// <summary>Metadata pairs in the root directory's chain.</summary>
    public int MetadataPairs => _chain.Count;

    /// <summary>The counters at one moment.</summary>
    public readonly record struct Counters(long Commits, long Erases, long ProgrammedBytes, long MetadataCompactions,
        long ReadCalls, long ReadBytes)
    {
        /// <summary>What was spent between <paramref name="earlier"/> and this snapshot.</summary>
        public Counters Since(Counters earlier) => new(Commits - earlier.Commits, Erases - earlier.Erases,
            ProgrammedBytes - earlier.ProgrammedBytes, MetadataCompactions - earlier.MetadataCompactions,
            ReadCalls - earlier.ReadCalls, ReadBytes - earlier.ReadBytes);
    }

    /// <summary>The counters now (per-block erase counts are in <see cref="EraseCounts"/>).</summary>
    public Counters Snapshot() => new(Commits, Erases, ProgrammedBytes, MetadataCompactions, ReadCalls, ReadBytes);

    /// <summary>Zeroes every counter, per-block erase counts included; the files and the flash state stay.</summary>
    public void Reset()
    {
        Commits = Erases = ProgrammedBytes = MetadataCompactions = MetadataSplits = MetadataRelocations = 0;
        ReadCalls = ReadBytes = 0;
        Array.Clear(_eraseCounts);
    }

    /// <summary>
    /// Years until the first block reaches <paramref name="cycles"/> erases at
    /// <paramref name="erasesPerSecond"/> erases per second over the partition. The erases are
    /// taken to fall on the blocks as they fell since the last <see cref="Reset"/>: the share of the
    /// hottest block (<see cref="MaxBlockErases"/> / <see cref="Erases"/>) when that is worse than
    /// an even spread over the blocks the allocator used (those erased at least once), else the
    /// even spread. So the figure is the measured hottest block's life whenever wear was uneven
    /// (the metadata pair usually), and never better than an even spread. With nothing measured,
    /// an even spread over the free blocks plus the two metadata blocks is assumed.
    /// </summary>
    public double YearsToWearOut(double erasesPerSecond, int cycles = 100_000)
    {
        if (erasesPerSecond <= 0) return double.PositiveInfinity;
        int used = _eraseCounts.Count(c => c > 0);
        double share;
        if (Erases > 0 && used > 0)
            share = Math.Max((double)_eraseCounts.Max() / Erases, 1.0 / used);
        else
            share = 1.0 / Math.Max(1, FreeBlocks + 2);
        double seconds = cycles / (erasesPerSecond * share);
        return seconds / (365.25 * 24 * 3600);
    }

    // ---- IFileStore ----

    /// <inheritdoc/>
    public int Length(string name, int part)
    {
        return _files.TryGetValue(FileName(name, part), out var f) && f.Visible ? f.Size : -1;
    }

    /// <inheritdoc/>
    public int Read(string name, int part, int position, byte[] buffer, int offset, int count)
    {
        ReadCalls++;
        if (!_files.TryGetValue(FileName(name, part), out var f) || !f.Visible || position < 0 || position >= f.Size || count <= 0)
            return 0;
        int n = Math.Min(count, f.Size - position);
        Array.Copy(f.Data, position, buffer, offset, n);
        ReadBytes += n;
        return n;
    }

    /// <summary>Opens the part truncated (O_CREAT | O_TRUNC): a new part's entry is committed at
    /// open; an existing one is emptied at <see cref="Commit"/>, its blocks freed then.</summary>
    public bool Create(string name, int part) => Open(FileName(name, part), truncate: true);

    /// <summary>Opens an existing part for appending (O_APPEND), creating it if missing (committed at open).
    /// For replaying traces where each durable append was an open, a write and a close.</summary>
    public bool OpenAppend(string name, int part) => Open(FileName(name, part), truncate: false);

    /// <inheritdoc/>
    public bool Write(byte[] buffer, int offset, int count)
    {
        var o = _open;
        if (o == null || o.Erred) return false;
        if (count < 0 || offset < 0 || offset + count > buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
        if (count == 0) return true;
        if (!FlushedWrite(o, count))
        {
            o.Erred = true;
            return false;
        }
        o.Append(buffer, offset, count);
        return true;
    }

    /// <inheritdoc/>
    public bool Commit()
    {
        var o = _open;
        if (o == null) return false;
        _open = null;
        if (o.Erred) return false; // abandoned: nothing committed, its blocks are free again

        var node = o.Node;
        if (o.Writing && !o.Inline) FlushCache(o);
        bool dirty = o.Writing || o.Truncated;
        if (dirty)
        {
            bool wasInline = node.FlashInline;
            int wasSize = node.FlashSize;
            node.FlashInline = o.Inline;
            node.FlashSize = o.Pos;
            int attr = TagSize + (o.Inline ? o.Pos : CtzStructSize);
            if (!CommitMeta(node.Pair, attr))
            {
                node.FlashInline = wasInline;
                node.FlashSize = wasSize;
                return false;
            }
            node.Blocks = o.Inline ? new List<int>() : o.Blocks; // the old blocks are free from here on
        }
        node.Data = o.Content();
        node.Size = o.Pos;
        node.Visible = true;
        return true;
    }

    /// <inheritdoc/>
    public void Delete(string name, int part)
    {
        string file = FileName(name, part);
        if (_open != null && _open.Node.Name == file) _open = null;
        if (!_files.TryGetValue(file, out var f)) return;
        var pair = f.Pair;
        int index = _chain.IndexOf(pair);
        pair.Files.Remove(f);
        _files.Remove(file);
        if (pair.EntryCount == 0 && index > 0)
        {
            // lfs_dir_relocatingcommit drops an emptied pair whose predecessor is split: the
            // predecessor takes its tail (a tail tag), the pair's blocks are free.
            _chain.RemoveAt(index);
            CommitMeta(_chain[index - 1], TagSize + TailSize);
            return;
        }
        if (!CommitMeta(pair, TagSize))
        {
            pair.Insert(f); // littlefs would fail the remove
            _files[file] = f;
        }
    }

    // ---- files ----

    private bool Open(string file, bool truncate)
    {
        _open = null; // one part at a time: an open part not committed is abandoned
        if (!_files.TryGetValue(file, out var node))
        {
            // lfs_file_opencfg with O_CREAT: CREATE tag, name tag, empty inline struct, committed now.
            var pair = _chain[^1];
            node = new FileNode(file, pair);
            pair.Insert(node);
            _files[file] = node;
            if (!CommitMeta(pair, TagSize + TagSize + file.Length + TagSize))
            {
                pair.Files.Remove(node);
                _files.Remove(file);
                return false;
            }
            _open = new OpenFile(node, inline: true, truncated: false);
            return true;
        }
        if (truncate)
        {
            _open = new OpenFile(node, inline: true, truncated: true);
        }
        else
        {
            _open = new OpenFile(node, inline: node.FlashInline, truncated: false);
            _open.StartFrom(node);
        }
        return true;
    }

    private bool FlushedWrite(OpenFile o, int count)
    {
        if (o.Inline && o.Pos + count > InlineMax)
        {
            // lfs_file_outline: a fresh block holds the content so far.
            Ckpoint();
            if (!Alloc(out int nb)) return false;
            Erase(nb);
            o.Blocks = new List<int> { nb };
            o.Inline = false;
            o.Block = nb;
            FlushCache(o);
            Prog(o, nb, 0, o.Pos);
            o.Off = o.Pos;
            o.Writing = true;
        }

        int left = count;
        while (left > 0)
        {
            if (o.Inline)
            {
                o.Writing = true;
                o.Pos += left;
                return true;
            }
            if (!o.Writing || o.Off == BlockSize)
            {
                Ckpoint();
                if (!Extend(o)) return false;
                o.Writing = true;
            }
            int diff = Math.Min(left, BlockSize - o.Off);
            Prog(o, o.Block, o.Off, diff);
            o.Pos += diff;
            o.Off += diff;
            left -= diff;
            Ckpoint();
        }
        return true;
    }

    // lfs_ctz_extend from the end of the file (o.Pos bytes).
    private bool Extend(OpenFile o)
    {
        if (!Alloc(out int nb)) return false;
        Erase(nb);
        FlushCache(o); // empty here: a block's cache windows start at 0 and the last one ended with the block
        if (o.Pos == 0)
        {
            o.Blocks = new List<int> { nb };
            o.Block = nb;
            o.Off = 0;
            return true;
        }
        Locate(o.Pos - 1, out int index, out int lastOff);
        int used = lastOff + 1; // bytes of the last block in use, its pointers included
        if (used != BlockSize)
        {
            // copy-on-write of the partial last block
            o.Blocks = o.Blocks.Take(index).Append(nb).ToList();
            o.Block = nb;
            Prog(o, nb, 0, used);
            o.Off = used;
            return true;
        }
        int n = index + 1;
        int pointers = TrailingZeros(n) + 1;
        o.Blocks = o.Blocks.Take(n).Append(nb).ToList();
        o.Block = nb;
        Prog(o, nb, 0, 4 * pointers);
        o.Off = 4 * pointers;
        return true;
    }

    /// <summary>Block index and offset in that block of file byte <paramref name="position"/> (CTZ layout).</summary>
    private void Locate(int position, out int index, out int offset)
    {
        int start = 0;
        for (int n = 0; ; n++)
        {
            int header = n == 0 ? 0 : 4 * (TrailingZeros(n) + 1);
            int data = BlockSize - header;
            if (position < start + data)
            {
                index = n;
                offset = header + (position - start);
                return;
            }
            start += data;
        }
    }

    // lfs_bd_prog through the file's cache: a window aligned down to the program size, programmed
    // whole when it fills.
    private void Prog(OpenFile o, int block, int off, int size)
    {
        while (size > 0)
        {
            if (o.CacheBlock == block && off >= o.CacheOff && off < o.CacheOff + CacheSize)
            {
                int diff = Math.Min(size, CacheSize - (off - o.CacheOff));
                off += diff;
                size -= diff;
                o.CacheFill = Math.Max(o.CacheFill, off - o.CacheOff);
                if (o.CacheFill == CacheSize) FlushCache(o);
                continue;
            }
            FlushCache(o);
            o.CacheBlock = block;
            o.CacheOff = off / ProgSize * ProgSize;
            o.CacheFill = 0;
        }
    }

    private void FlushCache(OpenFile o)
    {
        if (o.CacheBlock >= 0 && o.CacheFill > 0) ProgrammedBytes += AlignUp(o.CacheFill, ProgSize);
        o.CacheBlock = -1;
        o.CacheFill = 0;
    }

    // ---- metadata ----

    // lfs_dir_relocatingcommit: append the commit, or compact (with the commit folded in). The
    // caller has already applied the change to the pair's entries.
    private bool CommitMeta(MetaPair pair, int attrBytes)
    {
        Commits++;
        if (pair.Off + attrBytes <= BlockSize - CrcAtBlockEnd && pair.EntryCount < 0xff)
        {
            int end = AlignUp(Math.Min(pair.Off + attrBytes + CrcWithFcrc, BlockSize), ProgSize);
            ProgrammedBytes += end - pair.Off;
            pair.Off = end;
            return true;
        }
        MetadataCompactions++;
        return SplittingCompact(pair);
    }

    private bool SplittingCompact(MetaPair pair)
    {
        int begin = 0;
        int end = pair.EntryCount;
        int limit = Math.Min(BlockSize - 40, AlignUp(BlockSize / 2, ProgSize));
        while (true)
        {
            int split = begin;
            while (end - split > 1)
            {
                if (end - split < 0xff && pair.SizeOf(split, end) <= limit) break;
                split += (end - split) / 2;
            }
            if (split == begin) break;
            if (!SplitOff(pair, split, end, duplicateSuperblock: false)) break; // no room: compact degraded
            end = split;
        }

        if (pair.IsSuperblockPair && NeedsRelocation(pair))
        {
            // the superblock pair cannot move: expand it when under ~88% full
            int inUse = InUse().Count(u => u);
            if (BlockCount - inUse > BlockCount / 8)
                SplitOff(pair, begin, end, duplicateSuperblock: true); // every entry moves, a copy of the superblock's too
        }
        return Compact(pair);
    }

    // lfs_dir_split: entries [from, to) of the pair move to a new pair after it in the chain.
    private bool SplitOff(MetaPair pair, int from, int to, bool duplicateSuperblock)
    {
        if (!Alloc(out int b1)) return false;
        if (!Alloc(out int b0)) return false;
        var tail = new MetaPair(active: b0, spare: b1) { Rev = 0 };
        var moved = pair.Range(from, to);
        if (duplicateSuperblock)
        {
            tail.HoldsSuperblock = pair.HoldsSuperblock;
            pair.HoldsSuperblock = true;
        }
        foreach (var f in moved)
        {
            if (f == null) continue;
            pair.Files.Remove(f);
            f.Pair = tail;
            tail.Files.Add(f);
        }
        int index = _chain.IndexOf(pair);
        _chain.Insert(index + 1, tail);
        MetadataSplits++;
        return Compact(tail);
    }

    private bool NeedsRelocation(MetaPair pair) =>
        BlockCycles > 0 && (pair.Rev + 1) % ((BlockCycles + 1) | 1) == 0;

    // lfs_dir_compact: erase the spare block, write rev + every live entry + tail + CRC.
    private bool Compact(MetaPair pair)
    {
        bool tired = NeedsRelocation(pair);
        pair.Rev++;
        bool relocated = false;
        if (tired && !pair.IsSuperblockPair && Alloc(out int fresh))
        {
            pair.Spare = fresh; // the old block is free
            relocated = true;
            MetadataRelocations++;
        }
        int index = _chain.IndexOf(pair);
        bool hasTail = index + 1 < _chain.Count;
        int size = 4 + pair.SizeOf(0, pair.EntryCount) + (hasTail ? TagSize + TailSize : 0);
        if (size > BlockSize - CrcAtBlockEnd) return false;
        Erase(pair.Spare);
        int off = AlignUp(Math.Min(size + CrcWithFcrc, BlockSize), ProgSize);
        ProgrammedBytes += off;
        (pair.Active, pair.Spare) = (pair.Spare, pair.Active);
        pair.Off = off;
        if (relocated && index > 0)
            CommitMeta(_chain[index - 1], TagSize + TailSize); // the predecessor points at the moved pair
        return true;
    }

    // ---- allocator ----

    private void Ckpoint() => _ckpoint = BlockCount;

    // lfs_alloc over the lookahead window.
    private bool Alloc(out int block)
    {
        while (true)
        {
            while (_laNext < _laSize)
            {
                if (!_lookahead[_laNext])
                {
                    block = (_laStart + _laNext) % BlockCount;
                    while (true)
                    {
                        _laNext++;
                        _ckpoint--;
                        if (_laNext >= _laSize || !_lookahead[_laNext]) break;
                    }
                    return true;
                }
                _laNext++;
                _ckpoint--;
            }
            if (_ckpoint <= 0)
            {
                block = -1;
                return false;
            }
            _laStart = (_laStart + _laNext) % BlockCount;
            _laNext = 0;
            _laSize = Math.Min(_lookaheadBlocks, _ckpoint);
            var used = InUse();
            _lookahead = new bool[_laSize];
            for (int i = 0; i < _laSize; i++) _lookahead[i] = used[(_laStart + i) % BlockCount];
        }
    }

    private bool[] InUse()
    {
        var used = new bool[BlockCount];
        foreach (var p in _chain)
        {
            used[p.Active] = true;
            used[p.Spare] = true;
        }
        foreach (var f in _files.Values)
            foreach (int b in f.Blocks) used[b] = true;
        if (_open != null && !_open.Inline)
            foreach (int b in _open.Blocks) used[b] = true;
        return used;
    }

    private void Erase(int block)
    {
        Erases++;
        _eraseCounts[block]++;
    }

    // ---- helpers ----

    private static string FileName(string name, int part) => name + "." + part;

    private static int AlignUp(int value, int unit) => (value + unit - 1) / unit * unit;

    private static int TrailingZeros(int n) => System.Numerics.BitOperations.TrailingZeroCount(n);

    private sealed class FileNode
    {
        public FileNode(string name, MetaPair pair)
        {
            Name = name;
            Pair = pair;
        }

        public string Name { get; }
        public MetaPair Pair { get; set; }
        // what Length/Read see: the content last committed
        public bool Visible { get; set; }
        public byte[] Data { get; set; } = Array.Empty<byte>();
        public int Size { get; set; }
        // what the metadata holds
        public bool FlashInline { get; set; } = true;
        public int FlashSize { get; set; }
        public List<int> Blocks { get; set; } = new();

        public int EntrySize => TagSize + Name.Length + TagSize + (FlashInline ? FlashSize : CtzStructSize);
    }

    private sealed class MetaPair
    {
        public MetaPair(int active, int spare)
        {
            Active = active;
            Spare = spare;
        }

        public int Active { get; set; }
        public int Spare { get; set; }
        public int Off { get; set; }
        public long Rev { get; set; }
        public bool IsSuperblockPair { get; init; }
        public bool HoldsSuperblock { get; set; }
        public List<FileNode> Files { get; } = new(); // in name order, as littlefs keeps ids

        public int EntryCount => Files.Count + (HoldsSuperblock ? 1 : 0);

        public void Insert(FileNode f)
        {
            int i = Files.FindIndex(x => string.CompareOrdinal(x.Name, f.Name) > 0);
            if (i < 0) Files.Add(f); else Files.Insert(i, f);
        }

        // entries by id: the superblock entry (id 0) when held, then the files
        public List<FileNode?> Range(int from, int to)
        {
            var all = new List<FileNode?>();
            if (HoldsSuperblock) all.Add(null);
            all.AddRange(Files);
            return all.GetRange(from, to - from);
        }

        public int SizeOf(int from, int to) =>
            Range(from, to).Sum(f => f == null ? SuperblockEntrySize : f.EntrySize);
    }

    private sealed class OpenFile
    {
        private byte[] _content = new byte[64];

        public OpenFile(FileNode node, bool inline, bool truncated)
        {
            Node = node;
            Inline = inline;
            Truncated = truncated;
        }

        public FileNode Node { get; }
        public bool Inline { get; set; }
        public bool Truncated { get; }
        public bool Writing { get; set; }
        public bool Erred { get; set; }
        public int Pos { get; set; }
        public List<int> Blocks { get; set; } = new();
        public int Block { get; set; } = -1;
        public int Off { get; set; }
        public int CacheBlock { get; set; } = -1;
        public int CacheOff { get; set; }
        public int CacheFill { get; set; }
        private int _length;

        public void StartFrom(FileNode node)
        {
            Pos = node.FlashSize;
            Blocks = new List<int>(node.Blocks);
            EnsureCapacity(node.Data.Length);
            Array.Copy(node.Data, _content, Math.Min(node.Data.Length, Pos));
            _length = Pos;
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            EnsureCapacity(_length + count);
            Array.Copy(buffer, offset, _content, _length, count);
            _length += count;
        }

        public byte[] Content() => _content.AsSpan(0, _length).ToArray();

        private void EnsureCapacity(int size)
        {
            if (size <= _content.Length) return;
            Array.Resize(ref _content, Math.Max(size, _content.Length * 2));
        }
    }
}

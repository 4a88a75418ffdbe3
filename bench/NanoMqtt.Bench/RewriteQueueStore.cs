using NanoMqtt.Session;
using NanoMqtt.Storage;

namespace NanoMqtt.Bench;

/// <summary>
/// The common alternative to a journal: one file holding the whole pending queue, rewritten on
/// every change (as a client that serialises its session list does). Run on the same file store
/// and the same traffic shape as the engine, with the same bytes per entry as its records.
/// </summary>
internal sealed class RewriteQueueStore
{
    private const string Name = "queue";
    private readonly IFileStore _files;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _entries;
    private int _entryBytes;

    public RewriteQueueStore(IFileStore files)
    {
        _files = files;
    }

    public void Run(string flow, bool alone, int messages)
    {
        int message = RecordType.TopicAt + FlashWorkload.TopicBytes + FlashWorkload.PayloadBytes;
        bool outgoing = flow.EndsWith("-out", StringComparison.Ordinal);
        bool qos2 = flow.StartsWith("qos2", StringComparison.Ordinal);
        // Out: the message with its state byte and id. In, QoS 2: the id and its effect. In, QoS 1:
        // the output's state, one entry that every command rewrites.
        _entryBytes = outgoing ? message + 3 : qos2 ? 2 + FlashWorkload.EffectBytes : FlashWorkload.EffectBytes;
        int batch = alone ? 1 : outgoing ? 80 : 16;
        for (int done = 0; done < messages; done += batch)
        {
            int n = Math.Min(batch, messages - done);
            if (!outgoing && !qos2)
            {
                _entries = 1;
                for (int i = 0; i < n; i++) Rewrite();
                continue;
            }
            for (int i = 0; i < n; i++) { _entries++; Rewrite(); }          // accepted / received
            if (qos2 && outgoing) for (int i = 0; i < n; i++) Rewrite();     // PUBREC: the entry's state changes
            for (int i = 0; i < n; i++) { _entries--; Rewrite(); }          // completed / released
        }
    }

    private void Rewrite()
    {
        int length = _entries * _entryBytes;
        if (!_files.Create(Name, 0) || !_files.Write(_buffer, 0, length) || !_files.Commit())
            throw new InvalidOperationException("the store refused the queue file");
    }
}

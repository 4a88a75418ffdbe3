namespace NanoMqtt.Storage
{
    /// <summary>Result of writing to the journal. Nothing already stored is lost on any of them.</summary>
    public enum JournalStatus
    {
        /// <summary>The record is on flash.</summary>
        Ok = 0,
        /// <summary>The journal is at its size bound and compaction could not free enough space.</summary>
        Full,
        /// <summary>The record is larger than the journal's largest record.</summary>
        RecordTooLarge,
        /// <summary>The file store refused the write (flash full or failing).</summary>
        StorageFailed,
    }

    /// <summary>What opening the journal found.</summary>
    public enum JournalOpenResult
    {
        /// <summary>No journal existed: a new one was started.</summary>
        New = 0,
        /// <summary>The journal was replayed to its end.</summary>
        Resumed,
        /// <summary>The journal was replayed up to a torn or corrupt record, and the tail was cut.</summary>
        TailCut,
        /// <summary>Journal files existed but none was readable: state was lost and a new journal started.</summary>
        Lost,
    }
}

using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Text;

namespace NanoCheck;

/// <summary>
/// The MetadataProcessor puts an assembly's names and string literals into one string table with
/// 16-bit offsets. Past about 64 KB the offsets wrap: the .pe it writes names its assembly after
/// some other string (seen: "MinValue", "IDisposable"), nanoCLR cannot find it, and no test runs.
/// Measured on the unit-test assembly: <see cref="Estimate"/> 59,587 ran (the processor's table
/// 64,323 bytes); 60,573 broke it (65,309).
/// </summary>
internal static class StringTableRule
{
    /// <summary>The most this rule lets through, a little under the first size seen to break.</summary>
    public const int Limit = 60000;

    /// <summary>Identifier heap plus every string literal as UTF-8 with its terminator.</summary>
    public static int Estimate(MetadataReader md)
    {
        int bytes = md.GetHeapSize(HeapIndex.String);
        var h = MetadataTokens.UserStringHandle(1);
        if (md.GetHeapSize(HeapIndex.UserString) <= 1) return bytes;
        while (!h.IsNil)
        {
            bytes += Encoding.UTF8.GetByteCount(md.GetUserString(h)) + 1;
            h = md.GetNextHandle(h);
        }
        return bytes;
    }
}

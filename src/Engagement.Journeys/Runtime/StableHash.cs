using System.Text;

namespace Engagement.Journeys.Runtime;

/// <summary>
/// A stable 64-bit FNV-1a hash over UTF-8 parts (separated so ("ab","c") differs from ("a","bc")). The same on every machine,
/// process and .NET version, unlike <see cref="string.GetHashCode()"/>; used for splits, holdout and ids. Pure.
/// </summary>
public static class StableHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>Hashes the parts.</summary>
    public static ulong Of(params string[] parts)
    {
        var hash = Offset;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var part in parts)
        {
            var bytes = Encoding.UTF8.GetByteCount(part) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(part, buffer)] : Encoding.UTF8.GetBytes(part);
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * Prime;
            }

            hash = (hash ^ 0x1F) * Prime;
        }

        return hash;
    }

    /// <summary>A bucket in [0, <paramref name="buckets"/>) for the parts, evenly spread.</summary>
    public static int Bucket(int buckets, params string[] parts)
    {
        var h = Of(parts);
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        return (int)(h % (ulong)buckets);
    }
}

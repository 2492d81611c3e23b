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
        foreach (var part in parts)
        {
            hash = Add(hash, part);
        }

        return hash;
    }

    /// <summary>The hash of four parts, as <see cref="Of(string[])"/> gives it for them, without an array or strings.</summary>
    public static ulong Of(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ReadOnlySpan<char> third, ReadOnlySpan<char> fourth) =>
        Add(Add(Add(Add(Offset, first), second), third), fourth);

    /// <summary>Mixes in one part's UTF-8 bytes, then the separator.</summary>
    private static ulong Add(ulong hash, ReadOnlySpan<char> part)
    {
        var count = Encoding.UTF8.GetByteCount(part);
        Span<byte> bytes = count <= 256 ? stackalloc byte[256] : new byte[count];
        foreach (var b in bytes[..Encoding.UTF8.GetBytes(part, bytes)])
        {
            hash = (hash ^ b) * Prime;
        }

        return (hash ^ 0x1F) * Prime;
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

using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Engagement.Engine.InMemory;

/// <summary>
/// A set of keys (settled ledger keys, processed event ids) kept as each key's 128-bit XXH3 digest (<see cref="XxHash128"/>,
/// seed 0) instead of the key's string: 16 bytes a key instead of about 120 in a large simulation. Two different keys share
/// an entry only if their digests agree in 128 bits, which for the millions of keys of a simulation is a chance of about one
/// in 10^25; the digest is the same in every run and on every machine, so the set answers the same way every time. XXH3 is not
/// a cryptographic hash: keys made on purpose to collide could be taken for each other, which the simulator, reading the
/// operator's own files, accepts; the hosts' durable stores keep keys whole. It was the first 128 bits of SHA-256, whose
/// native calls cost <c>engage simulate</c> about 6% of its time at 100,000 customers (docs/benchmarks.md). The last key's
/// digest is kept, since a key is usually looked up and then added. Not thread-safe.
/// </summary>
internal sealed class HashedKeySet
{
    private readonly HashSet<UInt128> _digests = [];
    private string? _lastKey;
    private UInt128 _lastDigest;

    /// <summary>Keys in the set.</summary>
    public int Count => _digests.Count;

    /// <summary>Adds the key; false when it was in the set.</summary>
    public bool Add(string key) => _digests.Add(Digest(key));

    /// <summary>Whether the key is in the set.</summary>
    public bool Contains(string key) => _digests.Count > 0 && _digests.Contains(Digest(key));

    /// <summary>Removes the key; false when it was not in the set.</summary>
    public bool Remove(string key) => _digests.Count > 0 && _digests.Remove(Digest(key));

    private UInt128 Digest(string key)
    {
        if (ReferenceEquals(key, _lastKey))
        {
            return _lastDigest;
        }

        _lastKey = key;
        _lastDigest = DigestOf(key);
        return _lastDigest;
    }

    /// <summary>The 128-bit XXH3 digest (seed 0) of the key's UTF-16 code units: what the set keeps for a key.</summary>
    internal static UInt128 DigestOf(string key) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(key.AsSpan()));
}

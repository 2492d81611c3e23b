namespace Engagement.Cosmos;

/// <summary>What a <see cref="CosmosReencryptor"/> run did: counts and key ids only.</summary>
public sealed record ReencryptionReport
{
    /// <summary>The key id documents are re-encrypted under.</summary>
    public required string CurrentKeyId { get; init; }

    /// <summary>Documents read.</summary>
    public long Scanned { get; init; }

    /// <summary>Documents encrypted again under the current key and replaced.</summary>
    public long Reencrypted { get; init; }

    /// <summary>Replaces refused because the document changed after it was read (412): each was read again and retried.</summary>
    public long Conflicts { get; init; }

    /// <summary>Documents deleted (or expired) between the read and the replace.</summary>
    public long Vanished { get; init; }

    /// <summary>Documents of the sealed containers with nothing sealed (written without a key): left as they are.</summary>
    public long PlainDocuments { get; init; }

    /// <summary>Documents read, by the key id their sealed member was under when read (the current key's included).</summary>
    public required IReadOnlyDictionary<string, long> DocumentsByKeyId { get; init; }

    /// <summary>Documents left under an older key id: the key file lacks that key, the value fails its integrity check, or it
    /// kept changing. Empty after a <see cref="Complete"/> run: then no document needs the older keys any more.</summary>
    public required IReadOnlyDictionary<string, long> RemainingByKeyId { get; init; }

    /// <summary>Whether every container was read to the end.</summary>
    public bool Complete { get; init; }

    /// <summary>When not <see cref="Complete"/>: pass as <see cref="ReencryptionRequest.Resume"/> to go on.</summary>
    public string? Resume { get; init; }
}

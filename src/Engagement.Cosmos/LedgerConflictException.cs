namespace Engagement.Cosmos;

/// <summary>
/// A ledger update lost an optimistic-concurrency race (HTTP 412 Precondition Failed): the entry changed since this store
/// instance last read or wrote it (another instance claimed, sent or updated it). The rule: never repeat the same write
/// blindly; re-read the entry with <c>GetAsync</c> and decide again from what is stored, or use
/// <see cref="CosmosMessageLedger.UpdateAsync(string, Func{Engine.Delivery.LedgerEntry, Engine.Delivery.LedgerEntry?}, int, CancellationToken)"/>,
/// which does exactly that.
/// </summary>
public sealed class LedgerConflictException : Exception
{
    /// <summary>Creates the exception for a ledger key.</summary>
    public LedgerConflictException(string key)
        : base($"Ledger entry '{key}' changed since it was read (ETag mismatch, 412): re-read it and decide again.") => Key = key;

    /// <summary>The ledger key.</summary>
    public string Key { get; }
}

using Engagement.Engine.Delivery;
using NodaTime;

namespace Engagement.Engine.Ports;

/// <summary>The message ledger: exactly-once reservation and the history frequency caps count.</summary>
public interface IMessageLedger
{
    /// <summary>Reserves the entry's key; false when the key exists already (then nothing may be sent).</summary>
    ValueTask<bool> TryReserveAsync(LedgerEntry entry, CancellationToken cancellationToken);

    /// <summary>Replaces the entry with the same key (status changes).</summary>
    ValueTask UpdateAsync(LedgerEntry entry, CancellationToken cancellationToken);

    /// <summary>One entry, or null.</summary>
    ValueTask<LedgerEntry?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>The customer's entries with <c>SentAt</c> at or after <paramref name="since"/> (for caps).</summary>
    ValueTask<IReadOnlyList<LedgerEntry>> ListSentSinceAsync(string customerId, Instant since, CancellationToken cancellationToken);
}

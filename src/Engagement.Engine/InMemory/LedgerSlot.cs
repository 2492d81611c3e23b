using Engagement.Engine.Delivery;
using NodaTime;

namespace Engagement.Engine.InMemory;

/// <summary>
/// One entry of a customer's ledger in <see cref="InMemoryStores"/>: an entry kept whole (<see cref="Open"/>: still reserved
/// or deferred, or any entry when the stores do not compact), or of a settled sent entry only what the frequency caps count
/// (<see cref="CapCounter"/>: times, channel, category), inline in the customer's list instead of a ledger entry object of its
/// own. A large simulation holds millions of these. Immutable.
/// </summary>
/// <param name="Open">The entry kept whole, or null for a counted one.</param>
/// <param name="At">A counted entry's decision time.</param>
/// <param name="SentAt">A counted entry's send time.</param>
/// <param name="Channel">A counted entry's channel.</param>
/// <param name="Marketing">Whether a counted entry was a marketing message.</param>
internal readonly record struct LedgerSlot(LedgerEntry? Open, Instant At, Instant? SentAt, string? Channel, bool Marketing)
{
    /// <summary>The slot for an entry kept whole.</summary>
    public static LedgerSlot Whole(LedgerEntry entry) => new(entry, default, null, null, false);

    /// <summary>The slot for a settled sent entry: what the caps read of it, and no key, so no update or erasure finds it.</summary>
    public static LedgerSlot Counted(LedgerEntry entry) => new(null, entry.At, entry.SentAt, entry.Channel, entry.Marketing);

    /// <summary>Whether the caps count it from <paramref name="since"/> on (sent, at or after that time).</summary>
    public bool SentSince(Instant since) => Open is { } open ? open.Status == LedgerStatus.Sent && open.SentAt >= since : SentAt >= since;

    /// <summary>The entry: the one kept whole, or a keyless sent entry with the counted fields.</summary>
    public LedgerEntry ToEntry() => Open ?? new LedgerEntry
    {
        Key = string.Empty, CustomerId = string.Empty, Journey = string.Empty, Step = string.Empty,
        Status = LedgerStatus.Sent, At = At, SentAt = SentAt, Channel = Channel, Marketing = Marketing,
    };
}

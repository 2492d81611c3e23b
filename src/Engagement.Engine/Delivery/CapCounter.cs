using Engagement.Engine.Policies;
using Engagement.Journeys.Definitions;
using NodaTime;

namespace Engagement.Engine.Delivery;

/// <summary>
/// Frequency-cap counts for one customer at one instant: the ledger's sent entries plus what this batch has sent so far.
/// Each cap's window is counted once per zone and then kept up to date, so a check costs O(caps). Not thread-safe: one per batch.
/// </summary>
public sealed class CapCounter
{
    private readonly DeliveryPolicy _policy;
    private readonly List<LedgerEntry> _sent;
    private readonly Instant _now;
    private Dictionary<DateTimeZone, int[]>? _counts;

    /// <summary>Creates a counter over the ledger's entries (only <see cref="LedgerStatus.Sent"/> ones with a SentAt count).</summary>
    public CapCounter(DeliveryPolicy policy, IEnumerable<LedgerEntry> ledgerEntries, Instant now)
    {
        _policy = policy;
        _now = now;
        // Without caps nothing is counted (every message fits), so the entries are not kept either.
        _sent = policy.Caps.IsEmpty ? [] : ledgerEntries.Where(e => e.Status == LedgerStatus.Sent && e.SentAt is not null && e.SentAt <= now).ToList();
    }

    /// <summary>The earliest instant any cap can look back to from <paramref name="now"/> (what to ask the ledger for), or null without caps.</summary>
    public static Instant? LookBack(DeliveryPolicy policy, Instant now)
    {
        Instant? earliest = null;
        foreach (var cap in policy.Caps)
        {
            // A day of slack covers every zone offset and DST shift.
            var start = cap.Window.Start(now, DateTimeZone.Utc) - Duration.FromDays(1);
            earliest = earliest is null || start < earliest ? start : earliest;
        }

        return earliest;
    }

    /// <summary>Whether one more message of this category on this channel fits every cap; <paramref name="cap"/> names the first that refuses.</summary>
    public bool Allows(JourneyCategory category, string channel, DateTimeZone zone, out string? cap)
    {
        cap = null;
        if (category == JourneyCategory.Transactional && _policy.TransactionalExemptFromCaps)
        {
            return true;
        }

        var caps = _policy.Caps;
        if (caps.IsEmpty)
        {
            return true;
        }

        var counts = CountsFor(zone);
        for (var i = 0; i < caps.Length; i++)
        {
            if (caps[i].Covers(category, channel) && counts[i] >= caps[i].Max)
            {
                cap = caps[i].Name;
                return false;
            }
        }

        return true;
    }

    /// <summary>Counts a message sent now (in every zone's windows).</summary>
    public void Record(JourneyCategory category, string channel)
    {
        if (category == JourneyCategory.Transactional && _policy.TransactionalExemptFromCaps)
        {
            return;
        }

        var caps = _policy.Caps;
        if (caps.IsEmpty)
        {
            return;
        }

        // Zones counted so far (none yet: nothing to add to; a zone counted later counts this message from _sent).
        foreach (var counts in _counts?.Values ?? Enumerable.Empty<int[]>())
        {
            for (var i = 0; i < caps.Length; i++)
            {
                if (caps[i].Covers(category, channel))
                {
                    counts[i]++;
                }
            }
        }

        _sent.Add(new LedgerEntry { Key = string.Empty, CustomerId = string.Empty, Journey = string.Empty, Step = string.Empty, At = _now, SentAt = _now, Channel = channel, Marketing = category == JourneyCategory.Marketing, Status = LedgerStatus.Sent });
    }

    private int[] CountsFor(DateTimeZone zone)
    {
        _counts ??= [];
        if (_counts.TryGetValue(zone, out var counts))
        {
            return counts;
        }

        var caps = _policy.Caps;
        counts = new int[caps.Length];
        for (var i = 0; i < caps.Length; i++)
        {
            var start = caps[i].Window.Start(_now, zone);
            foreach (var e in _sent)
            {
                if (e.SentAt >= start && (e.Marketing || !_policy.TransactionalExemptFromCaps) && caps[i].Covers(e.Category, e.Channel ?? string.Empty))
                {
                    counts[i]++;
                }
            }
        }

        _counts[zone] = counts;
        return counts;
    }
}

using System.Collections.Immutable;

namespace Engagement.Engine.Policies;

/// <summary>Quiet hours per channel with per-country overrides. Immutable.</summary>
public sealed record QuietHoursPolicy
{
    /// <summary>No quiet hours at all.</summary>
    public static QuietHoursPolicy None { get; } = new();

    /// <summary>Windows by channel (<c>email</c>, <c>sms</c>, <c>push</c>); a channel without one has no quiet hours.</summary>
    public ImmutableDictionary<string, QuietWindow> Channels { get; init; } = ImmutableDictionary<string, QuietWindow>.Empty;

    /// <summary>
    /// Overrides by country code (the profile attribute <c>country</c>), then by channel. A null window means "no quiet hours for
    /// this channel in this country"; a channel not listed keeps the general window.
    /// </summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, QuietWindow?>> Countries { get; init; } =
        ImmutableDictionary<string, ImmutableDictionary<string, QuietWindow?>>.Empty;

    /// <summary>Whether transactional messages ignore quiet hours (default true).</summary>
    public bool TransactionalExempt { get; init; } = true;

    /// <summary>The window in force for a channel and country (null: none).</summary>
    public QuietWindow? WindowFor(string channel, string? country)
    {
        if (country is not null && Countries.TryGetValue(country, out var overrides) && overrides.TryGetValue(channel, out var special))
        {
            return special;
        }

        return Channels.TryGetValue(channel, out var window) ? window : null;
    }
}

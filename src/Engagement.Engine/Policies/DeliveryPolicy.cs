using System.Collections.Immutable;

namespace Engagement.Engine.Policies;

/// <summary>
/// The delivery policy for all journeys (journeys/policies.json): consent defaults, suppression rules, quiet hours, frequency
/// caps, transactional exemptions and retries. Immutable; parsed once by <see cref="PolicyParser"/>.
/// </summary>
public sealed record DeliveryPolicy
{
    /// <summary>A policy with no quiet hours, caps or rules, and the standard consent defaults.</summary>
    public static DeliveryPolicy Empty { get; } = new();

    /// <summary>Assumptions when no consent was ever recorded.</summary>
    public ConsentDefaults ConsentDefault { get; init; } = ConsentDefaults.Standard;

    /// <summary>Named suppression rules, checked in order; the first true one is the reason.</summary>
    public ImmutableArray<SuppressionRule> Suppressions { get; init; } = ImmutableArray<SuppressionRule>.Empty;

    /// <summary>Quiet hours.</summary>
    public QuietHoursPolicy QuietHours { get; init; } = QuietHoursPolicy.None;

    /// <summary>Frequency caps; a message must fit all that cover it.</summary>
    public ImmutableArray<FrequencyCap> Caps { get; init; } = ImmutableArray<FrequencyCap>.Empty;

    /// <summary>
    /// Whether transactional messages are exempt from caps (default true): then they are neither checked nor counted. When false,
    /// caps with scope <c>transactional</c> or <c>all</c> check and count them.
    /// </summary>
    public bool TransactionalExemptFromCaps { get; init; } = true;

    /// <summary>Retries of transient provider failures.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;
}

using System.Collections.Immutable;
using Engagement.Journeys.Expressions;
using Engagement.Journeys.Scheduling;
using NodaTime;

namespace Engagement.Journeys.Definitions;

/// <summary>
/// A parsed, validated journey: parse once, run many. Immutable and safe to share between threads.
/// Built by <c>JourneyParser</c>; the interpreter never re-validates it.
/// </summary>
public sealed record JourneyDefinition
{
    /// <summary>Stable id, <c>[a-z0-9-]+</c>.</summary>
    public required string Id { get; init; }
    /// <summary>Version; enrolled customers finish on the version they entered with.</summary>
    public required int Version { get; init; }
    /// <summary>Human name.</summary>
    public required string Name { get; init; }
    /// <summary>Free description (what is stated by requirements and what is a default).</summary>
    public string? Description { get; init; }
    /// <summary>Marketing (default) or transactional.</summary>
    public JourneyCategory Category { get; init; } = JourneyCategory.Marketing;
    /// <summary>0..100 (checked when set); when a frequency cap allows only some messages the higher priority wins.</summary>
    public int Priority { get; init => field = Percent(value, nameof(Priority)); } = 50;
    /// <summary>What enrolls a customer.</summary>
    public required TriggerDefinition Trigger { get; init; }
    /// <summary>Re-entry rule.</summary>
    public ReentryPolicy Reentry { get; init; } = ReentryPolicy.Default;
    /// <summary>Checked at entry against the profile (and trigger event).</summary>
    public Expression? Audience { get; init; }
    /// <summary>Percent (0..100, checked when set) of entrants kept as a control group: enrolled and tracked, never messaged.</summary>
    public int Holdout { get; init => field = Percent(value, nameof(Holdout)); }
    /// <summary>Customers whose holdout membership is fixed instead of drawn (scenario tests: <c>"holdout": { "c1": false }</c>); empty in journey files.</summary>
    public ImmutableDictionary<string, bool> HoldoutFor { get; init; } = ImmutableDictionary<string, bool>.Empty;
    /// <summary>Events that exit at once.</summary>
    public ImmutableArray<ExitRule> ExitOn { get; init; } = ImmutableArray<ExitRule>.Empty;
    /// <summary>The conversion goal, if any.</summary>
    public GoalDefinition? Goal { get; init; }
    /// <summary>The longest an enrollment may last; it exits with reason <c>maxDuration</c> after that.</summary>
    public Period? MaxDuration { get; init; }
    /// <summary>The journey's default IANA zone (after the profile's, before UTC).</summary>
    public string? TimeZone { get; init; }
    /// <summary>The journey's default template locale (after the profile's).</summary>
    public string DefaultLocale { get; init; } = "en";
    /// <summary>Working-day calendars by name, for <see cref="WorkingDaysWait"/>.</summary>
    public ImmutableDictionary<string, WorkingCalendar> Calendars { get; init; } = ImmutableDictionary<string, WorkingCalendar>.Empty;
    /// <summary>The first step.</summary>
    public required string Start { get; init; }
    /// <summary>All steps by id.</summary>
    public required ImmutableDictionary<string, StepDefinition> Steps { get; init; }
    /// <summary>Where the journey was read from.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The step called <paramref name="id"/>; throws for an unknown id (validated definitions have none).</summary>
    public StepDefinition Step(string id) => Steps[id];

    private static int Percent(int value, string name) =>
        value is >= 0 and <= 100 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be 0..100");
}

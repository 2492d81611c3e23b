using System.Collections.Immutable;
using Engagement.Journeys.Definitions;
using NodaTime;

namespace Engagement.Engine.Scenarios;

/// <summary>
/// A journey scenario for marketers: given profiles and timed events, run the journeys in virtual time and expect (or forbid)
/// timeline entries. Immutable.
/// </summary>
public sealed record Scenario
{
    /// <summary>Human name, e.g. "urgent complaint escalates after 4 hours".</summary>
    public required string Name { get; init; }
    /// <summary>Where it was written.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;
    /// <summary>Profile lines (the <c>profiles.jsonl</c> format).</summary>
    public ImmutableArray<string> Profiles { get; init; } = ImmutableArray<string>.Empty;
    /// <summary>Event lines (the <c>events.jsonl</c> format); duplicates and disorder are allowed on purpose.</summary>
    public ImmutableArray<string> Events { get; init; } = ImmutableArray<string>.Empty;
    /// <summary>Run until this instant (default: until nothing is pending).</summary>
    public Instant? Until { get; init; }
    /// <summary>Customers whose holdout membership is fixed in every journey (true: in the control group; false: treated).</summary>
    public ImmutableDictionary<string, bool> Holdout { get; init; } = ImmutableDictionary<string, bool>.Empty;
    /// <summary>Entries that must appear.</summary>
    public ImmutableArray<TimelineExpectation> Expect { get; init; } = ImmutableArray<TimelineExpectation>.Empty;
    /// <summary>Entries that must not appear.</summary>
    public ImmutableArray<TimelineExpectation> ExpectNot { get; init; } = ImmutableArray<TimelineExpectation>.Empty;
}

using Engagement.Engine.Timeline;
using Engagement.Journeys.Definitions;
using NodaTime;

namespace Engagement.Engine.Scenarios;

/// <summary>
/// One expected (or, for absences, forbidden) kind of timeline entry: every field that is set must match; <see cref="At"/>
/// matches within <see cref="Tolerance"/>; <see cref="After"/>/<see cref="Before"/> bound the time; <see cref="Count"/>
/// demands an exact number of matches. Immutable.
/// </summary>
public sealed record TimelineExpectation
{
    /// <summary>Where the expectation sits in its scenario file, for the failure message.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;
    /// <summary>The entry kind to match; null matches any kind.</summary>
    public TimelineKind? Kind { get; init; }
    /// <summary>The customer to match; null matches any.</summary>
    public string? CustomerId { get; init; }
    /// <summary>The journey to match (defaults to the scenario file's journey).</summary>
    public string? Journey { get; init; }
    /// <summary>The step to match; null matches any.</summary>
    public string? Step { get; init; }
    /// <summary>The channel actually used; null matches any.</summary>
    public string? Channel { get; init; }
    /// <summary>The template to match; null matches any.</summary>
    public string? Template { get; init; }
    /// <summary>The rendered locale to match; null matches any.</summary>
    public string? Locale { get; init; }
    /// <summary>The split variant to match; null matches any.</summary>
    public string? Variant { get; init; }
    /// <summary>The entry's reason to match exactly (suppression, exit or pass reason); null matches any.</summary>
    public string? Reason { get; init; }
    /// <summary>A task's priority (<see cref="TimelineEntry.Priority"/>).</summary>
    public string? Priority { get; init; }
    /// <summary>Detail (e.g. the emitted event type, the deferred-until time).</summary>
    public string? Detail { get; init; }
    /// <summary>Exact time expected.</summary>
    public Instant? At { get; init; }
    /// <summary>Allowed distance from <see cref="At"/>.</summary>
    public Duration Tolerance { get; init; } = Duration.Zero;
    /// <summary>Earliest allowed time (inclusive).</summary>
    public Instant? After { get; init; }
    /// <summary>Latest allowed time (inclusive).</summary>
    public Instant? Before { get; init; }
    /// <summary>Exact number of matching entries required; null means at least one (for absences: none).</summary>
    public int? Count { get; init; }

    /// <summary>Whether <paramref name="entry"/> matches every set field.</summary>
    public bool Matches(TimelineEntry entry) =>
        (Kind is null || entry.Kind == Kind)
        && Same(CustomerId, entry.CustomerId) && Same(Journey, entry.Journey) && Same(Step, entry.Step)
        && Same(Channel, entry.Channel) && Same(Template, entry.Template) && Same(Locale, entry.Locale)
        && Same(Variant, entry.Variant) && Same(Reason, entry.Reason) && Same(Priority, entry.Priority) && Same(Detail, entry.Detail)
        && (At is null || Duration.FromTicks(Math.Abs((entry.At - At.Value).BclCompatibleTicks)) <= Tolerance)
        && (After is null || entry.At >= After.Value)
        && (Before is null || entry.At <= Before.Value);

    /// <summary>A short description such as <c>sent journey=welcome step=hello channel=sms at 2026-01-05T09:00:00Z</c>.</summary>
    public string Describe()
    {
        var parts = new List<string> { Kind?.ToString().ToLowerInvariant() ?? "any entry" };
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={value}");
            }
        }

        Add("customer", CustomerId); Add("journey", Journey); Add("step", Step); Add("channel", Channel); Add("template", Template);
        Add("locale", Locale); Add("variant", Variant); Add("reason", Reason); Add("priority", Priority); Add("detail", Detail);
        if (At is not null)
        {
            parts.Add($"at {At}" + (Tolerance > Duration.Zero ? $" ±{Tolerance}" : string.Empty));
        }

        Add("after", After); Add("before", Before); Add("count", Count);
        return string.Join(' ', parts);
    }

    private static bool Same(string? expected, string? actual) => expected is null || string.Equals(expected, actual, StringComparison.Ordinal);
}

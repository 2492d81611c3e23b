using System.Collections.Immutable;
using Engagement.Journeys.Expressions;

namespace Engagement.Journeys.Definitions;

/// <summary>What enrolls a customer: one or more event types, an optional condition, and the enrollment key. Immutable.</summary>
/// <param name="Event">The (first) event type, e.g. <c>complaint.opened</c>.</param>
/// <param name="When">Optional condition over <c>event.*</c> and <c>profile.*</c>.</param>
/// <param name="Key">Optional expression for the enrollment key; the same key never enrolls twice (subject to re-entry). Default: the customer id.</param>
/// <param name="Location">Where the trigger was written.</param>
public sealed record TriggerDefinition(string Event, Expression? When, Expression? Key, SourceLocation Location)
{
    /// <summary>Further event types that also trigger (<c>"event": ["customer.registered", "order.placed"]</c>).</summary>
    public ImmutableArray<string> AlsoOn { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Every event type that triggers, <see cref="Event"/> first.</summary>
    public IEnumerable<string> Events => AlsoOn.IsDefaultOrEmpty ? [Event] : AlsoOn.Insert(0, Event);

    /// <summary>Whether an event of <paramref name="eventType"/> can trigger this journey.</summary>
    public bool Matches(string eventType) =>
        string.Equals(Event, eventType, StringComparison.Ordinal) || (!AlsoOn.IsDefaultOrEmpty && AlsoOn.Contains(eventType, StringComparer.Ordinal));
}

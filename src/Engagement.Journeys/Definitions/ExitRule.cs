using Engagement.Journeys.Expressions;

namespace Engagement.Journeys.Definitions;

/// <summary>An event that makes the customer leave the journey at once, also in the middle of a wait. Immutable.</summary>
/// <param name="Event">The event type.</param>
/// <param name="When">Optional condition.</param>
/// <param name="Reason">The exit reason recorded; default <c>exitOn:&lt;event&gt;</c>.</param>
public sealed record ExitRule(string Event, Expression? When, string Reason);

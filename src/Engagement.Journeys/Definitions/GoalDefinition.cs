using Engagement.Journeys.Expressions;
using NodaTime;

namespace Engagement.Journeys.Definitions;

/// <summary>The conversion a journey is measured by: an event within a window after entry. Immutable.</summary>
/// <param name="Event">The goal event type, e.g. <c>order.placed</c>.</param>
/// <param name="When">Optional condition.</param>
/// <param name="Within">The window after entry; null means until the enrollment ends.</param>
/// <param name="ExitOnGoal">Whether reaching the goal also exits the journey (reason <c>goal</c>).</param>
public sealed record GoalDefinition(string Event, Expression? When, Period? Within, bool ExitOnGoal);

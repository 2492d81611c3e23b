using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Routing;

/// <summary>An enrollment the event ends, and the exit reason recorded. Immutable.</summary>
/// <param name="State">The enrollment as stored.</param>
/// <param name="Reason">The exit reason (<c>unsubscribed</c>, <c>erased</c>, <c>restarted</c>).</param>
public sealed record PlannedExit(EnrollmentState State, string Reason);

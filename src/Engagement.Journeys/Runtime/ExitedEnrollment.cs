using NodaTime;

namespace Engagement.Journeys.Runtime;

/// <summary>
/// An exited enrollment as the entry rules read it: its key (<c>key</c> or <c>key#n</c>) and when it entered. A host that keeps
/// exited enrollments compactly hands these to <see cref="JourneyEntry"/> instead of whole states. Immutable.
/// </summary>
/// <param name="Key">The enrollment key (<see cref="EnrollmentState.Key"/>).</param>
/// <param name="EnteredAt">When it entered (<see cref="EnrollmentState.EnteredAt"/>).</param>
public readonly record struct ExitedEnrollment(string Key, Instant EnteredAt);

using System.Collections.Immutable;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Routing;

/// <summary>A new enrollment the event starts, after ending <paramref name="ExitFirst"/> (re-entry <c>restart</c>). Immutable.</summary>
/// <param name="Definition">The journey (its latest version).</param>
/// <param name="Fresh">The new enrollment, status <see cref="EnrollmentStatus.New"/>.</param>
/// <param name="ExitFirst">Enrollments of the same journey and key to exit with reason <c>restarted</c> first.</param>
public sealed record PlannedStart(JourneyDefinition Definition, EnrollmentState Fresh, ImmutableArray<EnrollmentState> ExitFirst);

using NodaTime;

namespace Engagement.Journeys.Definitions;

/// <summary>Wait a period (<c>"duration": "P1D"</c>); date parts in the recipient's local calendar. Immutable.</summary>
/// <param name="Period">The period.</param>
public sealed record DurationWait(Period Period) : WaitSchedule;

using System.Collections.Immutable;
using NodaTime;

namespace Engagement.Journeys.Definitions;

/// <summary>Wait until the next local time of day on allowed weekdays (<c>"at": "09:00", "days": ["mon"]</c>). Immutable.</summary>
/// <param name="At">Local time of day in the recipient's zone.</param>
/// <param name="Days">Allowed weekdays; empty means every day.</param>
public sealed record TimeOfDayWait(LocalTime At, ImmutableArray<IsoDayOfWeek> Days) : WaitSchedule;

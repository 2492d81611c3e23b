namespace Engagement.Journeys.Definitions;

/// <summary>Wait a number of working days by a named holiday calendar (<c>"workingDays": 3, "calendar": "cn"</c>). Immutable.</summary>
/// <param name="Days">Working days to wait.</param>
/// <param name="Calendar">Calendar name in <see cref="JourneyDefinition.Calendars"/>.</param>
public sealed record WorkingDaysWait(int Days, string Calendar) : WaitSchedule;

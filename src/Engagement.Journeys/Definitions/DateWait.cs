using Engagement.Journeys.Scheduling;
using NodaTime;

namespace Engagement.Journeys.Definitions;

/// <summary>
/// Wait until a date taken from the profile (<c>"until": "profile.birthday", "annual": true, "at": "09:00", "offset": "-P30D"</c>). Immutable.
/// </summary>
/// <param name="ProfilePath">The dotted path under <c>profile</c>, e.g. <c>birthday</c> or <c>pointsExpireOn</c>.</param>
/// <param name="Annual">True: the next anniversary of the date (birthdays); false: the date itself.</param>
/// <param name="At">Local time of day on that date.</param>
/// <param name="OffsetDays">Days before (negative) or after the date.</param>
/// <param name="LeapDay">What 29 February becomes in non-leap years.</param>
/// <param name="OnMissing">Step to go to when the profile has no valid date (or the date is past); null exits with reason <c>missing-date</c>.</param>
public sealed record DateWait(string ProfilePath, bool Annual, LocalTime At, int OffsetDays, LeapDayRule LeapDay, string? OnMissing) : WaitSchedule;

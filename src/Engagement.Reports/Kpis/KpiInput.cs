using Engagement.Engine.Profiles;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Scheduling;
using NodaTime;

namespace Engagement.Reports.Kpis;

/// <summary>What the KPIs are computed from. Immutable.</summary>
/// <param name="Events">Input events (orders, surveys, complaints, tier upgrades, points redemptions).</param>
/// <param name="Profiles">Customer profiles.</param>
/// <param name="Stages">Lifecycle stage changes.</param>
/// <param name="SurveysSent">Survey messages sent in the period (from the timeline or database).</param>
/// <param name="Calendar">The working-day calendar for the 3-working-day deadline (the journeys' <c>cn</c> calendar; Monday to Friday without it).</param>
/// <param name="CalendarZone">The calendar's time zone (Asia/Shanghai for cn).</param>
/// <param name="SatisfactionThreshold">Scores at or above it count as satisfied (default 8 of 10).</param>
public sealed record KpiInput(IReadOnlyList<CustomerEvent> Events, IReadOnlyList<CustomerProfile> Profiles, IReadOnlyList<StageChange> Stages, long SurveysSent,
    WorkingCalendar Calendar, DateTimeZone CalendarZone, int SatisfactionThreshold = 8);

namespace Engagement.Journeys.Definitions;

/// <summary>How a <see cref="WaitStep"/> computes its wake-up time. Immutable; the concrete types are the wait kinds.</summary>
public abstract record WaitSchedule;

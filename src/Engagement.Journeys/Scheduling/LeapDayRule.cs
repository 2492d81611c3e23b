namespace Engagement.Journeys.Scheduling;

/// <summary>What an anniversary of 29 February becomes in a year that has none.</summary>
public enum LeapDayRule
{
    /// <summary>28 February (the default: still in the birthday month).</summary>
    February28,
    /// <summary>1 March (the day after 28 February, as some jurisdictions count legal birthdays).</summary>
    March1,
}

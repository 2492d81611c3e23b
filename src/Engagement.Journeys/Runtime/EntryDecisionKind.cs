namespace Engagement.Journeys.Runtime;

/// <summary>What the entry rules decided for one trigger event.</summary>
public enum EntryDecisionKind
{
    /// <summary>Create an enrollment (after exiting <see cref="EntryDecision.ExitFirst"/>).</summary>
    Enroll,
    /// <summary>Do not enroll; <see cref="EntryDecision.Reason"/> says why.</summary>
    Skip,
    /// <summary>The trigger, key or audience reads the profile and none was given: decide again with it.</summary>
    NeedsProfile,
}

namespace Engagement.Journeys.Runtime;

/// <summary>Internal signal: the run needs the profile the stimulus did not carry. Never escapes Advance.</summary>
internal sealed class ProfileNeededException(string? stepId) : Exception("profile needed")
{
    /// <summary>The step that needed the profile; null before any step ran.</summary>
    public string? StepId { get; } = stepId;
}

namespace Engagement.Journeys.Runtime;

/// <summary>Internal signal: the run needs the profile the stimulus did not carry. Never escapes Advance.</summary>
internal sealed class ProfileNeededException(string? stepId) : Exception("profile needed")
{
    public string? StepId { get; } = stepId;
}

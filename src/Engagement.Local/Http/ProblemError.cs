namespace Engagement.Local.Http;

/// <summary>One fault inside a <see cref="Problem"/>: the field (or query parameter), the body line, and why. Immutable.</summary>
internal sealed record ProblemError(string? Field, string Reason)
{
    /// <summary>The 1-based body line, when the fault is in one.</summary>
    public int? Line { get; init; }
}

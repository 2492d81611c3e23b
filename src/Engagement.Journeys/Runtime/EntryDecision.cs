using System.Collections.Immutable;

namespace Engagement.Journeys.Runtime;

/// <summary>The outcome of the entry rules. Immutable.</summary>
/// <param name="Kind">Enroll, skip, or needs the profile.</param>
/// <param name="Key">The enrollment key as evaluated (the customer id by default).</param>
/// <param name="EnrollmentKey">The key for <see cref="EnrollmentState.Create"/>: <see cref="Key"/>, or <c>key#n</c> for the n-th entry with the same key.</param>
/// <param name="Reason">For skips: trigger-condition, missing-key, audience, duplicate-key, reentry:never, reentry:active, reentry:cooldown.</param>
/// <param name="ExitFirst">Enrollment ids to exit with reason <c>restarted</c> before enrolling (re-entry mode restart).</param>
public sealed record EntryDecision(EntryDecisionKind Kind, string? Key, string? EnrollmentKey, string? Reason, ImmutableArray<string> ExitFirst)
{
    internal static EntryDecision Skip(string reason) => new(EntryDecisionKind.Skip, null, null, reason, ImmutableArray<string>.Empty);

    internal static EntryDecision NeedsProfile { get; } = new(EntryDecisionKind.NeedsProfile, null, null, "needs-profile", ImmutableArray<string>.Empty);
}

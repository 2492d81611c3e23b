namespace Engagement.Local.Hosting;

/// <summary>One step's counts. Immutable.</summary>
/// <param name="StepId">Step id.</param>
/// <param name="Waiting">Enrollments waiting at the step now.</param>
/// <param name="Counts">Timeline entries recorded at the step by kind (<c>entered</c>, <c>sent</c>, <c>suppressed</c>, <c>deferred</c>, <c>exited</c>, ...).</param>
public sealed record StepReport(string StepId, int Waiting, IReadOnlyDictionary<string, long> Counts);

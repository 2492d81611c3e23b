namespace Engagement.Local.Hosting;

/// <summary>One journey version's counts. Immutable.</summary>
/// <param name="Id">Journey id.</param>
/// <param name="Version">Version.</param>
/// <param name="Name">Display name.</param>
/// <param name="Entered">Enrollments ever started.</param>
/// <param name="Active">Enrollments not exited.</param>
/// <param name="Holdout">Enrollments in the holdout group.</param>
/// <param name="Goals">Enrollments that reached the goal.</param>
/// <param name="Steps">Per step, in definition order.</param>
public sealed record JourneyReport(string Id, int Version, string Name, int Entered, int Active, int Holdout, int Goals, IReadOnlyList<StepReport> Steps);

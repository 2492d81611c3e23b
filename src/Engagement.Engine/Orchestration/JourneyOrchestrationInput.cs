using System.Collections.Immutable;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Orchestration;

/// <summary>
/// The orchestration's input: the enrollment state, the stimulus to apply first (the start, or none after ContinueAsNew),
/// and timeline-only effects not yet recorded. Immutable.
/// </summary>
/// <param name="State">The enrollment state.</param>
/// <param name="Next">The stimulus to apply first; null means "go straight to waiting" (after ContinueAsNew).</param>
/// <param name="Carried">Timeline-only effects (entered, goal, withheld...) to record with the next activity.</param>
/// <param name="Generation">How many times the orchestration continued as new.</param>
/// <param name="RecentEvents">The ids of the last events the instance received (copies are ignored); null for none.</param>
public sealed record JourneyOrchestrationInput(EnrollmentState State, Stimulus? Next, ImmutableArray<Effect> Carried, int Generation = 0, string[]? RecentEvents = null)
{
    /// <summary>The input that starts an enrollment.</summary>
    public static JourneyOrchestrationInput Start(EnrollmentState state, EnrollmentStarted started) =>
        new(state, started, ImmutableArray<Effect>.Empty);
}

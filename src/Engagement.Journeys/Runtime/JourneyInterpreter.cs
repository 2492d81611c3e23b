using Engagement.Journeys.Definitions;

namespace Engagement.Journeys.Runtime;

/// <summary>
/// The pure core: <c>Advance(definition, state, stimulus) -> (state', effects)</c>.
/// </summary>
/// <remarks>
/// Rules (as for Durable orchestrator code): no clock, randomness, environment or I/O; time comes from the stimulus;
/// the same inputs always give the same outputs, so hosts can replay. Thread-safe: it keeps no state of its own.
/// </remarks>
public static class JourneyInterpreter
{
    /// <summary>Advances one enrollment by one stimulus.</summary>
    public static AdvanceResult Advance(JourneyDefinition definition, EnrollmentState state, Stimulus stimulus) =>
        throw new NotImplementedException("Being written on the interp branch.");
}

namespace Engagement.Engine.Orchestration;

/// <summary>Options of the journey loop. Immutable.</summary>
/// <param name="ContinueAsNewEvery">Advance calls per generation before the loop continues as new, bounding history.</param>
public sealed record JourneyOrchestrationOptions(int ContinueAsNewEvery = 20)
{
    /// <summary>The defaults.</summary>
    public static JourneyOrchestrationOptions Default { get; } = new();
}

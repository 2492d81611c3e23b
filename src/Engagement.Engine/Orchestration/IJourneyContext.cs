using NodaTime;

namespace Engagement.Engine.Orchestration;

/// <summary>
/// The small slice of a durable orchestration context the journey loop needs. Azure maps Durable Functions'
/// <c>TaskOrchestrationContext</c> onto it; tests use a replaying context that re-runs the loop from the start at every await.
/// </summary>
/// <remarks>
/// Orchestrator rules apply to every caller: the loop reads time only from <see cref="CurrentInstant"/>, does no I/O except
/// through activities, and issues the same commands in the same order on every replay.
/// </remarks>
public interface IJourneyContext
{
    /// <summary>The orchestration's deterministic "now" (Durable: <c>CurrentUtcDateTime</c>).</summary>
    Instant CurrentInstant { get; }

    /// <summary>Calls an activity (Durable: <c>CallActivityAsync</c>).</summary>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input);

    /// <summary>A durable timer (Durable: <c>CreateTimer</c>); cancel the token to drop a timer that lost a race.</summary>
    Task CreateTimer(Instant fireAt, CancellationToken cancellationToken);

    /// <summary>Waits for an external event raised to this instance (Durable: <c>WaitForExternalEvent</c>); cancel the token to
    /// stop waiting (the task is then cancelled).</summary>
    Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken);

    /// <summary>Restarts the orchestration with new input and an empty history (Durable: <c>ContinueAsNew</c>).</summary>
    void ContinueAsNew(object input);
}

using Engagement.Engine.Orchestration;
using Engagement.Engine.Serialization;
using Microsoft.DurableTask;
using NodaTime;

namespace Engagement.Functions.Orchestration;

/// <summary>
/// Maps Durable's <see cref="TaskOrchestrationContext"/> onto the engine's <see cref="IJourneyContext"/>. Every payload crosses
/// as <see cref="DurablePayloads"/> text, so the worker's own serializer only ever sees strings. Orchestrator code: no I/O,
/// no clock but <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, awaits stay on the orchestration thread.
/// </summary>
public sealed class DurableJourneyContext(TaskOrchestrationContext context) : IJourneyContext
{
    /// <summary>The orchestration's replay-safe time, <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/> as an instant.</summary>
    public Instant CurrentInstant => Instant.FromDateTimeUtc(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    /// <summary>
    /// How a failed activity is retried: a store or provider failure midway (for example after a ledger reservation) is finished
    /// by the retry (<c>DeliveryPipeline</c> completes a reserved entry), so a send is never silently lost. Five attempts, 2 s
    /// doubling to at most 1 min; after that the orchestration fails and shows in the Durable Task Scheduler dashboard.
    /// </summary>
    public static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromMinutes(1)));

    /// <summary>Calls the activity with <paramref name="input"/> serialized to <see cref="DurablePayloads"/> text, retried by
    /// <see cref="ActivityRetry"/>; an output of null (or the text <c>null</c>) comes back as <c>default</c>.</summary>
    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input)
    {
        var output = await context.CallActivityAsync<string?>(name, DurablePayloads.Serialize(input), ActivityRetry);
        return output is null or "null" ? default! : DurablePayloads.Deserialize<TResult>(output);
    }

    /// <summary>A durable timer that fires at <paramref name="fireAt"/> (UTC); cancelling the token drops it.</summary>
    public Task CreateTimer(Instant fireAt, CancellationToken cancellationToken) =>
        context.CreateTimer(fireAt.ToDateTimeUtc(), cancellationToken);

    /// <summary>Waits for the event raised to this instance under <paramref name="eventName"/> and deserializes its
    /// <see cref="DurablePayloads"/> text; cancelling the token stops the wait (the task is then cancelled).</summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken) =>
        DurablePayloads.Deserialize<T>(await context.WaitForExternalEvent<string>(eventName, cancellationToken));

    /// <summary>Restarts the orchestration with <paramref name="input"/> (serialized) and an empty history; external events
    /// that arrived but were not yet handled are carried over to the new run.</summary>
    public void ContinueAsNew(object input) =>
        context.ContinueAsNew(DurablePayloads.Serialize(input), preserveUnprocessedEvents: true);
}

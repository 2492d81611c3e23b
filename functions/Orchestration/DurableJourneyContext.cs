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
    public Instant CurrentInstant => Instant.FromDateTimeUtc(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input)
    {
        var output = await context.CallActivityAsync<string?>(name, DurablePayloads.Serialize(input));
        return output is null or "null" ? default! : DurablePayloads.Deserialize<TResult>(output);
    }

    public Task CreateTimer(Instant fireAt, CancellationToken cancellationToken) =>
        context.CreateTimer(fireAt.ToDateTimeUtc(), cancellationToken);

    public async Task<T> WaitForExternalEvent<T>(string eventName) =>
        DurablePayloads.Deserialize<T>(await context.WaitForExternalEvent<string>(eventName));

    public void ContinueAsNew(object input) =>
        context.ContinueAsNew(DurablePayloads.Serialize(input), preserveUnprocessedEvents: true);
}

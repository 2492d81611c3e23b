using NodaTime;

namespace Engagement.Engine.Tests.Orchestration;

internal enum ReplayCommandKind { Activity, Timer, ExternalEvent }

/// <summary>A command the orchestrator issued: schedule an activity, a timer, or an event wait.</summary>
internal sealed record ReplayCommand(int Id, ReplayCommandKind Kind, string Name, object? Input, Instant? FireAt)
{
    /// <summary>What must be identical between replays (inputs are compared by their text form).</summary>
    public string Signature => $"{Id}:{Kind}:{Name}:{FireAt}:{Newtonsoft.Json.JsonConvert.SerializeObject(Input)}";
}

/// <summary>A history entry: command <paramref name="CommandId"/> completed at <paramref name="At"/> with <paramref name="Result"/>.</summary>
internal sealed record ReplayCompletion(int CommandId, Instant At, object? Result);

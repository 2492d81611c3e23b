using Engagement.Engine.Ports;
using NodaTime;

namespace Engagement.Functions.Publishing;

/// <summary>In Azure every enrollment's timers are its orchestration's durable timers, so wake-up effects need no store.</summary>
public sealed class DurableTimersWakeUps : IWakeUpScheduler
{
    /// <summary>Does nothing: the orchestration waits on its own durable timer for <paramref name="dueAt"/>.</summary>
    public ValueTask ScheduleAsync(string enrollmentId, string customerId, Instant dueAt, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Does nothing: a durable timer ends with its orchestration.</summary>
    public ValueTask CancelAsync(string enrollmentId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

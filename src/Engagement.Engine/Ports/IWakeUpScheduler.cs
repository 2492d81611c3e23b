using NodaTime;

namespace Engagement.Engine.Ports;

/// <summary>Durable wake-ups: the host calls the driver with a TimerFired when one is due.</summary>
public interface IWakeUpScheduler
{
    /// <summary>Schedules (or replaces) the enrollment's wake-up.</summary>
    ValueTask ScheduleAsync(string enrollmentId, string customerId, Instant dueAt, CancellationToken cancellationToken);

    /// <summary>Cancels the enrollment's wake-up, if any.</summary>
    ValueTask CancelAsync(string enrollmentId, CancellationToken cancellationToken);
}

using NodaTime;

namespace Engagement.Engine.Ports;

/// <summary>
/// Durable timers for sends deferred by quiet hours: when one is due the host calls
/// <c>DeliveryPipeline.DeliverDeferredAsync(ledgerKey, now)</c>. Delivering a key twice is harmless (the pipeline ignores keys
/// that are no longer deferred or whose attempt was claimed).
/// </summary>
public interface IDeferredSendQueue
{
    /// <summary>Schedules a deferred send identified by its ledger key.</summary>
    ValueTask ScheduleAsync(string ledgerKey, string customerId, Instant dueAt, CancellationToken ct);
}

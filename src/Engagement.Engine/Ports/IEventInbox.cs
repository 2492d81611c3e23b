using Engagement.Engine.Events;

namespace Engagement.Engine.Ports;

/// <summary>Idempotency by event id, and the store of rejected inputs.</summary>
public interface IEventInbox
{
    /// <summary>Marks an event id processed; false when it was processed before (a duplicate: do nothing).</summary>
    ValueTask<bool> TryMarkProcessedAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Keeps a rejected input with its reason.</summary>
    ValueTask RejectAsync(RejectedEvent rejected, CancellationToken cancellationToken);
}

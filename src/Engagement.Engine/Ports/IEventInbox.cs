using Engagement.Engine.Events;

namespace Engagement.Engine.Ports;

/// <summary>
/// Idempotency by event id, and the store of rejected inputs. Hosts check <see cref="IsProcessedAsync"/> before the work and
/// call <see cref="TryMarkProcessedAsync"/> only after it succeeded, so a message redelivered after a failure midway is done
/// again (every effect is idempotent by its key) instead of being dropped as a duplicate.
/// </summary>
public interface IEventInbox
{
    /// <summary>Whether the event id was marked processed before (a duplicate: do nothing). Reads only.</summary>
    ValueTask<bool> IsProcessedAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Marks an event id processed once its work is done; false when it was marked before.</summary>
    ValueTask<bool> TryMarkProcessedAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Keeps a rejected input with its reason.</summary>
    ValueTask RejectAsync(RejectedEvent rejected, CancellationToken cancellationToken);
}

using Engagement.Engine;
using Engagement.Engine.Events;
using Engagement.Engine.Integrations;
using Engagement.Functions.Publishing;
using NodaTime;

namespace Engagement.Functions.Http;

/// <summary>
/// Takes translated CloudEvents or Segment calls on the Azure host: each element's events go onto the lifecycle topic
/// (<c>MessageId</c> = event id, so Service Bus duplicate detection and the router's idempotency by event id drop a retried
/// element), each refused element is kept through the inbox with its reason, once per id (a client retry of a refused call
/// is not kept again). Duplicates are found by the router, after the
/// answer, so the answer counts them as accepted.
/// </summary>
public sealed class InboundPublisher(EnginePorts ports, ServiceBusEventPublisher publisher)
{
    /// <summary>Publishes and keeps; the result counts elements (accepted, ignored by kind, rejected). An element with an event
    /// dated outside <paramref name="window"/> (against <paramref name="receivedAt"/>) is refused with field <c>time</c>.</summary>
    public async Task<InboundResult> TakeAsync(IReadOnlyList<InboundItem> items, string source, Instant receivedAt, EventTimeWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(window);
        items = [.. items.Select(item => Plausible(item, receivedAt, window))];
        foreach (var item in items.Where(i => i.IsRejected))
        {
            // A client retry of the same refused call is recognised by its id and kept once (as the embedded host does). Stored
            // first, marked after: a failure in between keeps it twice, never loses it.
            var retryKey = item.Id is { } id ? $"rejected:{source}:{item.Field}:{id}" : null;
            if (retryKey is not null && await ports.Inbox.IsProcessedAsync(retryKey, cancellationToken))
            {
                continue;
            }

            await ports.Inbox.RejectAsync(new RejectedEvent(source, receivedAt, item.Raw, item.Field, item.Reason!, item.Id), cancellationToken);
            if (retryKey is not null)
            {
                await ports.Inbox.TryMarkProcessedAsync(retryKey, cancellationToken);
            }
        }

        await publisher.PublishAllAsync(items.SelectMany(i => i.Events), cancellationToken);
        return InboundResult.Count(items, item => item.Events.Count);
    }

    private static InboundItem Plausible(InboundItem item, Instant receivedAt, EventTimeWindow window) =>
        item.Events.Select(e => window.Check(e.Time, receivedAt, "the time it was received,")).FirstOrDefault(r => r is not null) is { } implausible
            ? InboundItem.Rejected(item.Position, item.Raw, item.Id, "time", implausible)
            : item;
}

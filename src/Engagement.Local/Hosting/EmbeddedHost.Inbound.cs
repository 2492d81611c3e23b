using Engagement.Engine.Events;
using Engagement.Engine.Integrations;
using Engagement.Local.Storage;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Local.Hosting;

/// <summary>Input from integrators' formats (CloudEvents, Segment), translated by the caller and committed in one transaction.</summary>
public sealed partial class EmbeddedHost
{
    /// <inheritdoc/>
    public async ValueTask<InboundResult> IngestInboundAsync(Func<Instant, IReadOnlyList<InboundItem>> read, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var receivedAt = Ticks.Truncate(_clock.GetCurrentInstant());
        var items = read(receivedAt);
        cancellationToken.ThrowIfCancellationRequested();
        var added = new Dictionary<InboundItem, int>(ReferenceEqualityComparer.Instance);
        await WriteInputAsync(s =>
        {
            var now = Ticks.Of(_clock.GetCurrentInstant());
            foreach (var item in items)
            {
                if (item.IsRejected)
                {
                    // A client retry of the same refused call is recognised by its id and kept once.
                    if (item.Id is null || s.Long("SELECT count(*) FROM rejected WHERE source = $s AND event_id = $id AND coalesce(field, '') = $f",
                            ("$s", source), ("$id", item.Id), ("$f", item.Field ?? "")) == 0)
                    {
                        SqliteEventInbox.Reject(s, new RejectedEvent(source, receivedAt, item.Raw, item.Field, item.Reason!, item.Id), item.Position, item.CustomerId);
                    }
                }
                else
                {
                    added[item] = item.Events.Sum(e => Insert(s, e, source, item.Position, now));
                }
            }

            return (0, 0);
        }, cancellationToken).ConfigureAwait(false);

        var events = items.SelectMany(i => i.Events).ToList();
        if (events.Count > 0)
        {
            _processor.RaiseWatermark(Ticks.Of(events.Max(e => e.Time)));
        }

        _processorWake.Set();
        var result = InboundResult.Count(items, item => added.GetValueOrDefault(item));
        _logger.LogInformation("Ingested from {Source}: {Accepted} accepted, {Duplicates} duplicates, {Ignored} ignored, {Rejected} rejected",
            source, result.Accepted, result.Duplicates, result.IgnoredTotal, result.Rejected.Count);
        return result;
    }
}

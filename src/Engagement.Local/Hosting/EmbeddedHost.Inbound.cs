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
        var items = Plausible(read(receivedAt), receivedAt);
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

    /// <summary>
    /// The event-time window of event lines applies to integrators' input too (docs/integrations.md): an element with an event
    /// dated outside it (year 1, year 9999, more than a day ahead) is refused with field <c>time</c>, and kept. Virtual time
    /// judges against the latest accepted event time, as <see cref="IngestAsync(IReadOnlyList{string}, string, int, CancellationToken)"/> does.
    /// </summary>
    private List<InboundItem> Plausible(IReadOnlyList<InboundItem> items, Instant receivedAt)
    {
        var virtualClock = _options.Clock == ClockMode.Virtual;
        var latest = virtualClock && _processor.Watermark is { } mark ? Ticks.At(mark) : (Instant?)null;
        var window = _options.EventWindow ?? (virtualClock ? EventTimeWindow.DefaultStreamed : EventTimeWindow.Default);
        var checkedItems = new List<InboundItem>(items.Count);
        foreach (var item in items)
        {
            var implausible = item.Events
                .Select(e => virtualClock ? window.Check(e.Time, latest, "the latest accepted event time") : window.Check(e.Time, receivedAt, "the time it was received,"))
                .FirstOrDefault(r => r is not null);
            if (implausible is not null)
            {
                checkedItems.Add(InboundItem.Rejected(item.Position, item.Raw, item.Id, "time", implausible) with { CustomerId = item.Events[0].CustomerId });
                continue;
            }

            checkedItems.Add(item);
            if (virtualClock && item.Events.Count > 0)
            {
                var max = item.Events.Max(e => e.Time);
                latest = latest is { } l && l > max ? l : max;
            }
        }

        return checkedItems;
    }
}

using System.Globalization;
using Engagement.Engine.Catalog;
using Engagement.Engine.Delivery;
using Engagement.Engine.Events;
using Engagement.Engine.InMemory;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Templates;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Channels;
using NodaTime;

namespace Engagement.Engine.Simulation;

/// <summary>
/// One simulation over one set of customers: its in-memory stores, agenda, engine and timeline feed, the rejected lines it
/// records first, and the loop that takes input events and due work in virtual-time order. <see cref="Simulator"/> runs one
/// for all customers, or one per partition (<see cref="Partitions.PartitionedSimulation"/>). Not thread-safe: one thread
/// drives a run, and runs share nothing.
/// </summary>
internal sealed class SimulationRun
{
    private readonly InMemoryStores _stores;
    private readonly VirtualTimeQueue _queue = new();
    private readonly List<OutboundMessage>? _messages;
    private readonly OutboxChannel[] _channels;
    private readonly IDelivery _delivery;
    private readonly EngagementEngine _engine;
    private readonly bool _streamed;

    /// <summary>Wires a run: entries go to <paramref name="timeline"/> (null: kept for <see cref="Result"/>).</summary>
    public SimulationRun(JourneyCatalog catalog, Func<EnginePorts, InMemoryStores, IDelivery>? delivery, bool render, ITimelineSink? timeline)
    {
        Feed = new TimelineFeed(timeline);
        _streamed = timeline is not null;
        _stores = new InMemoryStores(Feed, compactExited: true);
        _messages = render ? [] : null;
        _channels = ChannelRegistry.Shared.Names.Select(name => new OutboxChannel(name, _messages)).ToArray();
        ITemplateRenderer renderer = render ? catalog.Templates : new LocaleOnlyRenderer(catalog.Templates);
        var ports = new EnginePorts(_stores, _stores, _stores, _stores, _stores, _queue, _stores, _queue, _channels, _stores);
        _delivery = delivery?.Invoke(ports, _stores)
            ?? new DeliveryPipeline(catalog.Policy, _stores, renderer, _channels, _stores, _stores, _queue, links: null);
        _engine = new EngagementEngine(catalog, ports, _delivery);
    }

    /// <summary>Where the run's entries are counted and passed on.</summary>
    public TimelineFeed Feed { get; }

    /// <summary>Stimuli handled so far.</summary>
    public long Processed { get; private set; }

    /// <summary>Work still queued (not counting input events).</summary>
    public int Queued => _queue.Count;

    /// <summary>Stores a customer's profile before the run.</summary>
    public ValueTask AddProfileAsync(CustomerProfile profile, CancellationToken cancellationToken) => _stores.SaveAsync(profile, cancellationToken);

    /// <summary>Marks an event id as processed before the run (a partition's share of an id an earlier event elsewhere used).</summary>
    public async Task MarkProcessedAsync(string eventId, CancellationToken cancellationToken) =>
        await _stores.TryMarkProcessedAsync(eventId, cancellationToken).ConfigureAwait(false);

    /// <summary>Records rejected input lines (profiles first, then events, each in line order) at <paramref name="start"/>.</summary>
    public async Task RecordRejectionsAsync(IEnumerable<InputRejection> rejections, Instant start, CancellationToken cancellationToken)
    {
        foreach (var (line, source, raw, field, reason) in rejections)
        {
            await _stores.RejectAsync(new RejectedEvent($"{source}:{line}", start, raw, field, reason), cancellationToken).ConfigureAwait(false);
            await _stores.RecordAsync(new TimelineEntry
            {
                At = start, Kind = TimelineKind.Rejected, Reason = field is null ? reason : $"{field}: {reason}",
                Detail = $"{source} line {line.ToString(CultureInfo.InvariantCulture)}",
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Handles input events and due work in time order until nothing is pending or <paramref name="until"/>;
    /// <paramref name="progress"/> hears (processed, pending, virtual time) every 10,000 stimuli and at the end.</summary>
    public async Task RunAsync(EventInput events, Instant until, Instant start, Action<SimulationProgress>? progress, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Stale wake-ups (rescheduled or ended enrollments) go first: the next live item decides whether the run is past
            // `until` (a stale one at or before it followed by a live one after it once ran that one too).
            _queue.DropStale();
            if (Earliest(events.PeekTime, _queue.PeekTime) is not { } next || next > until)
            {
                break;
            }

            // Input events come before anything else due at the same instant (they were all queued first, before the run).
            if (events.PeekTime is { } input && (_queue.PeekTime is not { } due || input <= due))
            {
                var e = events.Take();
                await _engine.HandleEventAsync(e, e.Time, cancellationToken).ConfigureAwait(false);
            }
            else if (!_queue.TryTake(out var at, out var customerEvent, out var enrollmentId, out var deferred))
            {
                break;
            }
            else if (customerEvent is not null)
            {
                await _engine.HandleEventAsync(customerEvent, at, cancellationToken).ConfigureAwait(false);
            }
            else if (deferred is not null)
            {
                await _delivery.DeliverDeferredAsync(deferred, at, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _engine.HandleWakeUpAsync(enrollmentId!, at, at, cancellationToken).ConfigureAwait(false);
            }

            if (++Processed % 10_000 == 0)
            {
                progress?.Invoke(new SimulationProgress(Processed, _queue.Count + events.Remaining, next));
            }
        }

        progress?.Invoke(new SimulationProgress(Processed, _queue.Count + events.Remaining, Earliest(events.PeekTime, _queue.PeekTime) ?? start));
    }

    /// <summary>What the run produced.</summary>
    public SimulationResult Result() =>
        new(Feed.Ordered(), Messages, MessageCount, Tasks, Feed.Summary.Build(), Processed)
        {
            TimelineCount = Feed.Summary.Entries,
            TimelineInOrder = !_streamed || Feed.InOrder,
        };

    /// <summary>The messages kept (rendered runs only), in sending order.</summary>
    public IReadOnlyList<OutboundMessage> Messages => _messages ?? [];

    /// <summary>Messages sent.</summary>
    public int MessageCount => _channels.Sum(c => c.Count);

    /// <summary>Tasks in creation order.</summary>
    public IReadOnlyList<Tasks.HumanTask> Tasks => _stores.Tasks;

    private static Instant? Earliest(Instant? a, Instant? b) => a is { } x && (b is not { } y || x <= y) ? x : b;
}

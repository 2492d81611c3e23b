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
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Simulation;

/// <summary>
/// Runs journeys in virtual time with in-memory ports: input events in time order (ties in input order, so out-of-order
/// files are fine), then every wake-up and emitted event as it comes due, until nothing is pending or <c>Until</c>. The
/// same inputs always give the same timeline, byte for byte. Without <c>Until</c> the run stops when nothing is pending or
/// <see cref="SimulationOptions.DefaultHorizon"/> after the last input event, whichever comes first (perpetual journeys never finish). Bad input lines become <c>rejected</c> entries and the run goes on.
/// </summary>
public sealed class Simulator
{
    private readonly JourneyCatalog _catalog;
    private readonly Func<EnginePorts, InMemoryStores, IDelivery>? _delivery;

    /// <summary>Creates a simulator; the delivery guards follow the catalog's policy unless <paramref name="delivery"/> replaces them.</summary>
    public Simulator(JourneyCatalog catalog, Func<EnginePorts, InMemoryStores, IDelivery>? delivery = null)
    {
        _catalog = catalog;
        _delivery = delivery;
    }

    /// <summary>Runs the simulation. Line sources are (origin, text) so rejections can say where they came from; the event lines are
    /// enumerated twice when they are in time order (see <see cref="EventInput"/>): first on the calling thread, then on a
    /// thread of its own that reads ahead of the run.</summary>
    public async Task<SimulationResult> RunAsync(IEnumerable<string> profileLines, IEnumerable<string> eventLines, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var feed = new TimelineFeed(options.Timeline);
        var stores = new InMemoryStores(feed, compactExited: true);
        var queue = new VirtualTimeQueue();
        var messages = options.Render ? new List<OutboundMessage>() : null;
        var channels = ChannelRegistry.Shared.Names.Select(name => new OutboxChannel(name, messages)).ToArray();
        ITemplateRenderer renderer = options.Render ? _catalog.Templates : new LocaleOnlyRenderer(_catalog.Templates);
        var ports = new EnginePorts(stores, stores, stores, stores, stores, queue, stores, queue, channels, stores);
        var delivery = _delivery?.Invoke(ports, stores)
            ?? new DeliveryPipeline(_catalog.Policy, stores, renderer, channels, stores, stores, queue, links: null);
        var engine = new EngagementEngine(_catalog, ports, delivery);

        var rejections = new List<(int Line, string Source, string Raw, string? Field, string Reason)>();
        var lineNo = 0;
        foreach (var line in profileLines)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (ProfileParser.TryParse(line, out var profile, out var field, out var error))
            {
                await stores.SaveAsync(profile!, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                rejections.Add((lineNo, "profiles", line, field, error!));
            }
        }

        using var events = EventInput.Read(eventLines, options.Window ?? EventTimeWindow.DefaultStreamed);
        rejections.AddRange(events.Rejected.Select(r => (r.Line, "events", r.Raw, r.Field, r.Reason)));
        var start = events.First ?? Instant.FromUnixTimeSeconds(0);
        foreach (var (line, source, raw, field, reason) in rejections)
        {
            await stores.RejectAsync(new RejectedEvent($"{source}:{line}", start, raw, field, reason), cancellationToken).ConfigureAwait(false);
            await stores.RecordAsync(new TimelineEntry
            {
                At = start, Kind = TimelineKind.Rejected, Reason = field is null ? reason : $"{field}: {reason}",
                Detail = $"{source} line {line.ToString(CultureInfo.InvariantCulture)}",
            }, cancellationToken).ConfigureAwait(false);
        }

        // Annual and quarterly journeys never finish, so "until nothing is pending" is bounded by a horizon.
        var until = options.Until ?? SimulationOptions.HorizonAfter(events.Last ?? start);
        long processed = 0;
        while (Earliest(events.PeekTime, queue.PeekTime) is { } next && next <= until)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Input events come before anything else due at the same instant (they were all queued first, before the run).
            queue.DropStale();
            if (events.PeekTime is { } input && (queue.PeekTime is not { } due || input <= due))
            {
                var e = events.Take();
                await engine.HandleEventAsync(e, e.Time, cancellationToken).ConfigureAwait(false);
            }
            else if (!queue.TryTake(out var at, out var customerEvent, out var enrollmentId, out var deferred))
            {
                break;
            }
            else if (customerEvent is not null)
            {
                await engine.HandleEventAsync(customerEvent, at, cancellationToken).ConfigureAwait(false);
            }
            else if (deferred is not null)
            {
                await delivery.DeliverDeferredAsync(deferred, at, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await engine.HandleWakeUpAsync(enrollmentId!, at, at, cancellationToken).ConfigureAwait(false);
            }

            if (++processed % 10_000 == 0)
            {
                options.Progress?.Report(new SimulationProgress(processed, queue.Count + events.Remaining, next));
            }
        }

        options.Progress?.Report(new SimulationProgress(processed, queue.Count + events.Remaining, Earliest(events.PeekTime, queue.PeekTime) ?? start));
        var timeline = feed.Ordered();
        return new SimulationResult(timeline, messages ?? [], channels.Sum(c => c.Count), stores.Tasks, feed.Summary.Build(), processed)
        {
            TimelineCount = feed.Summary.Entries,
            TimelineInOrder = options.Timeline is null || feed.InOrder,
        };
    }

    private static Instant? Earliest(Instant? a, Instant? b) => a is { } x && (b is not { } y || x <= y) ? x : b;
}

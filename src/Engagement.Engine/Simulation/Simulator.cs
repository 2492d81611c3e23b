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

    /// <summary>Runs the simulation. Line sources are (origin, text) so rejections can say where they came from.</summary>
    public async Task<SimulationResult> RunAsync(IEnumerable<string> profileLines, IEnumerable<string> eventLines, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        var stores = new InMemoryStores();
        var queue = new VirtualTimeQueue();
        var messages = options.Render ? new List<OutboundMessage>() : null;
        var channels = ChannelRegistry.Shared.Names.Select(name => new OutboxChannel(name, messages)).ToArray();
        ITemplateRenderer renderer = options.Render ? _catalog.Templates : new LocaleOnlyRenderer(_catalog.Templates);
        var ports = new EnginePorts(stores, stores, stores, stores, stores, queue, stores, queue, channels, stores);
        var delivery = _delivery?.Invoke(ports, stores)
            ?? new DeliveryPipeline(_catalog.Policy, stores, renderer, channels, stores, stores, queue, links: null);
        var engine = new EngagementEngine(_catalog, ports, delivery);

        var rejections = new List<(int Line, string Source, string Raw, string? Field, string Reason, string? CustomerId)>();
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
                await stores.SaveAsync(profile!, cancellationToken);
            }
            else
            {
                rejections.Add((lineNo, "profiles", line, field, error!, null));
            }
        }

        var events = new List<(CustomerEvent Event, int Line)>();
        var window = options.Window ?? EventTimeWindow.DefaultStreamed;
        Instant? latest = null;
        lineNo = 0;
        foreach (var line in eventLines)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (EventParser.TryParse(line, out var e, out var field, out var error))
            {
                if (window.Check(e!.Time, latest, "the latest accepted event time") is { } implausible)
                {
                    rejections.Add((lineNo, "events", line, "time", implausible, null));
                    continue;
                }

                events.Add((e, lineNo));
                latest = latest is { } l && l > e.Time ? l : e.Time;
            }
            else
            {
                rejections.Add((lineNo, "events", line, field, error!, null));
            }
        }

        events.Sort((a, b) => a.Event.Time != b.Event.Time ? a.Event.Time.CompareTo(b.Event.Time) : a.Line.CompareTo(b.Line));
        var start = events.Count > 0 ? events[0].Event.Time : Instant.FromUnixTimeSeconds(0);
        foreach (var (line, source, raw, field, reason, _) in rejections)
        {
            await stores.RejectAsync(new RejectedEvent($"{source}:{line}", start, raw, field, reason), cancellationToken);
            await stores.RecordAsync(new TimelineEntry
            {
                At = start, Kind = TimelineKind.Rejected, Reason = field is null ? reason : $"{field}: {reason}",
                Detail = $"{source} line {line.ToString(CultureInfo.InvariantCulture)}",
            }, cancellationToken);
        }

        foreach (var (e, _) in events)
        {
            queue.Add(e, e.Time);
        }

        // Annual and quarterly journeys never finish, so "until nothing is pending" is bounded by a horizon.
        var until = options.Until ?? SimulationOptions.HorizonAfter(events.Count > 0 ? events[^1].Event.Time : start);
        long processed = 0;
        while (queue.PeekTime is { } next && next <= until)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!queue.TryTake(out var at, out var customerEvent, out var enrollmentId, out var deferred))
            {
                break;
            }

            if (customerEvent is not null)
            {
                await engine.HandleEventAsync(customerEvent, at, cancellationToken);
            }
            else if (deferred is not null)
            {
                await delivery.DeliverDeferredAsync(deferred, at, cancellationToken);
            }
            else
            {
                await engine.HandleWakeUpAsync(enrollmentId!, at, at, cancellationToken);
            }

            if (++processed % 10_000 == 0)
            {
                options.Progress?.Report(new SimulationProgress(processed, queue.Count, at));
            }
        }

        options.Progress?.Report(new SimulationProgress(processed, queue.Count, queue.PeekTime ?? start));
        var timeline = stores.Timeline.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e).ToList();
        return new SimulationResult(timeline, messages ?? [], channels.Sum(c => c.Count), stores.Tasks, SimulationSummary.From(timeline), processed);
    }
}

using Engagement.Engine.Catalog;
using Engagement.Engine.Delivery;
using Engagement.Engine.Events;
using Engagement.Engine.InMemory;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
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
        if (options.Partitions > 1)
        {
            var partitioned = await Partitions.PartitionedSimulation.TryRunAsync(_catalog, _delivery, profileLines, eventLines, options, cancellationToken).ConfigureAwait(false);
            if (partitioned is not null)
            {
                return partitioned;
            }
        }

        var run = new SimulationRun(_catalog, _delivery, options.Render, options.Timeline);
        var rejections = new List<InputRejection>();
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
                await run.AddProfileAsync(profile!, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                rejections.Add(new InputRejection(lineNo, "profiles", line, field, error!));
            }
        }

        using var events = EventInput.Read(eventLines, options.Window ?? EventTimeWindow.DefaultStreamed);
        rejections.AddRange(events.Rejected.Select(r => new InputRejection(r.Line, "events", r.Raw, r.Field, r.Reason)));
        var start = events.First ?? Instant.FromUnixTimeSeconds(0);
        await run.RecordRejectionsAsync(rejections, start, cancellationToken).ConfigureAwait(false);

        // Annual and quarterly journeys never finish, so "until nothing is pending" is bounded by a horizon.
        var until = options.Until ?? SimulationOptions.HorizonAfter(events.Last ?? start);
        await run.RunAsync(events, until, start, options.Progress is { } progress ? progress.Report : null, cancellationToken).ConfigureAwait(false);
        return run.Result();
    }
}

using Engagement.Cli.Samples;
using Engagement.Engine.Catalog;
using Engagement.Engine.Events;
using Engagement.Engine.Simulation;
using Engagement.Journeys.Runtime;
using Engagement.Local.Hosting;
using NodaTime;
using NodaTime.Testing;
using static Engagement.Local.Tests.Hosting.HostHarness;

namespace Engagement.Local.Tests.Hosting;

/// <summary>The embedded host and the simulator run the same journeys on the same input and must send the same messages.</summary>
public sealed class EquivalenceTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task VirtualClock_GeneratedSamples_GiveTheSimulatorsMessagesAndTasks()
    {
        var (catalog, profiles, events) = Samples(customers: 40);
        var simulated = await new Simulator(catalog).RunAsync(profiles, events, new SimulationOptions());

        await using var host = await StartAsync(_files, catalog, Clock(), ClockMode.Virtual);
        await host.IngestProfilesAsync(profiles, "profiles", CancellationToken.None);
        foreach (var chunk in events.Chunk(100))
        {
            await host.IngestAsync(chunk, "events", CancellationToken.None);
        }

        host.CompleteInput(host.LatestInputTime!.Value + SimulationOptions.DefaultHorizon);
        await IdleAsync(host);

        var figures = await host.GetFiguresAsync(CancellationToken.None);
        Assert.True(simulated.MessageCount > 200, $"a meaningful sample: {simulated.MessageCount} messages");
        Assert.Equal(simulated.MessageCount, figures.OutboxRows);
        Assert.Equal(figures.OutboxRows, figures.OutboxDistinctLedgerKeys);
        Assert.Equal(simulated.Tasks.Count, (await host.ListTasksAsync(new TaskQuery(Limit: 1000), CancellationToken.None)).Count);
        Assert.Equal(simulated.Summary.Journeys.Sum(j => j.Sent), (await host.GetJourneysAsync(CancellationToken.None)).Sum(j => j.Steps.Sum(s => s.Counts.GetValueOrDefault("sent"))));
    }

    [Fact]
    public async Task VirtualClock_StoppedCrashedAndRefedMidStream_StillGivesTheSimulatorsMessages()
    {
        var (catalog, profiles, events) = Samples(customers: 30);
        var simulated = await new Simulator(catalog).RunAsync(profiles, events, new SimulationOptions());
        var half = events.Length / 2;

        await using (var first = await StartAsync(_files, catalog, Clock(), ClockMode.Virtual))
        {
            await first.IngestProfilesAsync(profiles, "profiles", CancellationToken.None);
            await first.IngestAsync(events[..half], "events", CancellationToken.None);
            await IdleAsync(first);
        }

        // The next 50 lines are accepted by a host whose processor has not started (a running one may process them before a
        // stop reaches it, since input is committed with its groups), so the crash below always lands on pending work.
        await using (var crashed = Open(_files, catalog, Clock(), ClockMode.Virtual))
        {
            await crashed.IngestAsync(events[half..(half + 50)], "events", 1 + half, CancellationToken.None);
            Assert.True(await crashed.RunUncommittedGroupAsync(40) > 0);
        }

        await using var last = await StartAsync(_files, catalog, Clock(), ClockMode.Virtual);
        await last.IngestProfilesAsync(profiles, "profiles", CancellationToken.None);
        var again = await last.IngestAsync(events, "events", CancellationToken.None);
        last.CompleteInput(last.LatestInputTime!.Value + SimulationOptions.DefaultHorizon);
        await IdleAsync(last);

        var figures = await last.GetFiguresAsync(CancellationToken.None);
        Assert.Equal(simulated.MessageCount, figures.OutboxRows);
        Assert.Equal(figures.OutboxRows, figures.OutboxDistinctLedgerKeys);
        Assert.Equal(events.Length, again.Accepted + again.Duplicates + again.Rejected.Count);
        Assert.InRange(again.Duplicates, half + 48, half + 51);
    }

    [Fact]
    public async Task RealClock_FakeClockSteppedThroughVirtualTime_GivesTheSimulatorsMessages()
    {
        var (catalog, profiles, events) = Samples(customers: 5);
        var parsed = events.Select(l => EventParser.TryParse(l, out var e, out _, out _) ? e : null).OfType<CustomerEvent>().ToList();
        var until = parsed.Max(e => e.Time) + Duration.FromDays(40);
        var simulated = await new Simulator(catalog).RunAsync(profiles, events, new SimulationOptions(until));

        var clock = new FakeClock(parsed[0].Time);
        await using var host = await StartAsync(_files, catalog, clock);
        await host.IngestProfilesAsync(profiles, "profiles", CancellationToken.None);
        await IdleAsync(host);
        var next = 0;
        while (true)
        {
            var timer = (await host.GetStatusAsync(CancellationToken.None)).NextTimerAt;
            Instant? @event = next < parsed.Count ? parsed[next].Time : null;
            var at = timer is null ? @event : @event is null ? timer : Instant.Min(timer.Value, @event.Value);
            if (at is null || at > until)
            {
                break;
            }

            clock.Reset(at.Value);
            var batch = new List<string>();
            while (next < parsed.Count && parsed[next].Time == at)
            {
                batch.Add(EventLine(parsed[next++]));
            }

            if (batch.Count > 0)
            {
                await host.IngestAsync(batch, "events", CancellationToken.None);
            }

            await IdleAsync(host);
        }

        Assert.True(simulated.MessageCount > 20, $"a meaningful sample: {simulated.MessageCount} messages");
        Assert.Equal(simulated.MessageCount, (await host.GetFiguresAsync(CancellationToken.None)).OutboxRows);
    }

    private (JourneyCatalog Catalog, string[] Profiles, string[] Events) Samples(int customers)
    {
        var profiles = new StringWriter();
        var events = new StringWriter();
        new SampleDataGenerator(SampleDataOptions.Default with { Customers = customers }).Write(profiles, events);
        var catalog = JourneyCatalog.Load(Path.Combine(TestFiles.Repository, "journeys"), out var diagnostics);
        Assert.Empty(diagnostics);
        return (catalog, Lines(profiles), Lines(events));
    }

    private static string[] Lines(StringWriter writer) => writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string EventLine(CustomerEvent e) => Newtonsoft.Json.JsonConvert.SerializeObject(new
    {
        id = e.Id, type = e.Type, customerId = e.CustomerId, time = InstantText.Format(e.Time),
        data = Newtonsoft.Json.Linq.JToken.Parse(Engine.Serialization.EngineJson.Serialize(e.Data)),
    });
}

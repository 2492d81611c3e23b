using Engagement.Engine.Catalog;
using Engagement.Engine.Ports;
using Engagement.Engine.Simulation;
using Engagement.Engine.Timeline;

namespace Engagement.Engine.Tests.Simulation;

public sealed class SimulatorStreamingTests
{
    private static readonly string Profiles = Path.Combine(RepositoryFiles.Samples, "profiles.jsonl");
    private static readonly string Events = Path.Combine(RepositoryFiles.Samples, "events.jsonl");

    private static JourneyCatalog Catalog()
    {
        var catalog = JourneyCatalog.Load(RepositoryFiles.Journeys, out var diagnostics);
        Assert.Empty(diagnostics);
        return catalog;
    }

    [Fact]
    public async Task Simulate_StreamedTimeline_IsTheKeptTimelineInTheSameOrderWithTheSameSummary()
    {
        var kept = await new Simulator(Catalog()).RunAsync(File.ReadLines(Profiles), File.ReadLines(Events), new SimulationOptions());
        var sink = new ListSink();
        var streamed = await new Simulator(Catalog()).RunAsync(File.ReadLines(Profiles), File.ReadLines(Events), new SimulationOptions(Timeline: sink));

        Assert.Empty(streamed.Timeline);
        Assert.True(streamed.TimelineInOrder);
        Assert.Equal(kept.Timeline.Count, streamed.TimelineCount);
        Assert.Equal(kept.Timeline.Select(TimelineJson.Line), sink.Entries.Select(TimelineJson.Line));
        Assert.Equal(kept.Summary.ToText(), streamed.Summary.ToText());
        Assert.Equal(SimulationSummary.From(kept.Timeline).ToText(), streamed.Summary.ToText());
    }

    [Fact]
    public async Task Simulate_EventsOutOfOrder_GivesTheTimelineOfTheSortedFile()
    {
        var lines = File.ReadLines(Events).ToList();
        var half = lines.Count / 2;
        while (Time(lines[half]) == Time(lines[half - 1]))
        {
            half++; // split between two different instants, so no tie changes its input order
        }

        var shuffled = lines.Skip(half).Concat(lines.Take(half)).ToList();

        var sorted = await new Simulator(Catalog()).RunAsync(File.ReadLines(Profiles), lines, new SimulationOptions());
        var unsorted = await new Simulator(Catalog()).RunAsync(File.ReadLines(Profiles), shuffled, new SimulationOptions());

        // Only the rejected line's number differs (the broken line moved); everything the journeys did is the same.
        static IEnumerable<string> Journeys(SimulationResult r) => r.Timeline.Where(e => e.Kind != TimelineKind.Rejected).Select(TimelineJson.Line);
        Assert.Equal(Journeys(sorted), Journeys(unsorted));
        Assert.Single(unsorted.Timeline, e => e.Kind == TimelineKind.Rejected);
    }

    [Fact]
    public void SummaryCounter_EntriesInAnyOrder_OrdersStepsByTheirFirstInstant()
    {
        var at = NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0);
        var counter = new SummaryCounter();
        counter.Add(new TimelineEntry { At = at.Plus(NodaTime.Duration.FromHours(2)), Kind = TimelineKind.Sent, Journey = "j", Step = "late", CustomerId = "c" });
        counter.Add(new TimelineEntry { At = at, Kind = TimelineKind.Entered, Journey = "j", Version = 1, Step = "early", CustomerId = "c" });
        counter.Add(new TimelineEntry { At = at, Kind = TimelineKind.Entered, Journey = "j", Version = 1, Step = "early", CustomerId = "c", Holdout = true });

        var journey = Assert.Single(counter.Build().Journeys);
        Assert.Equal(["early", "late"], journey.Steps.Select(s => s.Step));
        Assert.Equal((1, 1, 1), (journey.EnteredTreated, journey.EnteredHoldout, journey.Sent));
        Assert.Equal(1, Assert.Single(journey.Versions).Customers);
    }

    private static NodaTime.Instant? Time(string line) => Engagement.Engine.Events.EventParser.TryParse(line, out var e, out _, out _) ? e!.Time : null;

    private sealed class ListSink : ITimelineSink
    {
        public List<TimelineEntry> Entries { get; } = [];

        public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
        {
            Entries.Add(entry);
            return ValueTask.CompletedTask;
        }
    }
}

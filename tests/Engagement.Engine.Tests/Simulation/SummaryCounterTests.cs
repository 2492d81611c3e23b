using Engagement.Engine.Catalog;
using Engagement.Engine.Simulation;
using Engagement.Engine.Simulation.Partitions;
using Engagement.Engine.Timeline;
using NodaTime;

namespace Engagement.Engine.Tests.Simulation;

public sealed class SummaryCounterTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 8, 0);

    [Fact]
    public void Add_TwoCountersOverDisjointCustomers_BuildsWhatOneCounterOfEveryEntryBuilds()
    {
        TimelineEntry[] first =
        [
            new() { At = At.Plus(Duration.FromHours(3)), Kind = TimelineKind.Entered, Journey = "j", Version = 1, Step = "s2", CustomerId = "a" },
            new() { At = At.Plus(Duration.FromHours(3)), Kind = TimelineKind.Entered, Journey = "j", Version = 1, Step = "s2", CustomerId = "a" }, // re-entry: one customer
            new() { At = At.Plus(Duration.FromHours(4)), Kind = TimelineKind.Entered, Journey = "j", Version = 2, Step = "s2", CustomerId = "b", Holdout = true },
            new() { At = At.Plus(Duration.FromHours(5)), Kind = TimelineKind.Sent, Journey = "j", Step = "s1", CustomerId = "a", Channel = "sms" },
            new() { At = At.Plus(Duration.FromHours(5)), Kind = TimelineKind.Sent, Journey = "j", Step = "s1", CustomerId = "b", Holdout = true },
            new() { At = At.Plus(Duration.FromHours(6)), Kind = TimelineKind.Suppressed, Journey = "k", Step = "s1", CustomerId = "a", Reason = "cap" },
            new() { At = At.Plus(Duration.FromHours(7)), Kind = TimelineKind.Goal, Journey = "j", CustomerId = "a" },
            new() { At = At, Kind = TimelineKind.Rejected, Reason = "malformed JSON", Detail = "events line 3" },
        ];
        TimelineEntry[] second =
        [
            new() { At = At.Plus(Duration.FromHours(1)), Kind = TimelineKind.Entered, Journey = "j", Version = 1, Step = "s1", CustomerId = "c" }, // s1 first here
            new() { At = At.Plus(Duration.FromHours(2)), Kind = TimelineKind.Entered, Journey = "j", Version = 3, Step = "s3", CustomerId = "d" },
            new() { At = At.Plus(Duration.FromHours(2)), Kind = TimelineKind.Suppressed, Journey = "j", Step = "s1", CustomerId = "c", Reason = "cap" },
            new() { At = At.Plus(Duration.FromHours(2)), Kind = TimelineKind.Suppressed, Journey = "j", Step = "s1", CustomerId = "d", Reason = "quiet-hours" },
            new() { At = At.Plus(Duration.FromHours(8)), Kind = TimelineKind.Goal, Journey = "j", CustomerId = "d", Holdout = true },
            new() { At = At.Plus(Duration.FromHours(9)), Kind = TimelineKind.Entered, Journey = "m", Version = 1, Step = "only", CustomerId = "c" },
            new() { At = At, Kind = TimelineKind.Rejected, Reason = "time: too early", Detail = "events line 9" },
        ];

        var added = Counter(first);
        added.Add(Counter(second));

        var all = Counter([.. first, .. second]);
        Assert.Equal(all.Entries, added.Entries);
        Assert.Equal(15, added.Entries);
        Assert.Equal(Describe(all.Build()), Describe(added.Build()));
        var j = added.Build().Journeys.Single(x => x.Journey == "j");
        Assert.Equal([new VersionCount(1, 2), new VersionCount(2, 1), new VersionCount(3, 1)], j.Versions);
        Assert.Equal(["s1", "s3", "s2"], j.Steps.Select(s => s.Step)); // by the earliest instant over both counters
        Assert.Equal((4, 1, 1, 1, 1, 2), (j.EnteredTreated, j.EnteredHoldout, j.GoalTreated, j.GoalHoldout, j.Sent, j.Suppressed));
        Assert.Equal(2, added.Build().Rejected);
    }

    [Fact]
    public void Add_CounterThatAddedOthers_CountsTheirCustomersPerVersionToo()
    {
        TimelineEntry Entered(string customer, int version, int hours) =>
            new() { At = At.Plus(Duration.FromHours(hours)), Kind = TimelineKind.Entered, Journey = "j", Version = version, Step = $"s{hours}", CustomerId = customer };
        TimelineEntry[] a = [Entered("a", 1, 5), Entered("a", 1, 6), Entered("b", 2, 7)];
        TimelineEntry[] b = [Entered("c", 1, 4), Entered("d", 3, 8)];
        TimelineEntry[] c = [Entered("e", 2, 3), Entered("e", 2, 9), Entered("f", 1, 2)];

        var inner = Counter(b);
        inner.Add(Counter(c));
        var outer = Counter(a);
        outer.Add(inner);
        var fromEmpty = new SummaryCounter();
        fromEmpty.Add(inner);
        fromEmpty.Add(Counter(a));

        var all = Counter([.. a, .. b, .. c]);
        Assert.Equal([new VersionCount(1, 3), new VersionCount(2, 2), new VersionCount(3, 1)], Assert.Single(all.Build().Journeys).Versions);
        Assert.Equal(Describe(all.Build()), Describe(outer.Build()));
        Assert.Equal(Describe(all.Build()), Describe(fromEmpty.Build()));
        Assert.Equal((8, 8), (outer.Entries, fromEmpty.Entries));
    }

    [Fact]
    public void Add_LeavesTheOtherCounterUnchanged()
    {
        var other = Counter(
        [
            new() { At = At, Kind = TimelineKind.Entered, Journey = "j", Version = 1, Step = "s", CustomerId = "a" },
            new() { At = At, Kind = TimelineKind.Rejected },
        ]);
        var before = Describe(other.Build());
        var mine = Counter([new() { At = At.PlusTicks(-1), Kind = TimelineKind.Entered, Journey = "j", Version = 1, Step = "s", CustomerId = "b" }]);

        mine.Add(other);
        mine.Add(new TimelineEntry { At = At, Kind = TimelineKind.Entered, Journey = "j", Version = 1, Step = "t", CustomerId = "c" });

        Assert.Equal(before, Describe(other.Build()));
        Assert.Equal(2, other.Entries);
        Assert.Equal(4, mine.Entries);
        Assert.Equal(3, Assert.Single(Assert.Single(mine.Build().Journeys).Versions).Customers);
    }

    [Fact]
    public void Add_EmptyCounter_ChangesNothing()
    {
        var counter = Counter([new() { At = At, Kind = TimelineKind.Sent, Journey = "j", Step = "s", CustomerId = "a" }]);
        var before = Describe(counter.Build());

        counter.Add(new SummaryCounter());

        Assert.Equal(before, Describe(counter.Build()));
        Assert.Equal(1, counter.Entries);
    }

    [Fact]
    public void Add_Null_Throws() => Assert.Throws<ArgumentNullException>("other", () => new SummaryCounter().Add((SummaryCounter)null!));

    [Fact]
    public async Task Add_SamplesCountedPerPartition_BuildsTheSummaryOfTheWholeTimeline()
    {
        var catalog = JourneyCatalog.Load(RepositoryFiles.Journeys, out var diagnostics);
        Assert.Empty(diagnostics);
        var result = await new Simulator(catalog).RunAsync(
            File.ReadLines(Path.Combine(RepositoryFiles.Samples, "profiles.jsonl")),
            File.ReadLines(Path.Combine(RepositoryFiles.Samples, "events.jsonl")),
            new SimulationOptions());
        var parts = Enumerable.Range(0, 5).Select(_ => new SummaryCounter()).ToArray();
        foreach (var e in result.Timeline)
        {
            parts[e.CustomerId is null ? 0 : CustomerPartition.Of(e.CustomerId, parts.Length)].Add(e);
        }

        var nested = new SummaryCounter();
        nested.Add(parts[3]);
        nested.Add(parts[4]);
        var total = new SummaryCounter();
        total.Add(parts[0]);
        total.Add(parts[1]);
        total.Add(parts[2]);
        total.Add(nested);

        Assert.Equal(result.Timeline.Count, total.Entries);
        Assert.Equal(Describe(result.Summary), Describe(total.Build()));
        Assert.Contains(result.Summary.Journeys, j => j.Versions.Any(v => v.Customers > 1));
    }

    private static SummaryCounter Counter(IEnumerable<TimelineEntry> entries)
    {
        var counter = new SummaryCounter();
        foreach (var e in entries)
        {
            counter.Add(e);
        }

        return counter;
    }

    /// <summary>The summary's text, plus what it leaves out: the customers per version and the steps' order as given.</summary>
    private static string Describe(SimulationSummary summary) =>
        summary.ToText() + string.Concat(summary.Journeys.Select(j =>
            $"{j.Journey} versions: {string.Join(", ", j.Versions.Select(v => $"v{v.Version} {v.Customers}"))}; steps: {string.Join(", ", j.Steps.Select(s => s.Step))}\n"));
}

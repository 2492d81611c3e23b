using Engagement.Engine.Catalog;
using Engagement.Engine.Ports;
using Engagement.Engine.Simulation;
using Engagement.Engine.Simulation.Partitions;
using Engagement.Engine.Timeline;
using NodaTime;

namespace Engagement.Engine.Tests.Simulation.Partitions;

public sealed class PartitionedSimulationTests
{
    private static readonly string Profiles = Path.Combine(RepositoryFiles.Samples, "profiles.jsonl");
    private static readonly string Events = Path.Combine(RepositoryFiles.Samples, "events.jsonl");
    private static readonly Lazy<JourneyCatalog> LoadedCatalog = new(() =>
    {
        var catalog = JourneyCatalog.Load(RepositoryFiles.Journeys, out var diagnostics);
        Assert.Empty(diagnostics);
        return catalog;
    });

    private static JourneyCatalog Catalog => LoadedCatalog.Value;

    [Theory]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    [InlineData(7, 1)]
    [InlineData(7, 2)]
    public async Task Run_SeveralPartitions_GivesTheSameEntriesSummaryAndCountsAsOneRun(int partitions, int parallelism)
    {
        var one = await RunAsync(File.ReadLines(Profiles), File.ReadLines(Events), new SimulationOptions());
        var split = await RunAsync(File.ReadLines(Profiles), File.ReadLines(Events), new SimulationOptions(Partitions: partitions) { Parallelism = parallelism });

        Assert.Equal(1, one.Partitions);
        Assert.Equal(partitions, split.Partitions);
        Assert.True(one.Timeline.Count > 10_000, "the samples give a real timeline");
        Assert.Equal(one.Timeline.Count, split.Timeline.Count);
        Assert.Equal(Sorted(one.Timeline), Sorted(split.Timeline));
        Assert.Equal(Describe(one.Summary), Describe(split.Summary));
        Assert.Equal(one.TimelineCount, split.TimelineCount);
        Assert.Equal(one.MessageCount, split.MessageCount);
        Assert.Equal(one.Processed, split.Processed);
        Assert.True(one.Tasks.Count > 0, "the samples create tasks");
        Assert.Equal(one.Tasks.OrderBy(t => t.TaskKey, StringComparer.Ordinal), split.Tasks.OrderBy(t => t.TaskKey, StringComparer.Ordinal));
        Assert.True(split.Tasks.Zip(split.Tasks.Skip(1)).All(p => p.First.CreatedAt <= p.Second.CreatedAt), "tasks by creation time");
    }

    [Fact]
    public async Task Run_ThreePartitions_MergesInTimeOrderAndPartitionByPartitionAtEachInstant()
    {
        var result = await RunAsync(File.ReadLines(Profiles), File.ReadLines(Events), new SimulationOptions(Partitions: 3));
        static int PartitionOf(TimelineEntry e) => e.CustomerId is null ? -1 : CustomerPartition.Of(e.CustomerId, 3);

        var pairs = result.Timeline.Zip(result.Timeline.Skip(1)).ToList();
        Assert.All(pairs, p => Assert.True(p.First.At <= p.Second.At, $"{p.First.At} before {p.Second.At}"));
        var ties = pairs.Where(p => p.First.At == p.Second.At).ToList();
        Assert.All(ties, p => Assert.True(PartitionOf(p.First) <= PartitionOf(p.Second), $"at {p.First.At}: {p.First.CustomerId} (partition {PartitionOf(p.First)}) before {p.Second.CustomerId} (partition {PartitionOf(p.Second)})"));
        Assert.Contains(ties, p => PartitionOf(p.First) != PartitionOf(p.Second)); // the samples do have instants shared by partitions
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Run_ParallelismOneAndTwo_GiveTheSameTimelineInTheSameOrder(int partitions)
    {
        var serial = await RunAsync(File.ReadLines(Profiles), File.ReadLines(Events), new SimulationOptions(Partitions: partitions) { Parallelism = 1 });
        var parallel = await RunAsync(File.ReadLines(Profiles), File.ReadLines(Events), new SimulationOptions(Partitions: partitions) { Parallelism = 2 });

        Assert.Equal(partitions, parallel.Partitions);
        Assert.Equal(serial.Timeline.Select(TimelineJson.Line), parallel.Timeline.Select(TimelineJson.Line));
        Assert.Equal(serial.Tasks, parallel.Tasks);
        Assert.Equal(Describe(serial.Summary), Describe(parallel.Summary));
        Assert.Equal((serial.Processed, serial.MessageCount), (parallel.Processed, parallel.MessageCount));
    }

    [Fact]
    public async Task Run_RejectedLines_AreRecordedOnceAndFirstAsInOneRun()
    {
        var profiles = File.ReadLines(Profiles).ToList();
        profiles.Insert(2, "");
        profiles.Insert(5, "{ this is not a profile"); // line 6: the blank line counts
        var events = File.ReadLines(Events).ToList();
        events.Insert(5, "   ");
        events.Insert(10, "{ this is not an event");
        events.Insert(20, """{"id":"too-early","type":"order.placed","customerId":"c000001","time":"1999-06-01T00:00:00Z","data":{}}""");

        var one = await RunAsync(profiles, events, new SimulationOptions());
        var split = await RunAsync(profiles, events, new SimulationOptions(Partitions: 3) { Parallelism = 2 });

        static List<string> Rejections(SimulationResult r) => r.Timeline.Where(e => e.Kind == TimelineKind.Rejected).Select(TimelineJson.Line).ToList();
        var rejected = Rejections(one);
        Assert.Equal(4, rejected.Count); // the two added broken lines, the event outside the window and the samples' own broken line
        Assert.Equal(rejected, Rejections(split));
        Assert.Equal(rejected, split.Timeline.Take(4).Select(TimelineJson.Line));
        Assert.Equal(rejected, one.Timeline.Take(4).Select(TimelineJson.Line));
        var details = split.Timeline.Take(4).Select(e => e.Detail).ToList();
        Assert.Equal("profiles line 6", details[0]);
        Assert.Contains("events line 11", details);
        Assert.Contains("events line 21", details);
        Assert.Equal(4, split.Summary.Rejected);
        Assert.Equal(Sorted(one.Timeline), Sorted(split.Timeline));
        Assert.Equal(Describe(one.Summary), Describe(split.Summary));
    }

    [Fact]
    public async Task Run_EventIdUsedEarlierByAnotherCustomerOrByItself_IsIgnoredAsInOneRun()
    {
        var (profiles, events) = Duplicates("ord-shared");
        var (_, freshIds) = Duplicates("ord-fresh");

        var one = await RunAsync(profiles, events, new SimulationOptions());
        var split = await RunAsync(profiles, events, new SimulationOptions(Partitions: 3) { Parallelism = 2 });
        var withoutDuplicates = await RunAsync(profiles, freshIds, new SimulationOptions(Partitions: 3));

        static string[] Goals(SimulationResult r) => r.Timeline.Where(e => e.Kind == TimelineKind.Goal && e.Journey == "welcome").Select(e => e.CustomerId!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["cust-0", "cust-1", "cust-2"], Goals(withoutDuplicates)); // the repeated ids do change the outcome
        Assert.Equal(["cust-1"], Goals(one));
        Assert.Equal(["cust-1"], Goals(split));
        Assert.Equal(Sorted(one.Timeline), Sorted(split.Timeline));
        Assert.Equal(Describe(one.Summary), Describe(split.Summary));
        Assert.Equal(one.MessageCount, split.MessageCount);
    }

    [Fact]
    public async Task Run_EventIdUsedEarlierByAnotherCustomer_CountsTheSameStimuliProcessedAsOneRun()
    {
        var (profiles, events) = Duplicates("ord-shared");

        var one = await RunAsync(profiles, events, new SimulationOptions());
        var split = await RunAsync(profiles, events, new SimulationOptions(Partitions: 3));

        // One run takes the repeated event and ignores it (a stimulus processed); so does a partition for a customer's own repeat.
        Assert.Equal(one.Processed, split.Processed);
    }

    [Fact]
    public async Task Run_MorePartitionsThanCustomers_GivesTheSameEntriesAsOneRun()
    {
        var (profiles, events) = Duplicates("ord-fresh");

        var one = await RunAsync(profiles, events, new SimulationOptions());
        var split = await RunAsync(profiles, events, new SimulationOptions(Partitions: 64) { Parallelism = 4 });

        Assert.Equal(64, split.Partitions);
        Assert.Equal(Sorted(one.Timeline), Sorted(split.Timeline));
        Assert.Equal(Describe(one.Summary), Describe(split.Summary));
        Assert.Equal((one.Processed, one.MessageCount), (split.Processed, split.MessageCount));
    }

    [Fact]
    public async Task Run_NoEvents_RecordsTheRejectedProfilesAsOneRunDoes()
    {
        string[] profiles = [Profile("cust-0"), "{ broken", Profile("cust-1"), """{"email":"no-id@example.com"}"""];

        var one = await RunAsync(profiles, [], new SimulationOptions());
        var split = await RunAsync(profiles, [], new SimulationOptions(Partitions: 3));

        Assert.Equal(3, split.Partitions);
        Assert.Equal(2, one.Timeline.Count);
        Assert.Equal(one.Timeline.Select(TimelineJson.Line), split.Timeline.Select(TimelineJson.Line));
        Assert.Equal(Describe(one.Summary), Describe(split.Summary));
    }

    [Fact]
    public async Task Run_EventsOutOfTimeOrder_FallsBackToOneRunWithTheSameTimeline()
    {
        var lines = File.ReadLines(Events).ToList();
        var shuffled = lines.Skip(lines.Count / 2).Concat(lines.Take(lines.Count / 2)).ToList();
        var watch = new TemporaryDirectoryWatch();
        List<string> profiles = [.. File.ReadLines(Profiles), watch.MarkerProfile];

        var one = await RunAsync(profiles, shuffled, new SimulationOptions());
        var split = await RunAsync(profiles, watch.LookingAtFirstLine(shuffled), new SimulationOptions(Partitions: 3));

        Assert.Equal(1, split.Partitions);
        Assert.Equal(one.Timeline.Select(TimelineJson.Line), split.Timeline.Select(TimelineJson.Line));
        Assert.Equal(Describe(one.Summary), Describe(split.Summary));
        Assert.Equal((one.Processed, one.MessageCount), (split.Processed, split.MessageCount));
        watch.AssertRemoved();
    }

    [Fact]
    public async Task Run_DiscardingTimelineSink_CountsTheSameSummaryAndNumbersAsOneRun()
    {
        var one = await RunAsync(File.ReadLines(Profiles), File.ReadLines(Events), new SimulationOptions());
        var discarded = await RunAsync(File.ReadLines(Profiles), File.ReadLines(Events), new SimulationOptions(Timeline: DiscardingTimelineSink.Instance, Partitions: 3));

        Assert.Equal(3, discarded.Partitions);
        Assert.Empty(discarded.Timeline);
        Assert.Equal(one.Timeline.Count, discarded.TimelineCount);
        Assert.Equal(Describe(one.Summary), Describe(discarded.Summary));
        Assert.Equal((one.Processed, one.MessageCount, one.Tasks.Count), (discarded.Processed, discarded.MessageCount, discarded.Tasks.Count));
    }

    [Fact]
    public async Task Run_StreamingSink_ReceivesTheMergedTimeline()
    {
        var kept = await RunAsync(File.ReadLines(Profiles), File.ReadLines(Events), new SimulationOptions(Partitions: 3));
        var sink = new ListSink();
        var streamed = await RunAsync(File.ReadLines(Profiles), File.ReadLines(Events), new SimulationOptions(Timeline: sink, Partitions: 3));

        Assert.Equal(3, streamed.Partitions);
        Assert.Empty(streamed.Timeline);
        Assert.True(streamed.TimelineInOrder);
        Assert.Equal(kept.Timeline.Count, streamed.TimelineCount);
        Assert.Equal(kept.Timeline.Select(TimelineJson.Line), sink.Entries.Select(TimelineJson.Line));
        Assert.Equal(Describe(kept.Summary), Describe(streamed.Summary));
    }

    [Fact]
    public async Task Run_StreamingSink_ReportsTheMergeAfterThePartitionsUntilEveryEntryIsWritten()
    {
        var reports = new List<SimulationProgress>();
        var sink = new ListSink();

        var streamed = await RunAsync(File.ReadLines(Profiles), File.ReadLines(Events),
            new SimulationOptions(Progress: new SyncProgress(reports.Add), Timeline: sink, Partitions: 3));

        var merge = reports.SkipWhile(p => p.EntriesToMerge == 0).ToList();
        var last = Assert.Single(merge);
        Assert.Equal((streamed.TimelineCount, streamed.TimelineCount), (last.EntriesMerged, last.EntriesToMerge));
        Assert.Equal((3, 3, streamed.Processed), (last.Partitions, last.PartitionsDone, last.Processed));
        Assert.Equal(sink.Entries.Count, streamed.TimelineCount);
        Assert.Contains(reports, p => p.PartitionsDone == 3 && p.EntriesToMerge == 0);
    }

    [Fact]
    public async Task Run_Until_StopsEveryPartitionThereAsOneRunStops()
    {
        var until = Instant.FromUtc(2026, 2, 1, 0, 0);
        var one = await RunAsync(File.ReadLines(Profiles), File.ReadLines(Events), new SimulationOptions(until));
        var split = await RunAsync(File.ReadLines(Profiles), File.ReadLines(Events), new SimulationOptions(until, Partitions: 3));
        var unbounded = await RunAsync(File.ReadLines(Profiles), File.ReadLines(Events), new SimulationOptions(Timeline: DiscardingTimelineSink.Instance, Partitions: 3));

        Assert.Equal(3, split.Partitions);
        Assert.All(split.Timeline, e => Assert.True(e.At <= until, $"{e.At} after {until}"));
        Assert.True(split.TimelineCount < unbounded.TimelineCount, "the run stopped early");
        Assert.Equal(Sorted(one.Timeline), Sorted(split.Timeline));
        Assert.Equal(Describe(one.Summary), Describe(split.Summary));
        Assert.Equal((one.Processed, one.MessageCount), (split.Processed, split.MessageCount));
    }

    [Fact]
    public async Task Run_EventTimesFinerThanATick_KeepTheirInstantsAsInOneRun()
    {
        string[] profiles = [Profile("cust-0"), Profile("cust-1")];
        string[] events =
        [
            Event("reg-0", "customer.registered", "cust-0", "2026-03-02T09:00:00.123456789Z"),
            Event("reg-1", "customer.registered", "cust-1", "2026-03-02T09:00:00.987654321Z"),
        ];

        var one = await RunAsync(profiles, events, new SimulationOptions());
        var split = await RunAsync(profiles, events, new SimulationOptions(Partitions: 2));

        Assert.Contains(one.Timeline, e => e.At == Instant.FromUtc(2026, 3, 2, 9, 0).PlusNanoseconds(123_456_789));
        Assert.Equal(Sorted(one.Timeline), Sorted(split.Timeline));
    }

    [Fact]
    public async Task Run_Partitioned_RemovesItsTemporaryDirectory()
    {
        var watch = new TemporaryDirectoryWatch();
        List<string> profiles = [.. File.ReadLines(Profiles), watch.MarkerProfile];

        var result = await RunAsync(profiles, watch.LookingAtFirstLine(File.ReadLines(Events)), new SimulationOptions(Partitions: 3));

        Assert.Equal(3, result.Partitions);
        watch.AssertRemoved();
    }

    [Fact]
    public async Task Run_CancelledWhileThePartitionsRun_StillRemovesItsTemporaryDirectory()
    {
        var watch = new TemporaryDirectoryWatch();
        List<string> profiles = [.. File.ReadLines(Profiles), watch.MarkerProfile];
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.PartitionsDone >= 1)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            RunAsync(profiles, watch.LookingAtFirstLine(File.ReadLines(Events)), new SimulationOptions(Progress: progress, Partitions: 3) { Parallelism = 1 }, cancel.Token));

        Assert.True(cancel.IsCancellationRequested);
        watch.AssertRemoved();
    }

    [Fact]
    public async Task Run_SinkThrowsWhileMerging_StillRemovesItsTemporaryDirectory()
    {
        var watch = new TemporaryDirectoryWatch();
        List<string> profiles = [.. File.ReadLines(Profiles), watch.MarkerProfile];

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RunAsync(profiles, watch.LookingAtFirstLine(File.ReadLines(Events)), new SimulationOptions(Timeline: new ThrowingSink(after: 100), Partitions: 3)));

        Assert.Equal("disk full", thrown.Message);
        watch.AssertRemoved();
    }

    private static Task<SimulationResult> RunAsync(IEnumerable<string> profiles, IEnumerable<string> events, SimulationOptions options, CancellationToken cancellationToken = default) =>
        new Simulator(Catalog).RunAsync(profiles, events, options, cancellationToken);

    private static List<string> Sorted(IEnumerable<TimelineEntry> timeline) => timeline.Select(TimelineJson.Line).Order(StringComparer.Ordinal).ToList();

    /// <summary>The summary's text and the customers per version, which the text leaves out.</summary>
    private static string Describe(SimulationSummary summary) =>
        summary.ToText() + string.Concat(summary.Journeys.Select(j => $"{j.Journey} versions: {string.Join(", ", j.Versions.Select(v => $"v{v.Version} {v.Customers}"))}\n"));

    /// <summary>
    /// Three customers in partitions 0, 1 and 2 of 3, all registered (welcome: goal at a second order within 30 days). cust-2
    /// (partition 2) orders with <paramref name="repeated"/>; cust-0 (partition 0) orders once with an id of its own, then with
    /// <paramref name="repeated"/> (another customer's id when it is ord-shared); cust-2 then orders with it again (its own
    /// repeat); cust-1 orders twice with ids of its own and reaches the goal either way.
    /// </summary>
    private static (string[] Profiles, string[] Events) Duplicates(string repeated)
    {
        Assert.Equal([0, 1, 2], new[] { "cust-0", "cust-1", "cust-2" }.Select(c => CustomerPartition.Of(c, 3)));
        string[] profiles = [Profile("cust-0"), Profile("cust-1"), Profile("cust-2")];
        const string Order = """{"orderId":"o","amount":100,"currency":"CNY"}""";
        string[] events =
        [
            Event("reg-2", "customer.registered", "cust-2", "2026-03-02T09:00:00Z"),
            Event("reg-0", "customer.registered", "cust-0", "2026-03-02T09:10:00Z"),
            Event("reg-1", "customer.registered", "cust-1", "2026-03-02T09:20:00Z"),
            Event("ord-shared", "order.placed", "cust-2", "2026-03-04T10:00:00Z", Order),
            Event("ord-0", "order.placed", "cust-0", "2026-03-04T11:00:00Z", Order),
            Event("ord-1a", "order.placed", "cust-1", "2026-03-04T12:00:00Z", Order),
            Event(repeated == "ord-shared" ? "ord-shared" : repeated + "-0", "order.placed", "cust-0", "2026-03-05T10:00:00Z", Order),
            Event("ord-1b", "order.placed", "cust-1", "2026-03-05T12:00:00Z", Order),
            Event(repeated == "ord-shared" ? "ord-shared" : repeated + "-2", "order.placed", "cust-2", "2026-03-06T10:00:00Z", Order),
        ];
        return (profiles, events);
    }

    private static string Profile(string id) =>
        $$$"""{"customerId":"{{{id}}}","email":"{{{id}}}@example.com","phone":"+8613800000001","locale":"zh-CN","timezone":"Asia/Shanghai","channels":["sms","email"],"consents":{"email":{"marketing":true,"transactional":true,"at":"2025-12-01T00:00:00Z","source":"registration-form"},"sms":{"marketing":true,"transactional":true,"at":"2025-12-01T00:00:00Z","source":"registration-form"}},"attributes":{"tier":"Ordinary","country":"CN"}}""";

    private static string Event(string id, string type, string customer, string time, string data = "{}") =>
        $$"""{"id":"{{id}}","type":"{{type}}","customerId":"{{customer}}","time":"{{time}}","data":{{data}}}""";

    /// <summary>
    /// Finds the run's own engage-simulate-* directory under the system's temporary directory (other test assemblies may run
    /// simulations at the same time): one that was not there before and whose profile partitions hold a marker customer.
    /// Looked for when the run reads its first event line: the profiles are split on another thread at the same time, so the
    /// watch waits (up to ten seconds) until that thread has written the marker.
    /// </summary>
    private sealed class TemporaryDirectoryWatch
    {
        private readonly HashSet<string> _before = Existing();
        private readonly string _marker = "marker-" + Guid.NewGuid().ToString("N");

        public string MarkerProfile => Profile(_marker);

        public string? Found { get; private set; }

        public IEnumerable<string> LookingAtFirstLine(IEnumerable<string> lines)
        {
            var first = true;
            foreach (var line in lines)
            {
                if (first)
                {
                    first = false;
                    var deadline = DateTime.UtcNow.AddSeconds(10);
                    while ((Found ??= Existing().Except(_before).FirstOrDefault(Holds)) is null && DateTime.UtcNow < deadline)
                    {
                        Thread.Sleep(10);
                    }
                }

                yield return line;
            }
        }

        public void AssertRemoved()
        {
            Assert.NotNull(Found);
            Assert.DoesNotContain(Found, _before);
            Assert.False(Directory.Exists(Found), $"{Found} is left behind");
            Assert.DoesNotContain(Found, Existing());
        }

        private bool Holds(string directory)
        {
            try
            {
                return Directory.EnumerateFiles(directory, "*.profiles.jsonl").Any(f => File.ReadAllText(f).Contains(_marker, StringComparison.Ordinal));
            }
            catch (IOException)
            {
                return false; // another run's directory, deleted meanwhile
            }
        }

        private static HashSet<string> Existing() => Directory.GetDirectories(Path.GetTempPath(), "engage-simulate-*").ToHashSet(StringComparer.Ordinal);
    }

    private sealed class SyncProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }

    private sealed class ListSink : ITimelineSink
    {
        public List<TimelineEntry> Entries { get; } = [];

        public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
        {
            Entries.Add(entry);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ThrowingSink(int after) : ITimelineSink
    {
        private int _count;

        public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken) =>
            ++_count > after ? throw new InvalidOperationException("disk full") : ValueTask.CompletedTask;
    }
}

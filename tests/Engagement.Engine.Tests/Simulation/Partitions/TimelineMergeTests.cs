using Engagement.Engine.Ports;
using Engagement.Engine.Simulation;
using Engagement.Engine.Simulation.Partitions;
using Engagement.Engine.Timeline;
using NodaTime;

namespace Engagement.Engine.Tests.Simulation.Partitions;

public sealed class TimelineMergeTests : IDisposable
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 8, 0);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("engage-merge-tests-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task ToList_InterleavedPartitions_GivesOneTimelineInTimeOrder()
    {
        var spools = await SpoolsAsync(
            [E(0, "a0"), E(2, "a2"), E(4, "a4")],
            [E(1, "b1"), E(3, "b3"), E(5, "b5")]);

        var merged = await TimelineMerge.ToListAsync(spools, CancellationToken.None);

        Assert.Equal(["a0", "b1", "a2", "b3", "a4", "b5"], merged.Select(e => e.CustomerId));
    }

    [Fact]
    public async Task ToList_OneInstantInSeveralPartitions_GivesPartitionZeroFirstThenOneThenTwo()
    {
        var spools = await SpoolsAsync(
            [E(1, "p0-x"), E(1, "p0-y"), E(2, "p0-z")],
            [E(1, "p1-x"), E(2, "p1-y"), E(2, "p1-z")],
            [E(0, "p2-x"), E(1, "p2-y"), E(1, "p2-z"), E(2, "p2-w")]);

        var merged = await TimelineMerge.ToListAsync(spools, CancellationToken.None);

        Assert.Equal(["p2-x", "p0-x", "p0-y", "p1-x", "p2-y", "p2-z", "p0-z", "p1-y", "p1-z", "p2-w"], merged.Select(e => e.CustomerId));
    }

    [Fact]
    public async Task ToList_HigherPartitionHasMoreAtATie_StillComesAfterTheLowerOnesInFull()
    {
        var spools = await SpoolsAsync(
            [E(5, "p0")],
            [E(5, "p1-a"), E(5, "p1-b"), E(5, "p1-c"), E(5, "p1-d")],
            [E(5, "p2")]);

        var merged = await TimelineMerge.ToListAsync(spools, CancellationToken.None);

        Assert.Equal(["p0", "p1-a", "p1-b", "p1-c", "p1-d", "p2"], merged.Select(e => e.CustomerId));
    }

    [Fact]
    public async Task Into_WithAProgressCallback_HearsTheCountEveryNEntriesAndOnceAtTheEnd()
    {
        var spools = await SpoolsAsync(
            [E(0, "a0"), E(2, "a2"), E(4, "a4")],
            [E(1, "b1"), E(3, "b3")]);
        var sink = new ListSink();
        var heard = new List<long>();

        await TimelineMerge.IntoAsync(spools, sink, CancellationToken.None, heard.Add, every: 2);

        Assert.Equal([2L, 4L, 5L], heard);
        Assert.Equal(5, sink.Entries.Count);
    }

    [Fact]
    public async Task ToList_EmptyPartitions_AreSkipped()
    {
        var spools = await SpoolsAsync([], [E(1, "b")], [], [E(0, "d")], []);

        var merged = await TimelineMerge.ToListAsync(spools, CancellationToken.None);

        Assert.Equal(["d", "b"], merged.Select(e => e.CustomerId));
        Assert.Empty(await TimelineMerge.ToListAsync(await SpoolsAsync([], []), CancellationToken.None));
        Assert.Empty(await TimelineMerge.ToListAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task ToList_PartitionRecordedOutOfOrder_IsMergedInItsSortedOrder()
    {
        var spools = await SpoolsAsync(
            [E(1, "a1"), E(3, "a3")],
            [E(2, "b2"), E(0, "b0"), E(3, "b3"), E(2, "b2'")]);
        spools[1].NeedsSorting = true;

        var merged = await TimelineMerge.ToListAsync(spools, CancellationToken.None);

        Assert.Equal(["b0", "a1", "b2", "b2'", "a3", "b3"], merged.Select(e => e.CustomerId));
    }

    [Fact]
    public async Task ToList_RandomPartitions_IsTheStableSortByInstantThenPartition()
    {
        var random = new Random(20260301);
        var partitions = Enumerable.Range(0, 9).Select(p =>
        {
            var minute = 0;
            return Enumerable.Range(0, random.Next(0, 300)).Select(i =>
            {
                minute += random.Next(0, 3); // many ties, within and across partitions
                return E(minute, $"p{p}-{i}");
            }).ToArray();
        }).ToArray();
        var spools = await SpoolsAsync(partitions);

        var merged = await TimelineMerge.ToListAsync(spools, CancellationToken.None);

        var expected = partitions.SelectMany((entries, p) => entries.Select((e, i) => (e, p, i))).OrderBy(x => x.e.At).ThenBy(x => x.p).ThenBy(x => x.i).Select(x => x.e);
        Assert.Equal(expected, merged);
    }

    [Fact]
    public async Task Into_Sink_ReceivesWhatToListGives()
    {
        var spools = await SpoolsAsync(
            [E(1, "a"), E(1, "b"), E(4, "c")],
            [E(0, "d"), E(1, "e"), E(9, "f")]);
        var sink = new ListSink();

        await TimelineMerge.IntoAsync(spools, sink, CancellationToken.None);

        Assert.Equal(await TimelineMerge.ToListAsync(spools, CancellationToken.None), sink.Entries);
        Assert.Equal(["d", "a", "b", "e", "c", "f"], sink.Entries.Select(e => e.CustomerId));
    }

    [Fact]
    public async Task Into_FormattedSink_CopiesTheLinesTheEntriesFormatTo()
    {
        TimelineEntry[][] partitions =
        [
            [E(1, "a"), E(1, "b") with { Reason = "quiet \"hours\"\n", Holdout = true }, E(4, "c") with { Version = 3 }],
            [E(0, "d"), E(1, "é 中文") with { Detail = "\u2028" }, E(9, "f")],
        ];
        var entries = await TimelineMerge.ToListAsync(await SpoolsAsync(partitions), CancellationToken.None);
        var sink = new LineSink();

        await TimelineMerge.IntoAsync(await SpoolsAsync(formatted: true, partitions), sink, CancellationToken.None);

        Assert.Equal(entries.Select(TimelineJson.Line), sink.Lines);
        Assert.Equal(["d", "a", "b", "é 中文", "c", "f"], entries.Select(e => e.CustomerId));
    }

    [Fact]
    public async Task Into_FormattedSpoolThatNeedsSorting_CopiesItsLinesInTimeOrder()
    {
        var spools = await SpoolsAsync(formatted: true, [E(5, "a"), E(1, "b"), E(5, "c")], [E(2, "d")]);
        spools[0].NeedsSorting = true;
        var sink = new LineSink();

        await TimelineMerge.IntoAsync(spools, sink, CancellationToken.None);

        Assert.Equal(new[] { E(1, "b"), E(2, "d"), E(5, "a"), E(5, "c") }.Select(TimelineJson.Line), sink.Lines);
    }

    private static TimelineEntry E(int minutes, string customer) =>
        new() { At = At.Plus(Duration.FromMinutes(minutes)), Kind = TimelineKind.Sent, CustomerId = customer, Journey = "j" };

    private Task<TimelineSpool[]> SpoolsAsync(params TimelineEntry[][] partitions) => SpoolsAsync(formatted: false, partitions);

    private async Task<TimelineSpool[]> SpoolsAsync(bool formatted, params TimelineEntry[][] partitions)
    {
        var spools = new TimelineSpool[partitions.Length];
        for (var p = 0; p < partitions.Length; p++)
        {
            spools[p] = new TimelineSpool(Path.Combine(_directory.FullName, $"{Guid.NewGuid():N}.p{p}.timeline"), formatted);
            foreach (var entry in partitions[p])
            {
                await spools[p].RecordAsync(entry, CancellationToken.None);
            }

            spools[p].Dispose();
        }

        return spools;
    }

    private sealed class LineSink : IFormattedTimelineSink
    {
        public List<string> Lines { get; } = [];

        public void WriteFormatted(ReadOnlySpan<byte> line) => Lines.Add(System.Text.Encoding.UTF8.GetString(line));

        public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a merge of formatted spools copies lines");
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
}

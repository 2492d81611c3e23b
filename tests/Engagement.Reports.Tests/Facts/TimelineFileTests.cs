using System.IO.Compression;
using Engagement.Engine.Simulation;
using Engagement.Engine.Timeline;
using Engagement.Reports.Facts;
using NodaTime;

namespace Engagement.Reports.Tests.Facts;

/// <summary>The streamed timeline reader gives back exactly what simulate wrote, plain or gzip-compressed, and names bad lines.</summary>
public sealed class TimelineFileTests : IDisposable
{
    private readonly JourneyDirectory _dir = TestJourneys.Directory();
    private readonly IReadOnlyList<TimelineEntry> _timeline;

    public TimelineFileTests() => _timeline = _dir.Simulate(TestJourneys.Profiles(60), TestJourneys.Events(60));

    private string Write(string name, IEnumerable<string> lines, bool gzip = false)
    {
        var path = Path.Combine(_dir.Path, name);
        using var file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using var writer = new StreamWriter(stream);
        foreach (var line in lines)
        {
            writer.Write(line + "\n");
        }

        return path;
    }

    [Fact]
    public void Read_SimulatedTimeline_GivesBackEveryEntryUnchanged()
    {
        Assert.Contains(_timeline, e => e.Kind == TimelineKind.Passed);
        var path = Write("timeline.jsonl", _timeline.Select(TimelineJson.Line));
        Assert.Equal(_timeline, TimelineFile.Read(path).ToList());
    }

    [Fact]
    public void Read_WithAProgressCallback_HearsTheCountEveryNEntriesAndReadsTheSame()
    {
        var path = Write("timeline.jsonl", _timeline.Select(TimelineJson.Line), gzip: true);
        var heard = new List<long>();

        var entries = TimelineFile.Read(path, heard.Add, every: 100).ToList();

        Assert.Equal(_timeline, entries);
        Assert.True(_timeline.Count > 300, $"{_timeline.Count} entries");
        Assert.Equal(Enumerable.Range(1, _timeline.Count / 100).Select(i => i * 100L), heard);
    }

    [Fact]
    public void Read_GzipWithoutGzName_IsRecognizedByItsMagicBytes()
    {
        var path = Write("timeline.jsonl", _timeline.Select(TimelineJson.Line), gzip: true);
        Assert.Equal([0x1F, 0x8B], File.ReadAllBytes(path)[..2]);
        Assert.Equal(_timeline, TimelineFile.Read(path).ToList());
    }

    [Fact]
    public void Read_LinesLongerThanTheReadBlock_AreReadWhole()
    {
        var reason = new string('x', 3 << 20);
        var path = Write("long.jsonl", ["{\"at\":\"2026-03-01T08:00:00Z\",\"kind\":\"rejected\",\"reason\":\"" + reason + "\"}", "", "{\"at\":\"2026-03-01T08:00:00Z\",\"kind\":\"rejected\"}"]);
        var entries = TimelineFile.Read(path).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(reason, entries[0].Reason);
    }

    [Fact]
    public void Parse_EscapesFractionsAndOffsets_ReadLikeAnyJsonReader()
    {
        var e = TimelineFile.Parse("{\"at\":\"2026-03-01T16:00:00.5+08:00\",\"kind\":\"Failed\",\"reason\":\"smtp: \\\"550\\\" \\u00e9\",\"extra\":{\"a\":[1]},\"version\":3,\"holdout\":true}\r");
        Assert.Equal(Instant.FromUtc(2026, 3, 1, 8, 0, 0).PlusNanoseconds(500_000_000), e.At);
        Assert.Equal(TimelineKind.Failed, e.Kind);
        Assert.Equal("smtp: \"550\" é", e.Reason);
        Assert.Equal(3, e.Version);
        Assert.True(e.Holdout);
    }

    [Theory]
    [InlineData("{\"at\":\"2026-02-30T08:00:00Z\",\"kind\":\"sent\"}", "at: '2026-02-30T08:00:00Z' is not an ISO-8601 instant")]
    [InlineData("{\"at\":\"2026-03-01T08:00:00Z\",\"kind\":\"sent1\"}", "kind: 'sent1' is not a timeline kind")]
    [InlineData("{\"at\":\"2026-03-01T08:00:00Z\",\"kind\":\"sent\",\"version\":\"1\"}", "version: expected a whole number")]
    [InlineData("{\"at\":\"2026-03-01T08:00:00Z\",\"kind\":\"sent\",\"holdout\":1}", "holdout: expected true or false")]
    [InlineData("{\"at\":\"2026-03-01T08:00:00Z\",\"kind\":\"sent\",\"step\":7}", "step: expected a string")]
    [InlineData("{\"kind\":\"sent\"}", "at: '' is not an ISO-8601 instant")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("{\"at\":", "not a JSON object")]
    public void Read_BadLine_NamesFileLineAndField(string line, string problem)
    {
        var path = Write("bad.jsonl", [TimelineJson.Line(_timeline[0]), line]);
        var ex = Assert.Throws<FormatException>(() => TimelineFile.Read(path).ToList());
        Assert.StartsWith($"{path}:2: {problem}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ATaskLineWrittenBySimulate_GivesBackItsPriority()
    {
        var entry = new TimelineEntry
        {
            At = Instant.FromUtc(2026, 3, 2, 2, 0), Kind = TimelineKind.Task, CustomerId = "c1", Journey = "complaint-recovery", Version = 3,
            Step = "call", Priority = "urgent", Detail = "care", Holdout = false, EnrollmentId = "e1",
        };

        var parsed = TimelineFile.Parse(TimelineJson.Line(entry));

        Assert.Equal(entry, parsed);
        Assert.Null(parsed.Reason);
    }

    [Fact]
    public void Parse_ATaskLineFromBeforeThePriorityField_KeepsItsPriorityAsTheReason()
    {
        var parsed = TimelineFile.Parse("""{"at":"2026-03-02T02:00:00Z","journey":"j","version":1,"step":"call","kind":"task","reason":"high","detail":"care"}""");

        Assert.Equal(("high", (string?)null), (parsed.Reason, parsed.Priority));
    }

    public void Dispose() => _dir.Dispose();
}

using System.IO.Compression;

namespace Engagement.Cli.Tests.Commands;

public sealed class SimulateTimelineTests
{
    private static (int Code, string Out) Simulate(params string[] extra)
    {
        var (code, stdout, _) = Engage.Run(["simulate", "--journeys", "journeys", "--profiles", "samples/profiles.jsonl", "--events", "samples/events.jsonl", .. extra]);
        return (code, stdout);
    }

    [Fact]
    public void Simulate_OutEndingInGz_WritesTheJsonLinesGzipCompressed()
    {
        var dir = Directory.CreateTempSubdirectory("engage-timeline-");
        try
        {
            var plain = Path.Combine(dir.FullName, "timeline.jsonl");
            var gzip = Path.Combine(dir.FullName, "timeline.jsonl.gz");
            Assert.Equal(0, Simulate("--out", plain).Code);
            Assert.Equal(0, Simulate("--out", gzip).Code);

            using var reader = new StreamReader(new GZipStream(File.OpenRead(gzip), CompressionMode.Decompress));
            var unzipped = reader.ReadToEnd();
            Assert.True(unzipped.Length > 100_000);
            Assert.Equal(File.ReadAllText(plain), unzipped);
            Assert.True(new FileInfo(gzip).Length * 5 < new FileInfo(plain).Length, "compressed");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Simulate_Out_WritesEveryEntryTheSummaryCounts_InTimeOrder()
    {
        var dir = Directory.CreateTempSubdirectory("engage-timeline-");
        try
        {
            var path = Path.Combine(dir.FullName, "timeline.jsonl");
            var (code, stdout) = Simulate("--out", path);

            Assert.Equal(0, code);
            var counted = int.Parse(System.Text.RegularExpressions.Regex.Match(stdout, @"([\d,]+) timeline entries").Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            var times = File.ReadLines(path).Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("at").GetString()!).ToList();
            Assert.True(counted > 3 * 1024, "more entries than three hand-overs to the writing thread");
            Assert.Equal(counted, times.Count);
            Assert.Equal(times.Order(StringComparer.Ordinal), times);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Simulate_OutOnAFullDevice_FailsWithOneLineAndNoStackTrace()
    {
        // Linux's /dev/full takes the file open and refuses every write with "no space left on device".
        var (code, _, stderr) = Engage.Run(["simulate", "--journeys", "journeys", "--profiles", "samples/profiles.jsonl", "--events", "samples/events.jsonl", "--out", "/dev/full"]);

        Assert.Equal(1, code);
        Assert.Contains("space", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_TimelineNone_WritesNoFileAndStillCountsTheSummary()
    {
        var dir = Directory.CreateTempSubdirectory("engage-timeline-");
        try
        {
            var path = Path.Combine(dir.FullName, "timeline.jsonl");
            var (code, stdout) = Simulate("--out", path, "--timeline", "none");

            Assert.Equal(0, code);
            Assert.False(File.Exists(path));
            Assert.Matches(@"[1-9][\d,]* timeline entries", stdout);
            Assert.Contains("welcome", stdout);
            Assert.DoesNotContain("timeline written to", stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

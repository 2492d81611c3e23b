namespace Engagement.Cli.Tests.Commands;

/// <summary><c>engage simulate --partitions</c> through the real process, against one run over everyone (made once).</summary>
public sealed class SimulatePartitionsTests(SimulatePartitionsTests.OneRun one) : IClassFixture<SimulatePartitionsTests.OneRun>
{
    /// <summary>The samples simulated with <c>--partitions 1</c>, once for all tests.</summary>
    public sealed class OneRun : IDisposable
    {
        public OneRun()
        {
            var (code, stdout, stderr) = Simulate("--partitions", "1", "--out", Timeline);
            Assert.True(code == 0, stderr);
            Summary = WithoutTimelinePath(stdout);
            Assert.Contains("welcome", Summary, StringComparison.Ordinal);
            Assert.Matches(@"[1-9][\d,]* timeline entries", Summary);
            Error = stderr;
        }

        public string Temp { get; } = Directory.CreateTempSubdirectory("engage-partitions-").FullName;

        public string Timeline => Path.Combine(Temp, "one.jsonl");

        /// <summary>What the run printed, without where the timeline went.</summary>
        public string Summary { get; }

        public string Error { get; }

        public void Dispose() => Directory.Delete(Temp, recursive: true);
    }

    [Fact]
    public void Simulate_ThreePartitions_WritesTheSameLinesAndPrintsTheSameSummaryAsOne()
    {
        var path = Path.Combine(one.Temp, "three.jsonl");

        var (code, stdout, stderr) = Simulate("--partitions", "3", "--out", path);

        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(path);
        Assert.True(lines.Length > 10_000, "the samples give a real timeline");
        Assert.Equal(File.ReadAllLines(one.Timeline).Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
        Assert.Equal(one.Summary + "; 3 partitions", WithoutTimelinePath(stdout));
        Assert.Contains("three.jsonl", stdout, StringComparison.Ordinal);
        Assert.Contains("of 3 partitions done", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("partitions done", one.Error, StringComparison.Ordinal);
        Assert.EndsWith($"simulate: merging the 3 partitions' timelines, {lines.Length:N0} of {lines.Length:N0} entries written",
            stderr.TrimEnd(), StringComparison.Ordinal);
        var times = lines.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("at").GetString()!).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
    }

    [Fact]
    public void Simulate_PartitionsAuto_SimulatesTheSamplesInOnePartition()
    {
        var path = Path.Combine(one.Temp, "auto.jsonl");

        var (code, stdout, stderr) = Simulate("--partitions", "auto", "--out", path);

        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllBytes(one.Timeline), File.ReadAllBytes(path)); // in the same order: one run over everyone
        Assert.Equal(one.Summary, WithoutTimelinePath(stdout));
        Assert.DoesNotContain("partitions", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_TwoPartitionsWithTimelineNone_PrintsTheSameSummaryAndWritesNoFile()
    {
        var path = Path.Combine(one.Temp, "none.jsonl");

        var (code, stdout, stderr) = Simulate("--partitions", "2", "--out", path, "--timeline", "none");

        Assert.True(code == 0, stderr);
        Assert.False(File.Exists(path));
        Assert.Equal(one.Summary + "; 2 partitions", stdout.TrimEnd());
        Assert.DoesNotContain("timeline written to", stdout, StringComparison.Ordinal);
        Assert.Contains("of 2 partitions done", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1025")]
    public void Simulate_PartitionsNotANumberOfPartitions_ExitsWithTheUsageCodeAndOneLineNamingTheOption(string value)
    {
        var path = Path.Combine(one.Temp, $"bad-{value}.jsonl");

        var (code, stdout, stderr) = Simulate("--partitions", value, "--out", path);

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"engage simulate: --partitions: '{value}' ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout.Trim());
    }

    [Fact]
    public void Simulate_TemporaryDirectoryCannotBeCreated_ExitsWithOneLineNamingTmpdirAndWritesNoTimeline()
    {
        var path = Path.Combine(one.Temp, "no-tmp.jsonl");
        var missing = Path.Combine(one.Temp, "no-such-dir", "tmp");

        var (code, stdout, stderr) = Engage.RunWith(
            new Dictionary<string, string> { ["TMPDIR"] = missing },
            ["simulate", "--journeys", "journeys", "--profiles", "samples/profiles.jsonl", "--events", "samples/events.jsonl", "--partitions", "2", "--out", path]);

        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"engage simulate: cannot create the partitions' temporary directory under {missing}", line, StringComparison.Ordinal);
        Assert.Contains("set TMPDIR to a writable directory", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("welcome", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_MorePartitionFilesThanTheOpenFileLimit_ExitsWithOneLineNamingTheLimit()
    {
        // A hard limit of 150 descriptors (the runtime cannot raise it) against 200 partitions, two split files each.
        var engage = Path.Combine(AppContext.BaseDirectory, "engage.dll");
        var start = new System.Diagnostics.ProcessStartInfo("bash") { WorkingDirectory = Engage.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", "ulimit -n 150 && exec dotnet \"$0\" \"$@\"", engage, "simulate", "--journeys", "journeys", "--profiles", "samples/profiles.jsonl", "--events", "samples/events.jsonl", "--partitions", "200", "--out", Path.Combine(one.Temp, "limit.jsonl") })
        {
            start.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        // The profiles and the events are split on two threads at once: either may reach the limit first.
        Assert.Matches(@"^engage simulate: cannot open the (profiles|events) file of partition \d+ of 200 in ", line);
        Assert.Contains("raise the open-file limit (ulimit -n) or use fewer --partitions", line, StringComparison.Ordinal);
        Assert.DoesNotContain("welcome", await stdout, StringComparison.Ordinal);
        var output = new FileInfo(Path.Combine(one.Temp, "limit.jsonl"));
        Assert.True(!output.Exists || output.Length == 0, "no timeline line is written");
    }

    [Fact]
    public void Simulate_ThreePartitionsWithoutATerminal_ReportsProgressInOrder()
    {
        var (code, _, stderr) = Simulate("--partitions", "3", "--timeline", "none", "--out", Path.Combine(one.Temp, "progress.jsonl"));

        Assert.Equal(0, code);
        var done = System.Text.RegularExpressions.Regex.Matches(stderr, @"(\d+) of 3 partitions done").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(done);
        Assert.Equal(done.Order(), done);
        Assert.Equal(3, done[^1]);
    }

    private static (int Code, string Out, string Error) Simulate(params string[] extra) =>
        Engage.Run(["simulate", "--journeys", "journeys", "--profiles", "samples/profiles.jsonl", "--events", "samples/events.jsonl", .. extra]);

    /// <summary>The printed summary without its end, "; timeline written to PATH" (which the console may wrap).</summary>
    private static string WithoutTimelinePath(string stdout) =>
        System.Text.RegularExpressions.Regex.Replace(stdout, @";\s+timeline\s+written\s+to\s[\s\S]*$", string.Empty).TrimEnd();
}

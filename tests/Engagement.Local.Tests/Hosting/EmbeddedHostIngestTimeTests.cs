using Engagement.Local.Hosting;
using static Engagement.Local.Tests.Hosting.HostHarness;

namespace Engagement.Local.Tests.Hosting;

/// <summary>Implausible event times become rejected lines; rejected counts keep every HTTP request apart.</summary>
public sealed class EmbeddedHostIngestTimeTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("9999-12-31T23:59:59Z", "after 2100-01-01")]
    [InlineData("0001-01-01T00:00:00Z", "before 2000-01-01")]
    [InlineData("2026-03-04T10:00:01Z", "more than 24 hour(s) after the time it was received")]
    public async Task Ingest_RealClockImplausibleTime_IsRejectedOnTheTimeFieldWithItsReason(string time, string reason)
    {
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock());
        var receipt = Clock().GetCurrentInstant();

        var result = await host.IngestAsync([TestJourneys.Registered("e1", "c1", time)], "http", CancellationToken.None);

        Assert.Equal(0, result.Accepted);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(("time", "e1"), (rejected.Field, rejected.EventId));
        Assert.Contains(reason, rejected.Reason);
        Assert.True(receipt < NodaTime.Instant.FromUtc(2026, 3, 3, 10, 0), "the harness clock this case is written for");
        Assert.Equal(1, (await host.GetStatusAsync(CancellationToken.None)).RejectedEvents);
    }

    [Fact]
    public async Task Ingest_VirtualClock_RefusesOnlyWhatIsFarAheadOfTheLatestAcceptedEvent()
    {
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock(), ClockMode.Virtual);

        var result = await host.IngestAsync(
            [TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z"), TestJourneys.Registered("e2", "c2", "2036-03-02T10:00:00Z"), TestJourneys.Registered("e3", "c3", "2026-05-02T10:00:00Z")],
            "file", CancellationToken.None);

        Assert.Equal(2, result.Accepted);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal((2, "time"), (rejected.Line, rejected.Field));
        Assert.Contains("after the latest accepted event time 2026-03-02T10:00:00Z", rejected.Reason);
    }

    [Fact]
    public async Task Figures_BadHttpRequestsEachOnLineOne_CountEveryRequestButAFileFedTwiceOnce()
    {
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock());

        await host.IngestAsync(["{ not json"], "http", CancellationToken.None);
        await host.IngestAsync(["{ also not json"], "http", CancellationToken.None);
        await host.IngestAsync(["{ broken line"], "file:events.jsonl", CancellationToken.None);
        await host.IngestAsync(["{ broken line"], "file:events.jsonl", CancellationToken.None);

        Assert.Equal(4, (await host.GetStatusAsync(CancellationToken.None)).RejectedEvents);
        Assert.Equal(3, (await host.GetFiguresAsync(CancellationToken.None)).RejectedLines);
    }
}

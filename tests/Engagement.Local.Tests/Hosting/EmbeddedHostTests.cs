using Engagement.Local.Hosting;
using NodaTime;
using static Engagement.Local.Tests.Hosting.HostHarness;

namespace Engagement.Local.Tests.Hosting;

public sealed class EmbeddedHostTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Ingest_DuplicateEventId_CountsDuplicateAndSendsOnce()
    {
        var clock = Clock();
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), clock);
        var line = TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z");

        var first = await host.IngestAsync([line, line], "test", CancellationToken.None);
        var again = await host.IngestAsync([line], "test", CancellationToken.None);
        await IdleAsync(host);

        Assert.Equal((1, 1), (first.Accepted, first.Duplicates));
        Assert.Equal((0, 1), (again.Accepted, again.Duplicates));
        var sent = Assert.Single(await OutboxAsync(host));
        Assert.Equal(("c1", "email", "delivered", "Hello"), (sent.Message.CustomerId, sent.Message.Channel, sent.State, sent.Message.Subject));
        Assert.Equal(1, (await host.GetStatusAsync(CancellationToken.None)).ProcessedEvents);
    }

    [Fact]
    public async Task Ingest_BadLines_AreRejectedWithTheirFieldAndKeptWithSourceAndLine()
    {
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock());

        var result = await host.IngestAsync(
            [TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z"), "", """{"id":"e2","type":"customer.registered","time":"2026-03-02T10:00:00Z"}""", "{ not json"],
            "http", CancellationToken.None);

        Assert.Equal(1, result.Accepted);
        Assert.Collection(result.Rejected,
            r => Assert.Equal((3, "customerId", "e2"), (r.Line, r.Field, r.EventId)),
            r => Assert.Equal((4, (string?)null), (r.Line, r.Field)));
        var status = await host.GetStatusAsync(CancellationToken.None);
        Assert.Equal(2, status.RejectedEvents);
        Assert.Equal(2, (await host.GetFiguresAsync(CancellationToken.None)).RejectedLines);
    }

    [Fact]
    public async Task Journey_ClockReachesTheWait_TimerFiresAndTheSecondMessageIsInTheOutbox()
    {
        var clock = Clock();
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), clock);
        await host.IngestAsync([TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z")], "test", CancellationToken.None);
        await IdleAsync(host);
        var waiting = await host.GetStatusAsync(CancellationToken.None);

        clock.Advance(Duration.FromHours(23));
        await IdleAsync(host);
        Assert.Single(await OutboxAsync(host));
        clock.Advance(Duration.FromHours(1));
        await EventuallyAsync(async () => (await OutboxAsync(host)).Count == 2, "the second message");

        Assert.Equal((1, 0L, Start + Duration.FromDays(1)), (waiting.ScheduledTimers, waiting.DueTimers, waiting.NextTimerAt));
        Assert.Equal(0, (await host.GetStatusAsync(CancellationToken.None)).ActiveEnrollments);
        var view = await host.GetCustomerAsync("c1", CancellationToken.None);
        Assert.Equal("c1@example.com", view!.Profile.Email);
        Assert.Equal(2, view.Messages.Count(m => m.Status == Engine.Delivery.LedgerStatus.Sent));
    }

    [Fact]
    public async Task Restart_WithOverdueTimers_RunsThemAtOnceInDueOrder()
    {
        var clock = Clock();
        var catalog = TestJourneys.Write(_files.Root);
        await using (var host = await StartAsync(_files, catalog, clock))
        {
            foreach (var c in new[] { "c3", "c1", "c2" })
            {
                await host.IngestAsync([TestJourneys.Registered("e-" + c, c, "2026-03-02T10:00:00Z")], "test", CancellationToken.None);
                await IdleAsync(host);
                clock.Advance(Duration.FromMinutes(10));
            }

            await host.StopAsync(CancellationToken.None);
        }

        clock.Advance(Duration.FromDays(3));
        await using var restarted = await StartAsync(_files, catalog, clock);
        await IdleAsync(restarted);

        var outbox = await OutboxAsync(restarted);
        Assert.Equal(["c3", "c1", "c2", "c3", "c1", "c2"], outbox.Select(o => o.Message.CustomerId));
        Assert.Equal(0, (await restarted.GetStatusAsync(CancellationToken.None)).ScheduledTimers);
    }

    [Fact]
    public async Task Crash_DisposedMidGroupWithoutCommit_RerunGivesExactlyOneOutboxRowPerLedgerKey()
    {
        var clock = Clock();
        var catalog = TestJourneys.Write(_files.Root);
        var lines = Enumerable.Range(1, 40).Select(i => TestJourneys.Registered($"e{i}", $"c{i}", "2026-03-02T10:00:00Z")).ToList();
        await using (var crashed = Open(_files, catalog, clock))
        {
            await crashed.IngestAsync(lines, "test", CancellationToken.None);
            Assert.Equal(25, await crashed.RunUncommittedGroupAsync(25));
        }

        await using var host = await StartAsync(_files, catalog, clock);
        await host.IngestAsync(lines, "test again", CancellationToken.None);
        await IdleAsync(host);
        clock.Advance(Duration.FromDays(1));
        await EventuallyAsync(async () => (await host.GetFiguresAsync(CancellationToken.None)).OutboxRows == 80, "80 messages");
        await IdleAsync(host);

        var figures = await host.GetFiguresAsync(CancellationToken.None);
        Assert.Equal((80L, 80L, 80L, 80L), (figures.OutboxRows, figures.OutboxDistinctLedgerKeys, figures.LedgerSent, figures.OutboxDelivered));
        Assert.Equal((40L, 40L), (figures.InputEvents, figures.InputProcessed));
    }

    [Fact]
    public async Task Stimulus_ThatThrows_IsSetAsideWithItsExceptionTypeAndTheOthersGoOn()
    {
        var clock = Clock();
        await using (var host = await StartAsync(_files, TestJourneys.Write(_files.Root), clock))
        {
            await host.IngestAsync([TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z")], "test", CancellationToken.None);
            await IdleAsync(host);
        }

        // The nudge journey is gone from the directory while c1 still waits in it: handling c1 now throws.
        File.Delete(Path.Combine(_files.Root, "journeys", "nudge.json"));
        var reduced = Engine.Catalog.JourneyCatalog.Load(Path.Combine(_files.Root, "journeys"), out _);
        clock.Advance(Duration.FromDays(2));
        await using var restarted = await StartAsync(_files, reduced, clock);
        await restarted.IngestAsync(
            [
                """{"id":"e2","type":"complaint.opened","customerId":"c1","time":"2026-03-04T10:00:00Z","data":{}}""",
                """{"id":"e3","type":"complaint.opened","customerId":"c2","time":"2026-03-04T10:00:00Z","data":{}}""",
            ],
            "test", CancellationToken.None);
        await IdleAsync(restarted);

        var figures = await restarted.GetFiguresAsync(CancellationToken.None);
        var status = await restarted.GetStatusAsync(CancellationToken.None);
        Assert.Equal((1L, 1L), (figures.FailedEvents, figures.InputProcessed - 1));
        Assert.Equal((0L, 0L), (status.PendingEvents, status.ScheduledTimers));
        // Set aside: e2 and c1's wake-up in nudge (due a day after e1, so due now), both needing the missing journey.
        Assert.Equal(StimulusCounts.None with { Events = 1, SetAside = 2 }, restarted.Stimuli);
        Assert.Single(await restarted.ListTasksAsync(new TaskQuery(CustomerId: "c2"), CancellationToken.None));
    }

    [Fact]
    public async Task Open_SecondHostOnTheSameFile_IsRefusedUntilTheFirstIsDisposed()
    {
        var catalog = TestJourneys.Write(_files.Root);
        var first = Open(_files, catalog, Clock());

        var error = Assert.Throws<InvalidOperationException>(() => Open(_files, catalog, Clock()));
        await first.DisposeAsync();
        await using var second = Open(_files, catalog, Clock());

        Assert.Contains("in use by another engage serve", error.Message);
    }

    [Fact]
    public async Task Stop_AfterIngest_CommitsTheCurrentGroupAndRefusesNewInput()
    {
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock());
        await host.IngestAsync(Enumerable.Range(1, 300).Select(i => TestJourneys.Registered($"e{i}", $"c{i}", "2026-03-02T10:00:00Z")).ToList(), "test", CancellationToken.None);

        await host.StopAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.IngestAsync([TestJourneys.Registered("x", "x", "2026-03-02T10:00:00Z")], "test", CancellationToken.None));
        var figures = await host.GetFiguresAsync(CancellationToken.None);
        Assert.Equal(figures.InputProcessed, figures.OutboxRows);
    }
}

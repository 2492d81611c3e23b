using Engagement.Engine.Delivery;
using Engagement.Engine.Profiles;
using Engagement.Engine.Unsubscribe;
using Engagement.Local.Hosting;
using NodaTime;
using static Engagement.Local.Tests.Hosting.HostHarness;

namespace Engagement.Local.Tests.Hosting;

public sealed class HostOperationsTests : IDisposable
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Erase_KnownCustomer_RemovesTheProfileExitsEnrollmentsAndLeavesATombstone()
    {
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock());
        await host.IngestAsync([TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z")], "test", CancellationToken.None);
        await IdleAsync(host);

        Assert.True(await host.EraseCustomerAsync("c1", CancellationToken.None));
        Assert.False(await host.EraseCustomerAsync("nobody", CancellationToken.None));
        await IdleAsync(host);

        var view = await host.GetCustomerAsync("c1", CancellationToken.None);
        Assert.Null(view!.Profile.Email);
        Assert.All(view.Enrollments, e => Assert.Equal("erased", e.ExitReason));
        Assert.Contains(view.Messages, m => m.Status == LedgerStatus.Erased);
        Assert.Equal(0, (await host.GetStatusAsync(CancellationToken.None)).ScheduledTimers);
    }

    [Fact]
    public async Task Unsubscribe_TokenFromTheHostsKey_RevokesMarketingEmailOnceAndAForgedOneIsRefused()
    {
        var clock = Clock();
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), clock, unsubscribeKey: Key);
        await host.IngestAsync([TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z")], "test", CancellationToken.None);
        var token = new UnsubscribeTokens(Key).Create("c1", "email", clock.GetCurrentInstant() + Duration.FromDays(30));
        var forged = new UnsubscribeTokens(Enumerable.Repeat((byte)7, 32).ToArray()).Create("c1", "email", clock.GetCurrentInstant() + Duration.FromDays(30));

        Assert.True(await host.UnsubscribeAsync(token, CancellationToken.None));
        Assert.True(await host.UnsubscribeAsync(token, CancellationToken.None));
        Assert.False(await host.UnsubscribeAsync(forged, CancellationToken.None));
        Assert.False(await host.UnsubscribeAsync("garbage", CancellationToken.None));
        await IdleAsync(host);

        var profile = (await host.GetCustomerAsync("c1", CancellationToken.None))!.Profile;
        var revoked = Assert.Single(profile.Consents);
        Assert.Equal(("email", ConsentPurpose.Marketing, false), (revoked.Channel, revoked.Purpose, revoked.Granted));
    }

    [Fact]
    public async Task Journeys_AfterTraffic_ReportEnteredSentAndWaitingPerStep()
    {
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock());
        await host.IngestAsync(
            [
                TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z"), TestJourneys.Registered("e2", "c2", "2026-03-02T10:00:00Z"),
                """{"id":"e3","type":"complaint.opened","customerId":"c1","time":"2026-03-02T10:00:00Z","data":{}}""",
            ],
            "test", CancellationToken.None);
        await IdleAsync(host);

        var journeys = await host.GetJourneysAsync(CancellationToken.None);
        var nudge = Assert.Single(journeys, j => j.Id == "nudge");
        Assert.Equal((2, 2, 0), (nudge.Entered, nudge.Active, nudge.Holdout));
        Assert.Equal(["hello", "wait", "again", "done"], nudge.Steps.Select(s => s.StepId));
        Assert.Equal(2, nudge.Steps[0].Counts["sent"]);
        Assert.Equal(2, nudge.Steps[1].Waiting);
        var task = Assert.Single(await host.ListTasksAsync(new TaskQuery(Queue: "care"), CancellationToken.None));
        Assert.Equal(("c1", "Call c1", false), (task.Task.CustomerId, task.Task.Title, task.Overdue));
        Assert.Empty(await host.ListTasksAsync(new TaskQuery(CustomerId: "c2"), CancellationToken.None));
    }
}

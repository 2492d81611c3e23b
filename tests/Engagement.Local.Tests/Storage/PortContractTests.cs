using Engagement.Engine.Delivery;
using Engagement.Engine.InMemory;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Tasks;
using Engagement.Journeys.Runtime;
using Engagement.Local.Storage;
using NodaTime;

namespace Engagement.Local.Tests.Storage;

/// <summary>The same contract for the in-memory stores (what the simulator uses) and the SQLite stores (what serve uses).</summary>
public sealed class PortContractTests : IDisposable
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 8, 0);
    private readonly TestFiles _files = new();
    private GroupState? _group;

    public static TheoryData<string> Kinds => new() { "memory", "sqlite" };

    public void Dispose()
    {
        _group?.Dispose();
        _files.Dispose();
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Profiles_SaveGetErase_RoundTripsConsentsAndErasesOnce(string kind)
    {
        var (profiles, _, _, _, _) = Stores(kind);
        var profile = new CustomerProfile
        {
            CustomerId = "c1", Email = "a@example.com", Consents = [new ConsentRecord("email", ConsentPurpose.Marketing, true, At, "signup")],
        };

        await profiles.SaveAsync(profile, default);
        var back = await profiles.GetAsync("c1", default);

        Assert.Equal("a@example.com", back!.Email);
        Assert.True(back.ConsentFor("email", ConsentPurpose.Marketing)!.Granted);
        Assert.True(await profiles.EraseAsync("c1", default));
        Assert.False(await profiles.EraseAsync("c1", default));
        Assert.Null(await profiles.GetAsync("c1", default));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Enrollments_SavedAgain_KeepTheirFirstSavedPositionPerCustomer(string kind)
    {
        var (_, enrollments, _, _, _) = Stores(kind);
        var a = EnrollmentState.Create("welcome", 1, "c1", "c1");
        var b = EnrollmentState.Create("birthday", 1, "c1", "c1");

        await enrollments.SaveAsync(a, default);
        await enrollments.SaveAsync(b, default);
        await enrollments.SaveAsync(a with { Status = EnrollmentStatus.Waiting, WakeAt = At }, default);
        await enrollments.SaveAsync(EnrollmentState.Create("welcome", 1, "c2", "c2"), default);

        var list = await enrollments.ListByCustomerAsync("c1", default);
        Assert.Equal([a.EnrollmentId, b.EnrollmentId], list.Select(e => e.EnrollmentId));
        Assert.Equal(At, list[0].WakeAt);
        Assert.Equal(EnrollmentStatus.Waiting, (await enrollments.GetAsync(a.EnrollmentId, default))!.Status);
        Assert.Null(await enrollments.GetAsync("missing", default));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Enrollments_ListedActiveOrByJourney_KeepTheCustomersOrder(string kind)
    {
        var (_, enrollments, _, _, _) = Stores(kind);
        var welcome = EnrollmentState.Create("welcome", 1, "c1", "c1") with { Status = EnrollmentStatus.Waiting, WakeAt = At };
        var birthday = EnrollmentState.Create("birthday", 1, "c1", "2026") with { Status = EnrollmentStatus.Exited, ExitedAt = At };
        var again = EnrollmentState.Create("welcome", 2, "c1", "c1#2") with { Status = EnrollmentStatus.Exited, ExitedAt = At };
        foreach (var state in new[] { welcome, birthday, again, EnrollmentState.Create("welcome", 1, "c2", "c2") })
        {
            await enrollments.SaveAsync(state, default);
        }

        var active = await enrollments.ListActiveByCustomerAsync("c1", default);
        var inWelcome = await enrollments.ListByCustomerAndJourneyAsync("c1", "welcome", default);

        Assert.Equal([welcome.EnrollmentId], active.Select(e => e.EnrollmentId));
        Assert.Equal([welcome.EnrollmentId, again.EnrollmentId], inWelcome.Select(e => e.EnrollmentId));
        Assert.Equal(("c1#2", EnrollmentStatus.Exited), (inWelcome[1].Key, inWelcome[1].Status));
        Assert.Empty(await enrollments.ListByCustomerAndJourneyAsync("c1", "win-back", default));
        Assert.Empty(await enrollments.ListActiveByCustomerAsync("nobody", default));
        var history = await enrollments.EntryHistoryAsync("c1", "welcome", default);
        Assert.Equal(2, history.Count);
        Assert.Equal([welcome.EnrollmentId, again.EnrollmentId], history.States.Select(e => e.EnrollmentId));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Ledger_ReservingAKeyTwice_FailsTheSecondTimeAndCapsSeeOnlySentEntriesSince(string kind)
    {
        var (_, _, ledger, _, _) = Stores(kind);
        var entry = new LedgerEntry { Key = "e/s/1", CustomerId = "c1", Journey = "j", Step = "s", At = At };

        Assert.True(await ledger.TryReserveAsync(entry, default));
        Assert.False(await ledger.TryReserveAsync(entry with { Reason = "again" }, default));
        await ledger.UpdateAsync(entry with { Status = LedgerStatus.Sent, SentAt = At }, default);
        await ledger.TryReserveAsync(new LedgerEntry { Key = "e/s/2", CustomerId = "c1", Journey = "j", Step = "s", At = At, Status = LedgerStatus.Sent, SentAt = At - Duration.FromDays(10) }, default);
        await ledger.TryReserveAsync(new LedgerEntry { Key = "e/s/3", CustomerId = "c1", Journey = "j", Step = "s", At = At, Status = LedgerStatus.Suppressed }, default);

        var sent = await ledger.ListSentSinceAsync("c1", At - Duration.FromDays(7), default);
        Assert.Equal(["e/s/1"], sent.Select(e => e.Key));
        Assert.Equal(LedgerStatus.Sent, (await ledger.GetAsync("e/s/1", default))!.Status);
        Assert.Null(await ledger.GetAsync("nope", default));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task InboxAndTasks_SecondMarkAndSecondTask_AreIgnored(string kind)
    {
        var (_, _, _, inbox, tasks) = Stores(kind);
        var task = new HumanTask { TaskKey = "k1", CustomerId = "c1", Journey = "j", Step = "s", Queue = "care", Title = "t", Priority = "high", CreatedAt = At };

        Assert.True(await inbox.TryMarkProcessedAsync("e1", default));
        Assert.False(await inbox.TryMarkProcessedAsync("e1", default));
        await tasks.CreateAsync(task, default);
        await tasks.CreateAsync(task with { Title = "again" }, default);

        Assert.Equal(1, TaskCount(kind, tasks));
    }

    [Fact]
    public async Task Group_RolledBack_ForgetsItsWritesInTheDatabaseAndInTheCache()
    {
        var (profiles, enrollments, _, _, _) = Stores("sqlite");
        await profiles.SaveAsync(new CustomerProfile { CustomerId = "kept" }, default);
        _group!.Commit();

        _group.Begin();
        await profiles.SaveAsync(new CustomerProfile { CustomerId = "c1" }, default);
        await enrollments.SaveAsync(EnrollmentState.Create("welcome", 1, "c1", "c1"), default);
        Assert.NotNull(await profiles.GetAsync("c1", default));
        _group.Rollback();

        _group.Begin();
        Assert.Null(await profiles.GetAsync("c1", default));
        Assert.Empty(await enrollments.ListByCustomerAsync("c1", default));
        Assert.NotNull(await profiles.GetAsync("kept", default));
    }

    [Fact]
    public async Task Timers_WakeUpScheduledTwice_KeepsOneTimerAtTheLatestTime()
    {
        Stores("sqlite");
        var timers = new SqliteTimerQueue(_group!);
        await timers.ScheduleAsync("en1", "c1", At, default);
        await timers.ScheduleAsync("en1", "c1", At + Duration.FromHours(1), default);
        await ((IDeferredSendQueue)timers).ScheduleAsync("k/1", "c1", At, default);
        await ((IDeferredSendQueue)timers).ScheduleAsync("k/1", "c1", At, default);
        await timers.ScheduleAsync("en2", "c1", At, default);
        await timers.CancelAsync("en2", default);

        var rows = _group!.Session.Query("SELECT kind, target, due_at FROM timers ORDER BY due_at, ord", r => (r.GetString(0), r.GetString(1), r.GetInt64(2)));
        Assert.Equal([("deferred", "k/1", Ticks.Of(At)), ("wake", "en1", Ticks.Of(At + Duration.FromHours(1)))], rows);
    }

    private (IProfileStore, IEnrollmentStore, IMessageLedger, IEventInbox, ITaskSink) Stores(string kind)
    {
        if (kind == "memory")
        {
            var memory = new InMemoryStores();
            return (memory, memory, memory, memory, memory);
        }

        _group = new GroupState(new SqliteSession(SqliteDatabase.Open(_files.Db).Connect()));
        _group.Begin();
        _group.Now = At;
        return (new SqliteProfileStore(_group), new SqliteEnrollmentStore(_group), new SqliteMessageLedger(_group), new SqliteEventInbox(_group), new SqliteTaskSink(_group));
    }

    private int TaskCount(string kind, ITaskSink tasks) =>
        kind == "memory" ? ((InMemoryStores)tasks).Tasks.Count : (int)_group!.Session.Long("SELECT COUNT(*) FROM tasks");
}

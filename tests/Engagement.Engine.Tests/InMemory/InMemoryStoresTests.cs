using Engagement.Engine.Delivery;
using Engagement.Engine.InMemory;
using Engagement.Engine.Ports;
using Engagement.Engine.Tasks;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Tests.InMemory;

public sealed class InMemoryStoresTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 2, 0);
    private readonly InMemoryStores _stores = new();

    private static LedgerEntry Entry(string key, string customer, LedgerStatus status, Instant? sentAt) => new()
    {
        Key = key, CustomerId = customer, Journey = "j", Step = "s", Channel = "email", Marketing = true, Status = status, At = T0, SentAt = sentAt,
    };

    [Fact]
    public async Task TryReserve_TheSameKeyTwice_ReservesOnlyOnce()
    {
        IMessageLedger ledger = _stores;

        Assert.True(await ledger.TryReserveAsync(Entry("e/s/1", "c1", LedgerStatus.Reserved, null), default));
        Assert.False(await ledger.TryReserveAsync(Entry("e/s/1", "c1", LedgerStatus.Sent, T0), default));

        Assert.Equal(LedgerStatus.Reserved, (await ledger.GetAsync("e/s/1", default))!.Status);
    }

    [Fact]
    public async Task ListSentSince_ReturnsOnlyThisCustomersSentEntriesFromTheInstantOn()
    {
        IMessageLedger ledger = _stores;
        await ledger.TryReserveAsync(Entry("old", "c1", LedgerStatus.Sent, T0 - Duration.FromDays(2)), default);
        await ledger.TryReserveAsync(Entry("new", "c1", LedgerStatus.Reserved, null), default);
        await ledger.UpdateAsync(Entry("new", "c1", LedgerStatus.Sent, T0), default);
        await ledger.TryReserveAsync(Entry("held", "c1", LedgerStatus.Suppressed, null), default);
        await ledger.TryReserveAsync(Entry("other", "c2", LedgerStatus.Sent, T0), default);

        var sent = await ledger.ListSentSinceAsync("c1", T0 - Duration.FromDays(1), default);

        Assert.Equal(["new"], sent.Select(e => e.Key));
    }

    [Fact]
    public async Task CompactedLedger_KeepsSettledKeysTaken_OpenEntriesReadable_AndSentEntriesCounted()
    {
        IMessageLedger ledger = new InMemoryStores(compactExited: true);
        await ledger.TryReserveAsync(Entry("sent", "c1", LedgerStatus.Reserved, null), default);
        await ledger.UpdateAsync(Entry("sent", "c1", LedgerStatus.Sent, T0), default);
        await ledger.TryReserveAsync(Entry("held", "c1", LedgerStatus.Suppressed, null), default);
        await ledger.TryReserveAsync(Entry("open", "c1", LedgerStatus.Reserved, null), default);

        Assert.False(await ledger.TryReserveAsync(Entry("sent", "c1", LedgerStatus.Reserved, null), default));
        Assert.False(await ledger.TryReserveAsync(Entry("held", "c1", LedgerStatus.Reserved, null), default));
        Assert.NotEqual(LedgerStatus.Reserved, (await ledger.GetAsync("sent", default))!.Status);
        Assert.Equal("open", (await ledger.GetAsync("open", default))!.Key);
        var sent = await ledger.ListSentSinceAsync("c1", T0 - Duration.FromDays(1), default);
        Assert.Equal([(LedgerStatus.Sent, (Instant?)T0, "email", true)], sent.Select(e => (e.Status, e.SentAt, e.Channel!, e.Marketing)));
    }

    [Fact]
    public async Task CompactedLedger_DropsSentEntriesBeforeTheLookBack_AsItReadsThem()
    {
        var compact = new InMemoryStores(compactExited: true);
        foreach (var ledger in new IMessageLedger[] { compact, _stores })
        {
            await ledger.TryReserveAsync(Entry("old", "c1", LedgerStatus.Sent, T0 - Duration.FromDays(3)), default);
            await ledger.TryReserveAsync(Entry("open", "c1", LedgerStatus.Reserved, null), default);
            await ledger.TryReserveAsync(Entry("new", "c1", LedgerStatus.Sent, T0), default);
        }

        var first = await ((IMessageLedger)compact).ListSentSinceAsync("c1", T0 - Duration.FromDays(1), default);
        var later = await ((IMessageLedger)compact).ListSentSinceAsync("c1", T0 - Duration.FromHours(1), default);
        var whole = await ((IMessageLedger)_stores).ListSentSinceAsync("c1", T0 - Duration.FromDays(5), default);

        Assert.Equal([T0], first.Select(e => e.SentAt!.Value));
        Assert.Equal([T0], later.Select(e => e.SentAt!.Value));
        Assert.Equal([T0 - Duration.FromDays(3), T0], whole.Select(e => e.SentAt!.Value));
        var back = await Assert.ThrowsAsync<InvalidOperationException>(async () => await ((IMessageLedger)compact).ListSentSinceAsync("c2", T0 - Duration.FromDays(5), default));
        Assert.Contains("only moves forward", back.Message, StringComparison.Ordinal);
        Assert.Equal("open", (await ((IMessageLedger)compact).GetAsync("open", default))!.Key);
    }

    [Fact]
    public async Task CompactedEnrollments_HoldExitedOnesInline_AndListThemInSaveOrder()
    {
        var stores = new InMemoryStores(compactExited: true);
        IEnrollmentStore store = stores;
        var first = EnrollmentState.Create("welcome", 1, "c1", "c1") with { Status = EnrollmentStatus.Waiting, StepId = "wait", EnteredAt = T0 };
        var second = EnrollmentState.Create("birthday", 2, "c1", "2026") with { Status = EnrollmentStatus.Waiting, EnteredAt = T0 };
        await store.SaveAsync(first, default);
        await store.SaveAsync(second, default);
        var exitedAt = T0 + Duration.FromDays(1);
        await store.SaveAsync(first with { Status = EnrollmentStatus.Exited, ExitedAt = exitedAt, ExitReason = "completed" }, default);

        var listed = await store.ListByCustomerAsync("c1", default);

        Assert.Equal([first.EnrollmentId, second.EnrollmentId], listed.Select(s => s.EnrollmentId));
        var exited = listed[0];
        Assert.Equal(("welcome", 1, "c1", "c1", EnrollmentStatus.Exited, T0),
            (exited.JourneyId, exited.JourneyVersion, exited.CustomerId, exited.Key, exited.Status, exited.EnteredAt));
        Assert.Equal((null, null, null), (exited.StepId, exited.ExitedAt, exited.ExitReason));
        Assert.Same(second, listed[1]);
        Assert.Null(await store.GetAsync(first.EnrollmentId, default));
        Assert.Same(second, await store.GetAsync(second.EnrollmentId, default));
        Assert.Equal(2, stores.EnrollmentCount);
        Assert.Equal(new[] { second.EnrollmentId, first.EnrollmentId }.Order(StringComparer.Ordinal), stores.Enrollments.Select(s => s.EnrollmentId));
    }

    [Fact]
    public async Task CompactedEnrollments_ListedActive_LeaveInlineOnesOut_AndByJourney_ReadBackOnlyThatJourneysOnes()
    {
        var (store, welcome, waiting, again) = await CompactedAsync();

        var active = await store.ListActiveByCustomerAsync("c1", default);
        var inWelcome = await store.ListByCustomerAndJourneyAsync("c1", "welcome", default);

        Assert.Same(waiting, Assert.Single(active));
        Assert.Equal([welcome.EnrollmentId, waiting.EnrollmentId, again.EnrollmentId], inWelcome.Select(s => s.EnrollmentId));
        Assert.Equal((EnrollmentStatus.Exited, "c1", T0), (inWelcome[0].Status, inWelcome[0].Key, inWelcome[0].EnteredAt));
        Assert.Same(waiting, inWelcome[1]);
        Assert.Equal(["birthday"], (await store.ListByCustomerAndJourneyAsync("c1", "birthday", default)).Select(s => s.JourneyId));
        Assert.Empty(await store.ListByCustomerAndJourneyAsync("c2", "welcome", default));
    }

    [Fact]
    public async Task EntryHistoryAsync_Compacted_GivesInlineOnesAsKeyAndEntry_AndIndexedOnesWhole()
    {
        var (store, _, waiting, again) = await CompactedAsync();

        var inWelcome = await store.EntryHistoryAsync("c1", "welcome", default);

        Assert.Same(waiting, Assert.Single(inWelcome.States));
        Assert.Equal([new ExitedEnrollment("c1", T0), new ExitedEnrollment("c1#3", T0 + Duration.FromDays(3))], inWelcome.Exited);
        Assert.Equal(3, inWelcome.Count);
        Assert.Equal([new ExitedEnrollment("2026", T0)], (await store.EntryHistoryAsync("c1", "birthday", default)).Exited);
        Assert.Equal(0, (await store.EntryHistoryAsync("c1", "win-back", default)).Count);
        Assert.Equal(0, (await store.EntryHistoryAsync("c2", "welcome", default)).Count);
    }

    [Fact]
    public async Task EntryHistoryAsync_NotCompacted_GivesEveryEnrollmentWhole()
    {
        IEnrollmentStore store = new InMemoryStores();
        var exited = EnrollmentState.Create("welcome", 1, "c1", "c1") with { Status = EnrollmentStatus.Exited, EnteredAt = T0 };
        var waiting = EnrollmentState.Create("welcome", 1, "c1", "c1#2") with { Status = EnrollmentStatus.Waiting, EnteredAt = T0 };
        await store.SaveAsync(exited, default);
        await store.SaveAsync(waiting, default);

        var history = await store.EntryHistoryAsync("c1", "welcome", default);

        Assert.Equal([exited, waiting], history.States);
        Assert.Empty(history.Exited);
    }

    [Fact]
    public async Task CompactedEnrollments_KeepTheirIds_WhetherMadeByEnrollmentIdsOrNot_AndComeBackByEither()
    {
        var stores = new InMemoryStores(compactExited: true);
        IEnrollmentStore store = stores;
        var made = EnrollmentState.Create("welcome", 1, "c1", "c1") with { Status = EnrollmentStatus.Exited, EnteredAt = T0 };
        var custom = EnrollmentState.Create("welcome", 1, "c1", "c1#2") with { EnrollmentId = "imported-42", Status = EnrollmentStatus.Exited, EnteredAt = T0 };
        await store.SaveAsync(made, default);
        await store.SaveAsync(custom, default);

        Assert.Equal([made.EnrollmentId, "imported-42"], (await store.ListByCustomerAsync("c1", default)).Select(s => s.EnrollmentId));

        var again = custom with { Status = EnrollmentStatus.Waiting };
        var madeAgain = made with { Status = EnrollmentStatus.Waiting };
        await store.SaveAsync(again, default);
        await store.SaveAsync(madeAgain, default);

        Assert.Equal([madeAgain, again], await store.ListByCustomerAsync("c1", default));
        Assert.Equal(2, stores.EnrollmentCount);
    }

    [Fact]
    public async Task Enrollments_SavedAgainUnderAnotherJourney_AreListedUnderTheNewOne()
    {
        IEnrollmentStore store = _stores;
        var state = EnrollmentState.Create("welcome", 1, "c1", "c1") with { EnrollmentId = "x" };
        await store.SaveAsync(state, default);

        await store.SaveAsync(state with { JourneyId = "birthday" }, default);

        Assert.Empty(await store.ListByCustomerAndJourneyAsync("c1", "welcome", default));
        Assert.Equal(["x"], (await store.ListByCustomerAndJourneyAsync("c1", "birthday", default)).Select(s => s.EnrollmentId));
    }

    [Fact]
    public async Task CompactedEnrollments_SavedActiveAgain_ComeBackToTheIndexInTheirPlace()
    {
        var stores = new InMemoryStores(compactExited: true);
        IEnrollmentStore store = stores;
        var first = EnrollmentState.Create("welcome", 1, "c1", "c1") with { Status = EnrollmentStatus.Exited, ExitedAt = T0 };
        var second = EnrollmentState.Create("birthday", 1, "c1", "c1");
        await store.SaveAsync(first, default);
        await store.SaveAsync(second, default);

        var again = first with { Status = EnrollmentStatus.Waiting, ExitedAt = null };
        await store.SaveAsync(again, default);

        Assert.Same(again, await store.GetAsync(first.EnrollmentId, default));
        Assert.Equal([again, second], await store.ListByCustomerAsync("c1", default));
        Assert.Equal(2, stores.EnrollmentCount);
    }

    [Fact]
    public async Task CompactedEnrollments_ShareTheStoredProfilesCustomerIdString()
    {
        var stores = new InMemoryStores(compactExited: true);
        var profileId = new string("c1".AsSpan());
        await stores.SaveAsync(new Engagement.Engine.Profiles.CustomerProfile { CustomerId = profileId }, default);
        var eventsCopy = new string("c1".AsSpan());

        await ((IEnrollmentStore)stores).SaveAsync(EnrollmentState.Create("welcome", 1, eventsCopy, eventsCopy), default);

        var listed = Assert.Single(await ((IEnrollmentStore)stores).ListByCustomerAsync("c1", default));
        Assert.Same(profileId, listed.CustomerId);
        Assert.Same(profileId, listed.Key);
    }

    [Fact]
    public async Task CompactedEnrollments_ShareOneEmptyOccurrenceMap_WhenExited()
    {
        var stores = new InMemoryStores(compactExited: true);
        IEnrollmentStore store = stores;
        var occurrences = System.Collections.Immutable.ImmutableSortedDictionary<string, int>.Empty.Add("s", 1);
        await store.SaveAsync(EnrollmentState.Create("welcome", 1, "c1", "k1") with { Status = EnrollmentStatus.Exited, Occurrences = occurrences }, default);
        await store.SaveAsync(EnrollmentState.Create("welcome", 1, "c2", "k1") with { Status = EnrollmentStatus.Exited, Occurrences = occurrences }, default);

        var exited = stores.Enrollments.ToList();

        Assert.Empty(exited[0].Occurrences);
        Assert.Same(exited[0].Occurrences, exited[1].Occurrences);
    }

    [Fact]
    public async Task Enrollments_AreListedPerCustomerInSaveOrder_AndSavingAgainReplaces()
    {
        IEnrollmentStore store = _stores;
        var first = EnrollmentState.Create("welcome", 1, "c1", "k1") with { EnrollmentId = "z" };
        var second = EnrollmentState.Create("lifecycle", 1, "c1", "k2") with { EnrollmentId = "a" };
        await store.SaveAsync(first, default);
        await store.SaveAsync(second, default);
        await store.SaveAsync(first with { StepId = "later" }, default);

        var listed = await store.ListByCustomerAsync("c1", default);

        Assert.Equal(["z", "a"], listed.Select(s => s.EnrollmentId));
        Assert.Equal("later", listed[0].StepId);
        Assert.Empty(await store.ListByCustomerAsync("c2", default));
        Assert.Equal(["a", "z"], _stores.Enrollments.Select(s => s.EnrollmentId));
    }

    [Fact]
    public async Task TasksAndProcessedEvents_AreIdempotentByKey()
    {
        var task = new HumanTask { TaskKey = "e/call/1", CustomerId = "c1", Journey = "j", Step = "call", Queue = "care", Title = "Call", Priority = "high", CreatedAt = T0 };
        await _stores.CreateAsync(task, default);
        await _stores.CreateAsync(task with { Title = "Call again" }, default);

        Assert.Equal("Call", Assert.Single(_stores.Tasks).Title);
        Assert.True(await _stores.TryMarkProcessedAsync("ev1", default));
        Assert.False(await _stores.TryMarkProcessedAsync("ev1", default));
        Assert.True(await _stores.IsProcessedAsync("ev1", default));
    }

    [Fact]
    public async Task EraseAsync_RedactsOnlyThatCustomersTaskTitles()
    {
        await _stores.CreateAsync(new HumanTask { TaskKey = "1", CustomerId = "c1", Journey = "j", Step = "s", Queue = "q", Title = "Call Ann", Priority = "high", CreatedAt = T0 }, default);
        await _stores.CreateAsync(new HumanTask { TaskKey = "2", CustomerId = "c2", Journey = "j", Step = "s", Queue = "q", Title = "Call Bo", Priority = "high", CreatedAt = T0 }, default);

        await ((IPersonalDataEraser)_stores).EraseAsync("c1", T0, default);

        Assert.Equal(["[erased]", "Call Bo"], _stores.Tasks.Select(t => t.Title));
    }

    [Fact]
    public async Task OutboxChannel_KeepsEveryMessage_AndNumbersItsProviderIds()
    {
        var outbox = new List<OutboundMessage>();
        var channel = new OutboxChannel("sms", outbox);

        var first = await channel.SendAsync(Message("a"), default);
        var second = await channel.SendAsync(Message("b"), default);

        Assert.Equal(("sms-1", "sms-2"), (first.ProviderMessageId, second.ProviderMessageId));
        Assert.Equal(["a", "b"], outbox.Select(m => m.LedgerKey));
        Assert.Equal(2, channel.Count);
    }

    private static OutboundMessage Message(string key) => new()
    {
        LedgerKey = key, CustomerId = "c1", Journey = "j", Step = "s", Template = "t", Locale = "en", Channel = "sms", To = "+8613800000000", Body = "hi",
    };

    /// <summary>A compacting store holding, for c1, an exited welcome and birthday, a waiting welcome, then an exited welcome v2.</summary>
    private static async Task<(IEnrollmentStore Store, EnrollmentState Welcome, EnrollmentState Waiting, EnrollmentState Again)> CompactedAsync()
    {
        IEnrollmentStore store = new InMemoryStores(compactExited: true);
        var welcome = EnrollmentState.Create("welcome", 1, "c1", "c1") with { Status = EnrollmentStatus.Exited, EnteredAt = T0 };
        var birthday = EnrollmentState.Create("birthday", 1, "c1", "2026") with { Status = EnrollmentStatus.Exited, EnteredAt = T0 };
        var waiting = EnrollmentState.Create("welcome", 1, "c1", "c1#2") with { Status = EnrollmentStatus.Waiting, EnteredAt = T0 + Duration.FromDays(2) };
        var again = EnrollmentState.Create("welcome", 2, "c1", "c1#3") with { Status = EnrollmentStatus.Exited, EnteredAt = T0 + Duration.FromDays(3) };
        foreach (var state in new[] { welcome, birthday, waiting, again })
        {
            await store.SaveAsync(state, default);
        }

        return (store, welcome, waiting, again);
    }
}

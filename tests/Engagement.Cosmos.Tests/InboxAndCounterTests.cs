using Engagement.Engine.Events;
using Engagement.Engine.Timeline;
using NodaTime;

namespace Engagement.Cosmos.Tests;

/// <summary>Rejected events and the per-step counters.</summary>
public sealed class InboxAndCounterTests
{
    [CosmosFact]
    public async Task Inbox_RejectedEvents_AreKeptWithTheirReasonUnderTheirArrivalDay()
    {
        var stores = await LocalCosmos.StoresAsync();
        var at = Instant.FromUtc(2031, 1, 2, 3, 4) + Duration.FromSeconds(new Random().Next(0, 3600));
        var first = new RejectedEvent("http", at, """{"type":"x"}""", "customerId", "customerId is missing", LocalCosmos.NewId("e"));
        var second = new RejectedEvent("file.jsonl:12", at + Duration.FromMinutes(1), "{not json", null, "malformed JSON");
        await stores.Inbox.RejectAsync(second, default);
        await stores.Inbox.RejectAsync(first, default);

        var day = CosmosEventInbox.DayOf(first);
        Assert.Equal("2031-01-02", day);
        var kept = (await stores.Inbox.ListRejectedAsync(day, default)).Where(r => r == first || r == second).ToList();
        Assert.Equal([first, second], kept);
    }

    [CosmosFact]
    public async Task Counters_TimelineEntries_AreCountedPerStepDayAndReason()
    {
        var stores = await LocalCosmos.StoresAsync();
        var journey = LocalCosmos.NewId("journey");
        var at = Instant.FromUtc(2026, 3, 1, 23, 59);
        TimelineEntry Entry(TimelineKind kind, string step, string? reason = null, Instant? when = null) =>
            new() { At = when ?? at, Kind = kind, Journey = journey, Version = 2, Step = step, Reason = reason, CustomerId = "c-1" };

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => stores.Counters.RecordAsync(Entry(TimelineKind.Sent, "send"), default).AsTask()));
        await stores.Counters.RecordAsync(Entry(TimelineKind.Suppressed, "send", "quietHours"), default);
        await stores.Counters.RecordAsync(Entry(TimelineKind.Suppressed, "send", "cap/daily"), default);
        await stores.Counters.RecordAsync(Entry(TimelineKind.Entered, "wait"), default);
        await stores.Counters.RecordAsync(Entry(TimelineKind.Sent, "send", when: at + Duration.FromMinutes(2)), default);
        await stores.Counters.RecordAsync(new TimelineEntry { At = at, Kind = TimelineKind.Rejected }, default);

        var day = await stores.Counters.ListDayAsync(journey, "2026-03-01", default);
        Assert.Equal(["send", "wait"], day.Select(c => c.Step));
        var send = day[0].Counts;
        Assert.Equal(5, send["sent"]);
        Assert.Equal(2, send["suppressed"]);
        Assert.Equal(1, send["suppressed:quietHours"]);
        Assert.Equal(1, send["suppressed:cap_daily"]);
        Assert.Equal(1, day[1].Counts["entered"]);
        Assert.Equal(1, Assert.Single(await stores.Counters.ListDayAsync(journey, "2026-03-02", default)).Counts["sent"]);
    }
}

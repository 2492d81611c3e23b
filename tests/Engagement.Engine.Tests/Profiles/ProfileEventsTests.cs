using Engagement.Engine.Profiles;
using Engagement.Engine.Routing;
using Engagement.Engine.Serialization;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests.Profiles;

/// <summary>Applying an event once, recording its id and advancing the last event time, in one copy of the profile.</summary>
public sealed class ProfileEventsTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 1, 9, 0);

    private static readonly (string Type, string Data)[] Events =
    [
        ("customer.registered", """{ "email": "ann@example.com", "locale": "zh-CN", "timezone": "Asia/Shanghai", "tier": "silver" }"""),
        ("customer.updated", """{ "phone": "+8613800000001", "channels": ["sms", "email"], "attributes": { "vip": true } }"""),
        ("order.placed", """{ "amount": 129.5 }"""),
        ("complaint.opened", "{}"),
        ("complaint.resolved", "{}"),
        ("tier.upgraded", """{ "to": "gold" }"""),
        ("consent.granted", """{ "channel": "email", "purpose": "marketing" }"""),
        ("consent.revoked", """{ "channel": "sms", "purpose": "marketing" }"""),
        ("customer.unsubscribed", """{ "channel": "email" }"""),
        ("page.viewed", """{ "url": "/sale" }"""),
        ("tier.upgraded", "{}"),
    ];

    private static readonly CustomerProfile Stored = ProfileEvents.Apply(null, new CustomerEvent(
        "r0", "customer.registered", "c1", T0, ValueJson.Parse("""{ "email": "old@example.com", "tier": "bronze" }""")))! with
    { LastEventId = "r0", LastEventAt = T0 };

    public static TheoryData<int, int, bool> Cases()
    {
        var data = new TheoryData<int, int, bool>();
        for (var i = 0; i < Events.Length; i++)
        {
            foreach (var offsetHours in new[] { -2, 0, 3 })
            {
                data.Add(i, offsetHours, true);
                data.Add(i, offsetHours, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ApplyOnce_AdvancingInOneCopy_IsApplyThenRecordTheIdThenAdvance(int eventIndex, int offsetHours, bool stored)
    {
        var (type, data) = Events[eventIndex];
        var e = new CustomerEvent("e1", type, "c1", T0 + Duration.FromHours(offsetHours), ValueJson.Parse(data));
        var before = stored ? Stored : null;

        var merged = ProfileEvents.ApplyOnce(before, e, advanceLastEventAt: true);
        var stepwise = ProfileEvents.ApplyOnce(before, e) is { } applied ? EventOrdering.Advance(applied, e) : null;

        Assert.Equal(Json(stepwise), Json(merged));
        Assert.Equal(Json(ProfileEvents.ApplyOnce(before, e)), Json(ProfileEvents.ApplyOnce(before, e, advanceLastEventAt: false)));
    }

    [Fact]
    public void ApplyOnce_TheSameEventAgain_ChangesNothingButTheTime()
    {
        var e = new CustomerEvent("e1", "order.placed", "c1", T0 + Duration.FromHours(1), ValueJson.Parse("""{ "amount": 10 }"""));
        var once = ProfileEvents.ApplyOnce(Stored, e, advanceLastEventAt: true)!;

        var twice = ProfileEvents.ApplyOnce(once, e, advanceLastEventAt: true)!;

        Assert.Same(once, twice);
        Assert.Equal(1, twice.Attributes["orderCount"].AsNumber());
        Assert.Equal("e1", twice.LastEventId);
        Assert.Equal(e.Time, twice.LastEventAt);
    }

    [Fact]
    public void ApplyOnce_ALateOrder_CountsItAndKeepsTheLaterTime()
    {
        var late = new CustomerEvent("e2", "order.placed", "c1", T0 - Duration.FromDays(1), ValueJson.Parse("""{ "amount": 10 }"""));

        var after = ProfileEvents.ApplyOnce(Stored, late, advanceLastEventAt: true)!;

        Assert.Equal(1, after.Attributes["orderCount"].AsNumber());
        Assert.Equal("e2", after.LastEventId);
        Assert.Equal(T0, after.LastEventAt);
    }

    [Fact]
    public void ApplyOnce_AnEventThatChangesNothing_RecordsNoIdAndOnlyAdvancesTheTime()
    {
        var viewed = new CustomerEvent("e3", "page.viewed", "c1", T0 + Duration.FromHours(1), Value.EmptyObject);

        var after = ProfileEvents.ApplyOnce(Stored, viewed, advanceLastEventAt: true)!;
        var unchanged = ProfileEvents.ApplyOnce(Stored, viewed, advanceLastEventAt: false)!;

        Assert.Equal("r0", after.LastEventId);
        Assert.Equal(viewed.Time, after.LastEventAt);
        Assert.Same(Stored, unchanged);
    }

    private static string? Json(CustomerProfile? profile) => profile is null ? null : EngineJson.Serialize(profile);
}

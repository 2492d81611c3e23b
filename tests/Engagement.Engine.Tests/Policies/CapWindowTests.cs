using Engagement.Engine.Delivery;
using Engagement.Engine.Policies;
using Engagement.Engine.Tests.Delivery;
using NodaTime;
using static Engagement.Engine.Tests.Delivery.DeliveryFixture;

namespace Engagement.Engine.Tests.Policies;

public class CapWindowTests
{
    [Theory]
    [InlineData("Asia/Shanghai", "2026-03-08T15:00:00Z", "2026-03-08T16:00:00Z")] // Sunday 23:00 → Monday 00:00 in Shanghai
    [InlineData("America/Los_Angeles", "2026-03-09T06:00:00Z", "2026-03-09T08:00:00Z")] // Sunday 23:00 PDT, Monday 01:00 PDT
    public async Task WeeklyCap_ResetsOnMondayInTheCustomersZone(string zone, string sunday, string monday)
    {
        var f = new DeliveryFixture(DeliveryPipelineTests.Parse("""{ "caps": [ { "name": "weekly", "max": 1, "window": "week" } ] }"""));
        var profile = Customer("c1", zone, "email");
        var journey = Journey("promo");

        await f.Deliver(Request(journey, profile, At(sunday) - Duration.FromHours(1), step: "a"));
        await f.Deliver(Request(journey, profile, At(sunday), step: "b"));
        await f.Deliver(Request(journey, profile, At(monday), step: "c"));

        Assert.Equal(["a", "c"], f.Senders["email"].Calls.Select(c => c.Step));
        Assert.Equal(DeliveryReasons.FrequencyCap, f.Timeline.Entries.Single(e => e.Step == "b").Reason);
    }

    [Fact]
    public void Start_Week_IsMondayMidnightLocal()
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

        Assert.Equal(At("2026-03-01T16:00:00Z"), CapWindow.Week.Start(At("2026-03-04T12:00:00Z"), zone)); // Wed → Mon 2 March 00:00 +08
        Assert.Equal(At("2026-02-28T16:00:00Z"), CapWindow.Month.Start(At("2026-03-04T12:00:00Z"), zone));
        Assert.Equal(At("2026-03-03T16:00:00Z"), CapWindow.Day.Start(At("2026-03-04T12:00:00Z"), zone));
    }

    [Fact]
    public async Task RollingCap_CountsTheLastSevenDays()
    {
        var f = new DeliveryFixture(DeliveryPipelineTests.Parse("""{ "caps": [ { "name": "sms-7d", "channel": "sms", "max": 2, "window": "P7D" } ] }"""));
        var profile = Customer("c1", "UTC", "sms", "email");
        var journey = Journey("promo");
        var start = At("2026-03-02T12:00:00Z");

        await f.Deliver(Request(journey, profile, start, "sms", "a"));
        await f.Deliver(Request(journey, profile, start + Duration.FromDays(3), "sms", "b"));
        await f.Deliver(Request(journey, profile, start + Duration.FromDays(6), "sms", "c"));
        await f.Deliver(Request(journey, profile, start + Duration.FromDays(6), "email", "d"));
        await f.Deliver(Request(journey, profile, start + Duration.FromDays(7), "sms", "e"));

        Assert.Equal(["a", "b", "e"], f.Senders["sms"].Calls.Select(c => c.Step));
        Assert.Single(f.Senders["email"].Calls);
    }
}

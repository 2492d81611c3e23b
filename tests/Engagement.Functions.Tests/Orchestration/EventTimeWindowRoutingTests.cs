using Engagement.Engine.Routing;
using NodaTime;

namespace Engagement.Functions.Tests.Orchestration;

/// <summary>
/// The event-time window on the Service Bus trigger (functions/Routing, under the Durable Task test host): a message whose
/// event (an engine event line or a CloudEvent, as Event Grid delivers them) is dated year 9999 or 1999 is completed as a
/// dead-letter decision and kept as rejected with field <c>time</c> and its reason, against the time the message was enqueued;
/// an event inside the window routes and starts its journey.
/// </summary>
public sealed class EventTimeWindowRoutingTests
{
    [Fact]
    public async Task EventsDated9999And1999_AreKeptAsRejectedWithTheReason_AnInWindowOneStartsTheJourney()
    {
        await using var h = await DurableHarness.StartAsync("tier-upgrade", d => SecondsLongWaits.Apply(d, new HashSet<string>()), cloudEventTypePrefixes: ["com.shop."]);
        var customer = h.NotHeldOut("tw");
        await h.SaveProfileAsync(ScenarioProfiles.For("tier-upgrade", customer));
        const string Data = """{ "from": "Silver", "to": "Gold" }""";

        var future = await h.RouteAsync(h.Message("tier.upgraded", customer, Data, "far-future", Instant.FromUtc(9999, 12, 31, 0, 0)));
        var past = await h.RouteAsync(h.Message("tier.upgraded", customer, Data, "far-past", Instant.FromUtc(1999, 6, 1, 0, 0)));
        var cloudEvent = await h.RouteAsync(new BusMessage("m-ce", customer,
            $$"""{ "specversion": "1.0", "type": "com.shop.tier.upgraded", "source": "/crm", "id": "ce-1", "subject": "{{customer}}", "time": "9999-01-01T00:00:00Z", "data": {{Data}} }""",
            1, SystemClock.Instance.GetCurrentInstant()));
        var fine = await h.RouteAsync(h.Message("tier.upgraded", customer, Data, "fine"));

        Assert.Equal([RouteOutcome.DeadLetter, RouteOutcome.DeadLetter, RouteOutcome.DeadLetter], new[] { future.Outcome, past.Outcome, cloudEvent.Outcome });
        Assert.StartsWith("time: 9999-12-31T00:00:00Z is after 2100-01-01T00:00:00Z", future.Reason, StringComparison.Ordinal);
        Assert.StartsWith("time: 1999-06-01T00:00:00Z is before 2000-01-01T00:00:00Z", past.Reason, StringComparison.Ordinal);
        Assert.Equal(["far-future", "far-past", "ce:/crm#ce-1"], h.Stores.Rejected.Select(r => r.EventId));
        Assert.All(h.Stores.Rejected, r => Assert.Equal(("servicebus", "time"), (r.Source, r.Field)));
        Assert.Empty(future.Started);
        Assert.Equal(RouteOutcome.Routed, fine.Outcome);
        Assert.Equal("\"congratulated\"", (await h.CompletionAsync(Assert.Single(fine.Started))).SerializedOutput);
    }
}

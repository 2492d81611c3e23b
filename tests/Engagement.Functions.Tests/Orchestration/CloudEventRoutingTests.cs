using Engagement.Engine.Effects;
using Engagement.Engine.Routing;
using NodaTime;

namespace Engagement.Functions.Tests.Orchestration;

/// <summary>
/// Service Bus messages whose body is one structured-mode CloudEvent (as Event Grid delivers CloudEvents into Service Bus),
/// routed by functions/' trigger code with the app setting's type prefix (<c>com.shop.</c>) under the real Durable Task
/// executor (<see cref="DurableHarness"/>): they start and end journeys like engine events, and a CloudEvent erasure reaches
/// the orchestration instances too. Waits are seconds long or decided by events.
/// </summary>
public sealed class CloudEventRoutingTests
{
    private static readonly string[] Prefixes = ["com.shop."];

    [Fact]
    public async Task ACloudEventMessage_StartsTheJourneyToItsEnd_AndARedeliveredCopyIsADuplicate()
    {
        await using var h = await DurableHarness.StartAsync("tier-upgrade", d => SecondsLongWaits.Apply(d, new HashSet<string>()), cloudEventTypePrefixes: Prefixes);
        var customer = h.NotHeldOut("ce");
        await h.SaveProfileAsync(ScenarioProfiles.For("tier-upgrade", customer));
        var message = CloudEventMessage("com.shop.tier.upgraded", customer, "t-1", """{ "from": "Silver", "to": "Gold" }""");

        var instance = Assert.Single((await h.RouteAsync(message)).Started);
        var done = await h.CompletionAsync(instance);
        var again = await h.RouteAsync(message with { MessageId = "redelivered", DeliveryCount = 2 });

        Assert.Equal("\"congratulated\"", done.SerializedOutput);
        Assert.Equal(RouteOutcome.Duplicate, again.Outcome);
        Assert.Single(h.Outbox);
    }

    [Fact]
    public async Task ACloudEventErasure_TerminatesAndPurgesTheCustomersRunningInstance()
    {
        await using var h = await DurableHarness.StartAsync("welcome", d => SecondsLongWaits.Apply(d, new HashSet<string> { "await-second-order", "await-after-nudge" }), cloudEventTypePrefixes: Prefixes);
        var customer = h.NotHeldOut("cer");
        await h.SaveProfileAsync(ScenarioProfiles.For("welcome", customer));
        var instance = Assert.Single((await h.RouteAsync(CloudEventMessage("com.shop.customer.registered", customer, "r-1", "{}"))).Started);
        await h.WaitAtStepAsync(instance, "await-second-order");

        var erased = await h.RouteAsync(CloudEventMessage("com.shop." + Erasure.EventType, customer, "x-1", "{}"));

        Assert.Equal(RouteOutcome.Routed, erased.Outcome);
        Assert.Null(await h.Client.GetInstanceAsync(instance));
        Assert.True(Erasure.IsErased((await h.EnrollmentAsync(instance))!));
    }

    private static BusMessage CloudEventMessage(string type, string customerId, string id, string data) => new(
        "m-" + id,
        customerId,
        $$"""{ "specversion": "1.0", "type": "{{type}}", "source": "/crm", "id": "{{id}}", "subject": "{{customerId}}", "datacontenttype": "application/json", "data": {{data}} }""",
        1,
        SystemClock.Instance.GetCurrentInstant());
}

using Engagement.Cosmos;
using Engagement.Engine.Delivery;
using Engagement.Engine.Effects;
using Engagement.Engine.Routing;
using NodaTime;

namespace Engagement.Functions.Tests.Orchestration;

/// <summary>
/// functions/' orchestrator, activities and trigger code under the real Durable Task executor (<see cref="DurableHarness"/>)
/// with the Cosmos DB stores the Azure host registers, against the local Cosmos-compatible server (a database of its own per
/// run): a Reserved ledger entry left by a fault is finished in Cosmos by the retried activity, and an erasure reaches the
/// orchestration instance, the stored state and the customer's rejected input (through the per-customer index). Waits are
/// seconds long or decided by events. The database is shared by the tests of a run, so every event id names its customer.
/// </summary>
public sealed class CosmosDurableTests
{
    private static readonly Lazy<Task<CosmosStores>> Cosmos = new(() => CosmosStores.CreateAsync(
        CosmosClients.ForLocalServer(LocalCosmosFactAttribute.Endpoint!),
        new CosmosStoreOptions
        {
            DatabaseName = "engagement-functions-" + Guid.NewGuid().ToString("N")[..8],
            CreateIfNotExists = true,
            MissingDocumentMayAnswer500 = true,
        }));

    [LocalCosmosFact]
    public async Task FaultBetweenReservationAndProviderCall_TheRetriedActivityFinishesTheCosmosEntry_SentOnce()
    {
        var cosmos = await Cosmos.Value;
        var ledger = new FaultAfterReservationLedger(cosmos.Ledger);
        await using var h = await DurableHarness.StartAsync("tier-upgrade", d => SecondsLongWaits.Apply(d, new HashSet<string>()), ledger, cosmos: cosmos);
        var customer = h.NotHeldOut("cf" + Guid.NewGuid().ToString("N")[..6]);
        await h.SaveProfileAsync(ScenarioProfiles.For("tier-upgrade", customer));

        var instance = Assert.Single((await h.RouteAsync(h.Message("tier.upgraded", customer, """{ "from": "Silver", "to": "Gold" }""", id: customer + "-t"))).Started);
        var done = await h.CompletionAsync(instance);

        Assert.Equal(1, ledger.Faults);
        Assert.Equal("\"congratulated\"", done.SerializedOutput);
        var sent = Assert.Single(h.Outbox);
        Assert.Equal(LedgerStatus.Sent, (await cosmos.Ledger.GetAsync(sent.LedgerKey, CancellationToken.None))!.Status);
    }

    [LocalCosmosFact]
    public async Task Erasure_PurgesTheInstance_ScrubsTheStoredState_AndRedactsTheCustomersRejectedInput()
    {
        var cosmos = await Cosmos.Value;
        await using var h = await DurableHarness.StartAsync("welcome", d => SecondsLongWaits.Apply(d, new HashSet<string> { "await-second-order", "await-after-nudge" }), cosmos: cosmos);
        var customer = h.NotHeldOut("ce" + Guid.NewGuid().ToString("N")[..6]);
        await h.SaveProfileAsync(ScenarioProfiles.For("welcome", customer));
        var instance = Assert.Single((await h.RouteAsync(h.Message("customer.registered", customer, id: customer + "-r"))).Started);
        await h.WaitAtStepAsync(instance, "await-second-order");
        var badBody = $$"""{ "id": "bad-{{customer}}", "type": "order.placed", "customerId": "{{customer}}", "data": { "email": "x@example.com" } }""";
        var before = SystemClock.Instance.GetCurrentInstant();
        var bad = await h.RouteAsync(new BusMessage("m-bad", customer, badBody, 1, before));
        Assert.Equal(RouteOutcome.DeadLetter, bad.Outcome);
        var days = new[] { before, SystemClock.Instance.GetCurrentInstant() } // the rejected item's partition: its arrival day (UTC)
            .Select(at => CosmosEventInbox.DayOf(new Engine.Events.RejectedEvent("servicebus", at, badBody, null, "-"))).Distinct().ToList();
        Assert.Contains(await RejectedAsync(cosmos, days), r => r.Raw.Contains(customer, StringComparison.Ordinal));

        Assert.Equal(RouteOutcome.Routed, (await h.RouteAsync(h.Message(Erasure.EventType, customer, id: customer + "-x"))).Outcome);

        Assert.Null(await h.Client.GetInstanceAsync(instance));
        Assert.Null(await cosmos.Profiles.GetAsync(customer, CancellationToken.None));
        Assert.True(Erasure.IsErased((await h.EnrollmentAsync(instance))!));
        Assert.DoesNotContain(await RejectedAsync(cosmos, days), r => r.Raw.Contains(customer, StringComparison.Ordinal));
    }

    private static async Task<List<Engine.Events.RejectedEvent>> RejectedAsync(CosmosStores cosmos, IEnumerable<string> days)
    {
        var all = new List<Engine.Events.RejectedEvent>();
        foreach (var day in days)
        {
            all.AddRange(await cosmos.Inbox.ListRejectedAsync(day, CancellationToken.None));
        }

        return all;
    }
}

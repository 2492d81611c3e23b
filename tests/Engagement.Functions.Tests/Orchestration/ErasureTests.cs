using Engagement.Engine.Effects;
using Engagement.Engine.Routing;

namespace Engagement.Functions.Tests.Orchestration;

/// <summary>
/// Erasure reaches the Durable leftovers under the real executor (<see cref="DurableHarness"/>): after a <c>customer.erased</c>
/// event the customer's orchestration instances, running or finished, are terminated and purged, and a redelivered erasure
/// repeats it harmlessly. Waits are seconds long or decided by events.
/// </summary>
public sealed class ErasureTests
{
    [Fact]
    public async Task Erasure_ARunningInstance_IsTerminatedAndPurged_AndTheStoresForgetTheCustomer()
    {
        await using var h = await DurableHarness.StartAsync("welcome", d => SecondsLongWaits.Apply(d, new HashSet<string> { "await-second-order", "await-after-nudge" }));
        var customer = h.NotHeldOut("er");
        await h.SaveProfileAsync(ScenarioProfiles.For("welcome", customer));
        var instance = Assert.Single((await h.RouteAsync(h.Message("customer.registered", customer))).Started);
        await h.WaitAtStepAsync(instance, "await-second-order");

        var erased = h.Message(Erasure.EventType, customer);
        Assert.Equal(RouteOutcome.Routed, (await h.RouteAsync(erased)).Outcome);

        Assert.Null(await h.Client.GetInstanceAsync(instance));
        Assert.Null(await h.GatedAsync(async () => await h.Stores.GetAsync(customer, CancellationToken.None)));
        Assert.True(Erasure.IsErased((await h.EnrollmentAsync(instance))!));
        Assert.Equal(RouteOutcome.Duplicate, (await h.RouteAsync(erased)).Outcome); // a redelivered copy: nothing left to purge, no error
    }

    [Fact]
    public async Task Erasure_AFinishedInstance_IsPurged()
    {
        await using var h = await DurableHarness.StartAsync("tier-upgrade", d => SecondsLongWaits.Apply(d, new HashSet<string>()));
        var customer = h.NotHeldOut("ef");
        await h.SaveProfileAsync(ScenarioProfiles.For("tier-upgrade", customer));
        var instance = Assert.Single((await h.RouteAsync(h.Message("tier.upgraded", customer, """{ "from": "Silver", "to": "Gold" }"""))).Started);
        await h.CompletionAsync(instance);

        await h.RouteAsync(h.Message(Erasure.EventType, customer));

        Assert.Null(await h.Client.GetInstanceAsync(instance));
    }
}

using Engagement.Engine.InMemory;
using Engagement.Engine.Orchestration;
using Engagement.Engine.Routing;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Tests.Routing;

/// <summary>What the router asks of the orchestrations: starts under deterministic ids, events raised to those that wait, exits.</summary>
public sealed class EventRouterTests : IDisposable
{
    private readonly RouterFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Route_Registration_StartsEveryTriggeredJourneyUnderItsEnrollmentId()
    {
        var result = await _f.RouteAsync("r1", "customer.registered", "c1", RouterFixture.T0, """{ "email": "c1@example.com", "locale": "en" }""");

        Assert.Equal(RouteOutcome.Routed, result.Outcome);
        Assert.Equal([EnrollmentIds.For("birthday", 1, "c1", "c1"), EnrollmentIds.For("welcome", 1, "c1", "c1")], result.Started);
        var input = _f.Client.Instances[EnrollmentIds.For("welcome", 1, "c1", "c1")];
        var started = Assert.IsType<EnrollmentStarted>(input.Next);
        Assert.Equal("r1", started.Trigger.Id);
        Assert.Equal(RouterFixture.T0, started.At);
        Assert.True(started.Profile!.Data["hasEmail"].AsBoolean());
        Assert.Null(started.Profile.Data["email"].AsString());  // no contact details in orchestration inputs
        var stored = await ((Engagement.Engine.Ports.IEnrollmentStore)_f.Stores).GetAsync(input.State.EnrollmentId, CancellationToken.None);
        Assert.Equal(EnrollmentStatus.New, stored!.Status);
        Assert.Equal(RouterFixture.T0, stored.EnteredAt);
    }

    [Fact]
    public async Task Route_SecondRegistration_StartsNothingForANeverReenteredJourney()
    {
        await _f.RouteAsync("r1", "customer.registered", "c1", RouterFixture.T0);

        var second = await _f.RouteAsync("r2", "customer.registered", "c1", RouterFixture.T0 + Duration.FromDays(1));

        Assert.Equal(RouteOutcome.Routed, second.Outcome);
        Assert.Empty(second.Started);
        Assert.Equal(2, _f.Client.StartCalls.Count);
    }

    [Fact]
    public async Task Route_RedeliveredAfterTheInboxLostTheEvent_StartsTheSameInstanceOnlyOnce()
    {
        await _f.RouteAsync("c-1", "complaint.opened", "c1", RouterFixture.T0, """{ "complaintId": "k1" }""");
        var forgetful = new EventRouter(_f.Catalog, _f.Ports with { Inbox = new InMemoryStores() }, _f.Client);

        var again = await forgetful.RouteAsync(RouterFixture.Message("c-1", "complaint.opened", "c1", RouterFixture.T0, """{ "complaintId": "k1" }"""), RouterFixture.T0);

        var id = EnrollmentIds.For("complaint", 1, "c1", "k1");
        Assert.Equal(RouteOutcome.Routed, again.Outcome);
        Assert.Empty(again.Started);
        Assert.Single(_f.Client.Instances);
        Assert.Contains(id, _f.Client.Instances.Keys);
    }

    [Fact]
    public async Task Route_StartOfAnInstanceThatExists_IsHarmlessAndKeepsTheStoredState()
    {
        var id = EnrollmentIds.For("complaint", 1, "c1", "k1");
        var progressed = await _f.ReachAsync("complaint", "c1", EnrollmentStatus.Waiting, "complaint.resolved", key: "k1");
        _f.Client.Instances[id] = JourneyOrchestrationInput.Start(progressed, new EnrollmentStarted(RouterFixture.T0, null, new CustomerEvent("x", "complaint.opened", "c1", RouterFixture.T0, Journeys.Values.Value.EmptyObject)));

        // A new key enrolls; the key that exists is a duplicate-key skip before any start.
        var result = await _f.RouteAsync("c-2", "complaint.opened", "c1", RouterFixture.T0, """{ "complaintId": "k2" }""");

        Assert.Equal([EnrollmentIds.For("complaint", 1, "c1", "k2")], result.Started);
        Assert.Equal(EnrollmentStatus.Waiting, (await ((Engagement.Engine.Ports.IEnrollmentStore)_f.Stores).GetAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Route_Order_IsRaisedOnlyToRunningEnrollmentsThatMayWaitForIt()
    {
        var welcome = await _f.ReachAsync("welcome", "c1", EnrollmentStatus.Waiting, awaiting: "order.placed");
        await _f.ReachAsync("birthday", "c1", EnrollmentStatus.Waiting);
        await _f.ReachAsync("complaint", "c1", EnrollmentStatus.Waiting, awaiting: "complaint.resolved", key: "k1");
        await _f.ReachAsync("welcome", "c2", EnrollmentStatus.Exited);

        var result = await _f.RouteAsync("o1", "order.placed", "c1", RouterFixture.T0 + Duration.FromHours(1), """{ "amount": 5 }""");

        Assert.Equal([welcome.EnrollmentId], result.Raised);
        var (instance, name, payload) = Assert.Single(_f.Client.Raised);
        Assert.Equal(welcome.EnrollmentId, instance);
        Assert.Equal(JourneyActivities.CustomerEventName, name);
        Assert.Equal("o1", payload.Id);

        var exitedCustomer = await _f.RouteAsync("o2", "order.placed", "c2", RouterFixture.T0, """{ "amount": 5 }""");
        Assert.Empty(exitedCustomer.Raised);
    }

    [Fact]
    public async Task Route_EventForAStepNotYetReached_IsRaisedBecauseTheStoredStateMayLag()
    {
        // Stored at its start; the instance may have reached wait-buy since (Durable saves state only with side effects).
        var welcome = await _f.ReachAsync("welcome", "c1", EnrollmentStatus.New);

        var result = await _f.RouteAsync("o1", "order.placed", "c1", RouterFixture.T0, """{ "amount": 5 }""");

        Assert.Equal([welcome.EnrollmentId], result.Raised);
    }

    [Fact]
    public async Task Route_EmailUnsubscribe_ExitsMarketingJourneysSendingEmailOnly()
    {
        var welcome = await _f.ReachAsync("welcome", "c1", EnrollmentStatus.Waiting, awaiting: "order.placed");
        await _f.ReachAsync("birthday", "c1", EnrollmentStatus.Waiting);
        await _f.ReachAsync("complaint", "c1", EnrollmentStatus.Waiting, awaiting: "complaint.resolved", key: "k1");

        var result = await _f.RouteAsync("u1", "customer.unsubscribed", "c1", RouterFixture.T0, """{ "channel": "email" }""");

        Assert.Equal([welcome.EnrollmentId], result.Exited);
        Assert.Empty(result.Raised);
        var (instance, name, payload) = Assert.Single(_f.Client.Raised);
        Assert.Equal(welcome.EnrollmentId, instance);
        Assert.Equal(JourneyActivities.CustomerEventName, name);
        Assert.True(ExitRequests.TryRead(payload, out var reason));
        Assert.Equal("unsubscribed", reason);
        var profile = await _f.Stores.GetAsync("c1", CancellationToken.None);
        Assert.False(profile!.ConsentFor("email", Engagement.Engine.Profiles.ConsentPurpose.Marketing)!.Granted);
    }

    [Fact]
    public async Task Route_UnsubscribeFromEverything_ExitsEveryMarketingJourneyButNotTheTransactionalOne()
    {
        var welcome = await _f.ReachAsync("welcome", "c1", EnrollmentStatus.Waiting, awaiting: "order.placed");
        var birthday = await _f.ReachAsync("birthday", "c1", EnrollmentStatus.Waiting);
        await _f.ReachAsync("complaint", "c1", EnrollmentStatus.Waiting, awaiting: "complaint.resolved", key: "k1");

        var result = await _f.RouteAsync("u1", "customer.unsubscribed", "c1", RouterFixture.T0, """{ "channel": "all" }""");

        Assert.Equal(new[] { welcome.EnrollmentId, birthday.EnrollmentId }.Order(StringComparer.Ordinal), result.Exited.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Route_Erasure_ExitsEveryRunningEnrollmentErasesTheProfileAndLeavesATombstone()
    {
        await _f.RouteAsync("r1", "customer.registered", "c1", RouterFixture.T0, """{ "email": "c1@example.com" }""");
        await _f.ReachAsync("welcome", "c1", EnrollmentStatus.Exited);

        var result = await _f.RouteAsync("x1", "customer.erased", "c1", RouterFixture.T0 + Duration.FromDays(1));

        Assert.Equal([EnrollmentIds.For("birthday", 1, "c1", "c1")], result.Exited);
        Assert.All(_f.Client.Raised, r => Assert.True(ExitRequests.TryRead(r.Payload, out var why) && why == "erased"));
        Assert.Null(await _f.Stores.GetAsync("c1", CancellationToken.None));
        Assert.NotNull(await ((Engagement.Engine.Ports.IMessageLedger)_f.Stores).GetAsync("erased/c1", CancellationToken.None));
    }

    [Fact]
    public async Task Route_Erasure_SavesEveryStoredEnrollmentOfTheCustomerWithoutItsEvent()
    {
        await _f.RouteAsync("r1", "customer.registered", "c1", RouterFixture.T0, """{ "email": "c1@example.com" }""");
        Assert.Contains(await _f.Stores.ListByCustomerAsync("c1", CancellationToken.None), s => s.Event["email"].AsString() == "c1@example.com");

        await _f.RouteAsync("x1", "customer.erased", "c1", RouterFixture.T0 + Duration.FromDays(1));

        var stored = await _f.Stores.ListByCustomerAsync("c1", CancellationToken.None);
        Assert.NotEmpty(stored);
        Assert.All(stored, s => Assert.Equal(Journeys.Values.Value.EmptyObject, s.Event));
    }

    [Fact]
    public void InstanceIds_EnrollmentIds_AreValidDurableIdsAsTheyAre()
    {
        var longest = EnrollmentIds.For(new string('j', 80), int.MaxValue, "客户/#?\\" + new string('c', 80), "k#2");

        Assert.True(InstanceIds.IsValid(longest));
        Assert.Equal(longest, InstanceIds.For(longest));
        Assert.True(longest.Length <= 100, longest);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    [InlineData("a\u0001b")]
    public void InstanceIds_ForbiddenCharacters_AreHashedIntoAValidId(string id)
    {
        var instance = InstanceIds.For(id);

        Assert.False(InstanceIds.IsValid(id));
        Assert.True(InstanceIds.IsValid(instance));
        Assert.StartsWith("enr-", instance);
        Assert.Equal(instance, InstanceIds.For(id));
    }

    [Fact]
    public void InstanceIds_TooLong_IsHashed()
    {
        Assert.Equal(20, InstanceIds.For(new string('a', 101)).Length);
    }

    [Fact]
    public async Task Route_DeferredSendComingDue_IsHandedToTheDeliveryPipelineOnce()
    {
        var delivery = new RecordingDelivery();
        var router = new EventRouter(_f.Catalog, _f.Ports, _f.Client, delivery: delivery);
        var due = DeferredSends.Create("welcome-v1-c1-x/hello/1", "c1", RouterFixture.T0);
        var message = new BusMessage(due.Id, "c1", Engine.Events.EventJson.Write(due), 1, RouterFixture.T0);

        var first = await router.RouteAsync(message, RouterFixture.T0);
        var again = await router.RouteAsync(message, RouterFixture.T0);

        Assert.Equal(RouteOutcome.Routed, first.Outcome);
        Assert.Equal(RouteOutcome.Duplicate, again.Outcome);
        Assert.Equal([("welcome-v1-c1-x/hello/1", RouterFixture.T0)], delivery.Deferred);
        Assert.Empty(_f.Client.StartCalls);
        Assert.Null(await _f.Stores.GetAsync("c1", CancellationToken.None));
    }

    private sealed class RecordingDelivery : Engagement.Engine.Ports.IDelivery
    {
        public List<(string Key, Instant At)> Deferred { get; } = [];

        public ValueTask DeliverAsync(IReadOnlyList<Engine.Delivery.DeliveryRequest> batch, CancellationToken cancellationToken) => throw new InvalidOperationException("not expected");

        public ValueTask DeliverDeferredAsync(string ledgerKey, Instant now, CancellationToken cancellationToken)
        {
            Deferred.Add((ledgerKey, now));
            return ValueTask.CompletedTask;
        }
    }
}

using Engagement.Engine;
using Engagement.Engine.Catalog;
using Engagement.Engine.Delivery;
using Engagement.Engine.InMemory;
using Engagement.Engine.Policies;
using Engagement.Engine.Ports;
using Engagement.Engine.Simulation;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Cosmos.Tests;

/// <summary>A small journey run through <see cref="EngagementEngine"/> with every storage port on the local Cosmos server.</summary>
public sealed class EngineEndToEndTests : IDisposable
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 2, 0);
    private readonly string _dir = Directory.CreateTempSubdirectory("engage-cosmos-").FullName;
    private readonly VirtualTimeQueue _queue = new();
    private readonly List<OutboundMessage> _messages = [];

    public EngineEndToEndTests()
    {
        var templates = Directory.CreateDirectory(Path.Combine(_dir, "templates")).FullName;
        foreach (var name in new[] { "hello", "thanks", "reminder" })
        {
            File.WriteAllText(Path.Combine(templates, $"{name}.email.en.liquid"), $"---\nsubject: {name}\n---\n{name} body");
        }

        File.WriteAllText(Path.Combine(_dir, "onboard.json"), """
            { "id": "onboard", "version": 1, "name": "Onboard", "category": "transactional", "trigger": { "event": "customer.registered" },
              "start": "hello",
              "steps": {
                "hello": { "type": "send", "channel": "email", "template": "hello", "next": "call" },
                "call": { "type": "task", "queue": "care", "priority": "normal", "title": "Call a new customer", "next": "await" },
                "await": { "type": "waitForEvent", "event": "order.placed", "timeout": "P2D", "next": "thanks", "onTimeout": "reminder" },
                "thanks": { "type": "send", "channel": "email", "template": "thanks", "next": "done" },
                "reminder": { "type": "send", "channel": "email", "template": "reminder", "next": "done" },
                "done": { "type": "exit" } } }
            """);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [CosmosFact]
    public async Task Journey_ThroughTheEngineWithCosmosStores_SendsEachMessageOnceAndLeavesConsistentState()
    {
        var stores = await LocalCosmos.StoresAsync();
        var (engine, pipeline) = Build(stores, DeliveryPolicy.Empty);
        var buyer = LocalCosmos.NewId("buyer");
        var browser = LocalCosmos.NewId("browser");

        Assert.True(await engine.HandleEventAsync(Registered(buyer, T0), T0));
        Assert.False(await engine.HandleEventAsync(Registered(buyer, T0), T0));
        Assert.True(await engine.HandleEventAsync(Registered(browser, T0), T0));
        Assert.Single(await stores.Enrollments.ListAwaitingAsync(browser, "order.placed", default));

        var ordered = T0 + Duration.FromHours(5);
        await engine.HandleEventAsync(new CustomerEvent(LocalCosmos.NewId("order"), "order.placed", buyer, ordered, ValueJson.Parse("""{ "orderId": "o-1" }""")), ordered);
        await RunDueAsync(engine, pipeline, T0 + Duration.FromDays(3));

        Assert.Equal(["hello", "thanks"], _messages.Where(m => m.CustomerId == buyer).Select(m => m.Subject));
        Assert.Equal(["hello", "reminder"], _messages.Where(m => m.CustomerId == browser).Select(m => m.Subject));
        foreach (var customer in new[] { buyer, browser })
        {
            var enrollment = Assert.Single(await stores.Enrollments.ListByCustomerAsync(customer, default));
            Assert.Equal(EnrollmentStatus.Exited, enrollment.Status);
            Assert.Equal(2, (await stores.Ledger.ListSentSinceAsync(customer, T0, default)).Count);
            Assert.Equal("care", (await stores.Tasks.GetAsync(customer, enrollment.EnrollmentId + "/call/1", default))?.Queue);
            Assert.Empty(await stores.Enrollments.ListAwaitingAsync(customer, "order.placed", default));
        }

        var counters = await stores.Counters.ListDayAsync("onboard", "2026-03-02", default);
        Assert.True(counters.Single(c => c.Step == "hello").Counts["sent"] >= 2);
    }

    [CosmosFact]
    public async Task QuietHours_DeferredSendDeliveredTwiceByAnotherInstance_IsSentOnceWhenDue()
    {
        var stores = await LocalCosmos.StoresAsync();
        Assert.True(PolicyParser.TryParse("policies.json", """
            { "transactional": { "exemptFromQuietHours": false }, "quietHours": { "channels": { "email": { "from": "21:00", "to": "08:00" } } } }
            """, out var policy, out var problems), string.Join("\n", problems));
        var (engine, _) = Build(stores, policy!);
        var customer = LocalCosmos.NewId("night");

        await engine.HandleEventAsync(Registered(customer, T0), T0); // 02:00 UTC: quiet until 08:00
        Assert.Empty(_messages);
        var enrollment = Assert.Single(await stores.Enrollments.ListByCustomerAsync(customer, default));
        var key = enrollment.EnrollmentId + "/hello/1";
        Assert.Equal(LedgerStatus.Deferred, (await stores.Ledger.GetAsync(key, default))!.Status);

        // Another process picks up the deferred timer (it finds the ledger partition through the enrollment index), twice.
        var (_, otherPipeline) = Build(await LocalCosmos.NewStoresAsync(), policy!);
        var due = Instant.FromUtc(2026, 3, 2, 8, 0);
        await otherPipeline.DeliverDeferredAsync(key, due, default);
        await otherPipeline.DeliverDeferredAsync(key, due, default);

        Assert.Equal("hello", Assert.Single(_messages).Subject);
        var sent = (await stores.Ledger.GetAsync(key, default))!;
        Assert.Equal((LedgerStatus.Sent, due), (sent.Status, sent.SentAt));
    }

    [CosmosFact]
    public async Task Erasure_ThroughTheEngine_ExitsTheEnrollmentRemovesTheProfileAndLeavesATombstone()
    {
        var stores = await LocalCosmos.StoresAsync();
        var (engine, pipeline) = Build(stores, DeliveryPolicy.Empty);
        var customer = LocalCosmos.NewId("gone");
        await engine.HandleEventAsync(Registered(customer, T0), T0);
        Assert.NotNull(await stores.Profiles.GetAsync(customer, default));

        var at = T0 + Duration.FromHours(1);
        await engine.HandleEventAsync(new CustomerEvent(LocalCosmos.NewId("erase"), "customer.erased", customer, at, Value.EmptyObject), at);
        await RunDueAsync(engine, pipeline, T0 + Duration.FromDays(3));

        Assert.Null(await stores.Profiles.GetAsync(customer, default));
        var enrollment = Assert.Single(await stores.Enrollments.ListByCustomerAsync(customer, default));
        Assert.Equal((EnrollmentStatus.Exited, "erased"), (enrollment.Status, enrollment.ExitReason));
        var elsewhere = await LocalCosmos.NewStoresAsync();
        Assert.Equal(LedgerStatus.Erased, (await elsewhere.Ledger.GetAsync("erased/" + customer, default))!.Status);
        Assert.Equal(["hello"], _messages.Select(m => m.Subject));
    }

    [CosmosFact]
    public async Task Registration_WhoseTaskCreateFailsOnce_IsDoneByTheRedeliveryWithOneMessageOneTaskAndTheInboxMarkedAfter()
    {
        var stores = await LocalCosmos.StoresAsync();
        var tasks = new TasksFailingOnce(stores.Tasks);
        var (engine, _) = Build(stores, DeliveryPolicy.Empty, tasks);
        var customer = LocalCosmos.NewId("retry");
        var registered = Registered(customer, T0);

        await Assert.ThrowsAsync<InvalidOperationException>(() => engine.HandleEventAsync(registered, T0).AsTask());
        Assert.False(await stores.Inbox.IsProcessedAsync(registered.Id, default));
        Assert.Empty(await stores.Enrollments.ListByCustomerAsync(customer, default));
        Assert.True(await engine.HandleEventAsync(registered, T0));
        Assert.False(await engine.HandleEventAsync(registered, T0));

        Assert.Equal(["hello"], _messages.Where(m => m.CustomerId == customer).Select(m => m.Subject));
        var enrollment = Assert.Single(await stores.Enrollments.ListAwaitingAsync(customer, "order.placed", default));
        Assert.Equal("care", (await stores.Tasks.GetAsync(customer, enrollment.EnrollmentId + "/call/1", default))?.Queue);
        Assert.True(await stores.Inbox.IsProcessedAsync(registered.Id, default));
        Assert.Equal(registered.Id, (await stores.Profiles.GetAsync(customer, default))!.LastEventId);
    }

    private (EngagementEngine Engine, DeliveryPipeline Pipeline) Build(CosmosStores stores, DeliveryPolicy policy, ITaskSink? tasks = null)
    {
        var catalog = JourneyCatalog.Load(_dir, out var diagnostics);
        Assert.Empty(diagnostics);
        var channels = new IChannelSender[] { new OutboxChannel("email", _messages) };
        var pipeline = new DeliveryPipeline(policy, stores.Ledger, catalog.Templates, channels, stores.Profiles, stores.Counters, _queue, links: null);
        var ports = stores.Ports(_queue, _queue, channels);
        return (new EngagementEngine(catalog, tasks is null ? ports : ports with { Tasks = tasks }, pipeline), pipeline);
    }

    /// <summary>The task store failing once, as a timeout midway through an event's work would.</summary>
    private sealed class TasksFailingOnce(ITaskSink inner) : ITaskSink
    {
        private bool _failed;

        public ValueTask CreateAsync(Engine.Tasks.HumanTask task, CancellationToken cancellationToken)
        {
            if (!_failed)
            {
                _failed = true;
                throw new InvalidOperationException("tasks unavailable (injected failure)");
            }

            return inner.CreateAsync(task, cancellationToken);
        }
    }

    private static CustomerEvent Registered(string customer, Instant at) =>
        new("reg-" + customer, "customer.registered", customer, at, ValueJson.Parse($$"""{ "email": "{{customer}}@example.com" }"""));

    private async Task RunDueAsync(EngagementEngine engine, IDelivery pipeline, Instant until)
    {
        while (_queue.PeekTime is { } next && next <= until && _queue.TryTake(out var at, out var e, out var enrollment, out var deferred))
        {
            if (e is not null)
            {
                await engine.HandleEventAsync(e, at);
            }
            else if (enrollment is not null)
            {
                await engine.HandleWakeUpAsync(enrollment, at, at);
            }
            else if (deferred is not null)
            {
                await pipeline.DeliverDeferredAsync(deferred, at, default);
            }
        }
    }
}

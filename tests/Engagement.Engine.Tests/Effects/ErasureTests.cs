using System.Collections.Immutable;
using Engagement.Engine.Catalog;
using Engagement.Engine.Delivery;
using Engagement.Engine.Effects;
using Engagement.Engine.Events;
using Engagement.Engine.InMemory;
using Engagement.Engine.Orchestration;
using Engagement.Engine.Policies;
using Engagement.Engine.Ports;
using Engagement.Engine.Serialization;
using Engagement.Engine.Simulation;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests.Effects;

/// <summary>Erasure through the embedded engine with in-memory stores, the Azure applier, and the rule itself.</summary>
public sealed class ErasureTests : IDisposable
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 10, 0);
    private const string Email = "wilhelmina.quast@example.com";
    private const string Name = "Wilhelmina Quastenberg";
    private readonly string _dir = Directory.CreateTempSubdirectory("engage-erasure-").FullName;
    private readonly InMemoryStores _stores = new();
    private readonly VirtualTimeQueue _queue = new();
    private readonly List<OutboundMessage> _messages = [];

    public ErasureTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "templates"));
        File.WriteAllText(Path.Combine(_dir, "templates", "hello.email.en.liquid"), "---\nsubject: Hi\n---\nHello {{ event.firstName }}");
        File.WriteAllText(Path.Combine(_dir, "welcome.json"), """
            { "id": "welcome", "version": 1, "name": "W", "category": "transactional", "trigger": { "event": "customer.registered" }, "reentry": "never",
              "start": "hello", "steps": { "hello": { "type": "send", "channel": "email", "template": "hello", "next": "wait" },
                                           "wait": { "type": "wait", "duration": "P7D", "next": "done" },
                                           "done": { "type": "exit" } } }
            """);
        File.WriteAllText(Path.Combine(_dir, "care.json"), """
            { "id": "care", "version": 1, "name": "C", "category": "transactional", "trigger": { "event": "complaint.opened" }, "reentry": "always",
              "start": "call", "steps": { "call": { "type": "task", "queue": "care", "title": "Call {{ event.name }}", "priority": "high", "next": "done" },
                                          "done": { "type": "exit" } } }
            """);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Erasure_ScrubsEveryEnrollmentsEventTaskTitlesAndRejectedLinesOfTheCustomerAndKeepsTheCounts()
    {
        var engine = Engine();
        await engine.HandleEventAsync(new CustomerEvent("r1", "customer.registered", "c1", T0, ValueJson.Parse($$"""{ "email": "{{Email}}", "firstName": "Wilhelmina", "locale": "en" }""")), T0);
        await engine.HandleEventAsync(new CustomerEvent("k1", "complaint.opened", "c1", T0, ValueJson.Parse($$"""{ "name": "{{Name}}" }""")), T0);
        await engine.HandleEventAsync(new CustomerEvent("r2", "customer.registered", "c2", T0, ValueJson.Parse("""{ "email": "c2@example.com", "locale": "en" }""")), T0);
        await _stores.RejectAsync(new RejectedEvent("http", T0, $$$"""{"id":"x","customerId":"c1","time":"soon","data":{"email":"{{{Email}}}"}}""", "time", "time: 'soon' is not an instant", "x"), default);
        await _stores.RejectAsync(new RejectedEvent("http", T0, """{"id":"y","customerId":"c2","time":"soon"}""", "time", "time: 'soon' is not an instant", "y"), default);
        Assert.Contains(Email, Everything());
        var before = SimulationSummary.From(_stores.Timeline);

        await engine.HandleEventAsync(new CustomerEvent("erase-1", Erasure.EventType, "c1", T0 + Duration.FromHours(1), Value.EmptyObject), T0 + Duration.FromHours(1));

        var everything = Everything();
        Assert.DoesNotContain(Email, everything);
        Assert.DoesNotContain("Wilhelmina", everything);
        Assert.Contains("c2@example.com", everything);
        Assert.All(_stores.Enrollments.Where(e => e.CustomerId == "c1"), e => Assert.Equal(Value.EmptyObject, e.Event));
        Assert.Equal(["completed", "erased"], _stores.Enrollments.Where(e => e.CustomerId == "c1").Select(e => e.ExitReason).Order());
        Assert.Equal(("c1", Erasure.Redacted), _stores.Tasks.Select(t => (t.CustomerId, t.Title)).Single());
        Assert.Equal([(Erasure.Redacted, "time"), ("""{"id":"y","customerId":"c2","time":"soon"}""", "time: 'soon' is not an instant")], _stores.Rejected.Select(r => (r.Raw, r.Reason)));
        var after = SimulationSummary.From(_stores.Timeline);
        Assert.Equal(before.Journeys.Select(j => (j.Journey, j.EnteredTreated, j.EnteredHoldout, j.Sent, j.Suppressed)), after.Journeys.Select(j => (j.Journey, j.EnteredTreated, j.EnteredHoldout, j.Sent, j.Suppressed)));
        Assert.Equal(LedgerStatus.Erased, (await ((IMessageLedger)_stores).GetAsync("erased/c1", default))!.Status);
        Assert.Null(await _stores.GetAsync("c1", default));
    }

    [Fact]
    public async Task ApplyEffects_OfAnEnrollmentExitedByErasure_SavesItWithoutItsEvent()
    {
        var catalog = Catalog();
        var ports = Ports(catalog);
        var applier = new EffectBatchApplier(catalog, ports, Delivery(catalog));
        var exited = EnrollmentState.Create("welcome", 1, "c1", "c1") with
        {
            Status = EnrollmentStatus.Exited, StepId = "wait", ExitReason = ExitReasons.Erased, ExitedAt = T0,
            Event = ValueJson.Parse($$"""{ "email": "{{Email}}" }"""),
        };

        await applier.ApplyAsync(new EffectBatch(exited, [new Exited("wait", ExitReasons.Erased)], T0));

        var stored = await ((IEnrollmentStore)_stores).GetAsync(exited.EnrollmentId, default);
        Assert.Equal((EnrollmentStatus.Exited, "erased", Value.EmptyObject), (stored!.Status, stored.ExitReason, stored.Event));
    }

    [Fact]
    public void LedgerEntry_AfterErasure_ADeferredSendNeverGoesOutAndReasonsKeepOnlyTheirCode()
    {
        var pending = new PendingSend
        {
            LedgerKey = "e/s/1", CustomerId = "c1", Journey = "j", Version = 1, Marketing = true, Step = "s", Channel = "email", Template = "t",
            EnrollmentId = "e", EventJson = """{"firstName":"Wilhelmina"}""",
        };
        var deferred = new LedgerEntry { Key = "e/s/1", CustomerId = "c1", Journey = "j", Step = "s", At = T0, Status = LedgerStatus.Deferred, Pending = pending, DeferredUntil = T0 };
        var failed = deferred with { Key = "e/s/2", Status = LedgerStatus.Failed, Pending = null, Reason = "invalid-contact: 550 <" + Email + "> unknown" };
        var tombstone = Erasure.Tombstone("c1", "x1", T0);

        Assert.Equal((LedgerStatus.Suppressed, "erased", null), (Erasure.Scrub(deferred).Status, Erasure.Scrub(deferred).Reason, Erasure.Scrub(deferred).Pending));
        Assert.Equal((LedgerStatus.Failed, "invalid-contact", "e/s/2"), (Erasure.Scrub(failed).Status, Erasure.Scrub(failed).Reason, Erasure.Scrub(failed).Key));
        Assert.Same(tombstone, Erasure.Scrub(tombstone));
    }

    [Theory]
    [InlineData("""{"id":"x","customerId":"c1","data":{}}""", true)]
    [InlineData("""{"id":"x","customerId":"c10","data":{"note":"c1"}}""", false)]
    [InlineData("""{"id":"x","customerId":"c1", "data": {"email":"a@b""", true)]
    [InlineData("""{"id":"x","customerId":"c10", "data": {""", false)]
    [InlineData("not json at all c1", false)]
    public void RejectedLine_BelongsToTheCustomer_OnlyWhenItsCustomerIdIsTheirs(string raw, bool mentions) =>
        Assert.Equal(mentions, Erasure.Mentions(raw, "c1"));

    [Fact]
    public void OutboundMessage_AfterErasure_KeepsItsKeysAndLosesRecipientSubjectBodyAndHeaders()
    {
        var message = new OutboundMessage
        {
            LedgerKey = "e/s/1", Channel = "email", CustomerId = "c1", To = Email, Subject = "Hi Wilhelmina", Body = "Hello Wilhelmina", Journey = "j", Step = "s",
            Template = "t", Locale = "en", Headers = ImmutableSortedDictionary<string, string>.Empty.Add("List-Unsubscribe", "<https://shop.example/u?t=abc>"),
        };

        var scrubbed = Erasure.Scrub(message);

        Assert.Equal(("e/s/1", "email", "c1", "j", "s", "t"), (scrubbed.LedgerKey, scrubbed.Channel, scrubbed.CustomerId, scrubbed.Journey, scrubbed.Step, scrubbed.Template));
        Assert.Equal((Erasure.Redacted, Erasure.Redacted, Erasure.Redacted, 0), (scrubbed.To, scrubbed.Subject, scrubbed.Body, scrubbed.Headers.Count));
    }

    [Fact]
    public void ExitedByErasure_AWaitingEnrollment_ExitsErasedWithoutWakeUpOrEvent()
    {
        var waiting = EnrollmentState.Create("welcome", 1, "c1", "c1") with
        {
            Status = EnrollmentStatus.Waiting, StepId = "wait", WakeAt = T0.Plus(Duration.FromDays(7)), AwaitingEvent = "order.placed",
            Event = ValueJson.Parse($$"""{ "email": "{{Email}}" }"""),
        };

        var erased = Erasure.ExitedByErasure(waiting, T0);

        Assert.True(Erasure.IsErased(erased));
        Assert.Equal((T0, (Instant?)null, (string?)null, "wait"), (erased.ExitedAt!.Value, erased.WakeAt, erased.AwaitingEvent, erased.StepId));
        Assert.Equal(Value.EmptyObject, erased.Event);
    }

    [Fact]
    public void ExitedByErasure_AnAlreadyExitedEnrollment_KeepsItsExitAndIsOnlyScrubbed()
    {
        var exited = EnrollmentState.Create("welcome", 1, "c1", "c1") with
        {
            Status = EnrollmentStatus.Exited, ExitReason = ExitReasons.Completed, ExitedAt = T0,
            Event = ValueJson.Parse($$"""{ "email": "{{Email}}" }"""),
        };

        var erased = Erasure.ExitedByErasure(exited, T0.Plus(Duration.FromDays(1)));

        Assert.Equal((ExitReasons.Completed, (Instant?)T0), (erased.ExitReason, erased.ExitedAt));
        Assert.Equal(Value.EmptyObject, erased.Event);
    }

    private string Everything() => EngineJson.Serialize(new { enrollments = _stores.Enrollments.ToList(), tasks = _stores.Tasks, rejected = _stores.Rejected });

    private JourneyCatalog Catalog()
    {
        var catalog = JourneyCatalog.Load(_dir, out var diagnostics);
        Assert.Empty(diagnostics);
        return catalog;
    }

    private EnginePorts Ports(JourneyCatalog catalog) =>
        new(_stores, _stores, _stores, _stores, _stores, _queue, _stores, _queue, [new OutboxChannel("email", _messages)], _stores);

    private DeliveryPipeline Delivery(JourneyCatalog catalog) =>
        new(DeliveryPolicy.Empty, _stores, catalog.Templates, [new OutboxChannel("email", _messages)], _stores, _stores, _queue, links: null);

    private EngagementEngine Engine()
    {
        var catalog = Catalog();
        return new EngagementEngine(catalog, Ports(catalog), Delivery(catalog));
    }
}

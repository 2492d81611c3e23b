using Engagement.Engine.Catalog;
using Engagement.Engine.InMemory;
using Engagement.Engine.Routing;
using Engagement.Engine.Simulation;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Tests.Routing;

/// <summary>
/// Three small journeys in a temporary directory, in-memory stores and a recording client: welcome (marketing email, then
/// waits for order.placed), birthday (marketing SMS after a wait) and complaint (transactional, waits for complaint.resolved).
/// </summary>
internal sealed class RouterFixture : IDisposable
{
    public static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 2, 0);

    private readonly string _dir = Directory.CreateTempSubdirectory("engage-router-").FullName;

    public RouterFixture()
    {
        var templates = Directory.CreateDirectory(Path.Combine(_dir, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "hello.email.en.liquid"), "---\nsubject: Hi\n---\nHello");
        File.WriteAllText(Path.Combine(templates, "bday.sms.en.liquid"), "Happy birthday");
        File.WriteAllText(Path.Combine(templates, "sorry.email.en.liquid"), "---\nsubject: Sorry\n---\nSorry");
        File.WriteAllText(Path.Combine(_dir, "welcome.json"), """
            { "id": "welcome", "version": 1, "name": "W", "category": "marketing", "trigger": { "event": "customer.registered" }, "reentry": "never",
              "start": "hello", "steps": { "hello": { "type": "send", "channel": "email", "template": "hello", "next": "wait-buy" },
                                           "wait-buy": { "type": "waitForEvent", "event": "order.placed", "timeout": "P7D", "next": "done", "onTimeout": "done" },
                                           "done": { "type": "exit" } } }
            """);
        File.WriteAllText(Path.Combine(_dir, "birthday.json"), """
            { "id": "birthday", "version": 1, "name": "B", "category": "marketing", "trigger": { "event": "customer.registered" }, "reentry": "never",
              "start": "wait", "steps": { "wait": { "type": "wait", "duration": "P30D", "next": "greet" },
                                          "greet": { "type": "send", "channel": "sms", "template": "bday", "next": "done" },
                                          "done": { "type": "exit" } } }
            """);
        File.WriteAllText(Path.Combine(_dir, "complaint.json"), """
            { "id": "complaint", "version": 1, "name": "C", "category": "transactional", "trigger": { "event": "complaint.opened", "key": "event.complaintId" }, "reentry": "always",
              "start": "sorry", "steps": { "sorry": { "type": "send", "channel": "email", "template": "sorry", "next": "wait" },
                                           "wait": { "type": "waitForEvent", "event": "complaint.resolved", "timeout": "P3D", "next": "done", "onTimeout": "done" },
                                           "done": { "type": "exit" } } }
            """);
        Catalog = JourneyCatalog.Load(_dir, out var diagnostics);
        Assert.Empty(diagnostics);
        Ports = new EnginePorts(Stores, Stores, Stores, Stores, Stores, Queue, Stores, Queue, []);
        Router = new EventRouter(Catalog, Ports, Client);
    }

    public JourneyCatalog Catalog { get; }

    public InMemoryStores Stores { get; } = new();

    public VirtualTimeQueue Queue { get; } = new();

    public EnginePorts Ports { get; }

    public RecordingOrchestrationClient Client { get; } = new();

    public EventRouter Router { get; }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static BusMessage Message(string id, string type, string customer, Instant time, string data = "{}", int deliveryCount = 1, string? session = "") =>
        new(id, session == "" ? customer : session, $$"""{ "id": "{{id}}", "type": "{{type}}", "customerId": "{{customer}}", "time": "{{InstantText.Format(time)}}", "data": {{data}} }""",
            deliveryCount, time);

    public ValueTask<RouteResult> RouteAsync(BusMessage message) => Router.RouteAsync(message, message.EnqueuedTime);

    public ValueTask<RouteResult> RouteAsync(string id, string type, string customer, Instant time, string data = "{}") =>
        RouteAsync(Message(id, type, customer, time, data));

    /// <summary>Stands in for the orchestration reaching a state (Durable: its ApplyEffects activity saves it).</summary>
    public async Task<EnrollmentState> ReachAsync(string journey, string customer, EnrollmentStatus status, string? awaiting = null, string? key = null)
    {
        var state = EnrollmentState.Create(journey, 1, customer, key ?? customer) with { Status = status, AwaitingEvent = awaiting, EnteredAt = T0 };
        await Stores.SaveAsync(state, CancellationToken.None);
        return state;
    }
}

using Engagement.Engine.Catalog;
using Engagement.Engine.Delivery;
using Engagement.Engine.InMemory;
using Engagement.Engine.Policies;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Simulation;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests;

public sealed class EngagementEngineTests : IDisposable
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 2, 0);
    private readonly string _dir = Directory.CreateTempSubdirectory("engage-engine-").FullName;
    private readonly InMemoryStores _stores = new();
    private readonly VirtualTimeQueue _queue = new();
    private readonly List<OutboundMessage> _messages = [];

    public EngagementEngineTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "templates"));
        File.WriteAllText(Path.Combine(_dir, "templates", "hello.email.en.liquid"), "---\nsubject: Hi\n---\nHello v1");
        File.WriteAllText(Path.Combine(_dir, "templates", "hello2.email.en.liquid"), "---\nsubject: Hi\n---\nHello v2");
        File.WriteAllText(Path.Combine(_dir, "welcome.json"), Journey(1, "hello"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Journey(int version, string template) => $$"""
        { "id": "welcome", "version": {{version}}, "name": "W", "category": "transactional", "trigger": { "event": "customer.registered" },
          "start": "wait", "steps": { "wait": { "type": "wait", "duration": "P1D", "next": "send" },
                                      "send": { "type": "send", "channel": "email", "template": "{{template}}", "next": "done" },
                                      "done": { "type": "exit" } } }
        """;

    private EngagementEngine Engine()
    {
        var catalog = JourneyCatalog.Load(_dir, out var diagnostics);
        Assert.Empty(diagnostics);
        var channels = new IChannelSender[] { new OutboxChannel("email", _messages) };
        var ports = new EnginePorts(_stores, _stores, _stores, _stores, _stores, _queue, _stores, _queue, channels);
        return new EngagementEngine(catalog, ports, new DeliveryPipeline(DeliveryPolicy.Empty, _stores, catalog.Templates, channels, _stores, _stores, _queue, links: null));
    }

    private static CustomerEvent Registered(string customer, Instant at) =>
        new("reg-" + customer, "customer.registered", customer, at, ValueJson.Parse($$"""{ "email": "{{customer}}@example.com" }"""));

    private async Task RunDueAsync(EngagementEngine engine, Instant until)
    {
        while (_queue.PeekTime is { } next && next <= until && _queue.TryTake(out var at, out var e, out var enrollment, out _))
        {
            if (e is not null)
            {
                await engine.HandleEventAsync(e, at);
            }
            else
            {
                await engine.HandleWakeUpAsync(enrollment!, at, at);
            }
        }
    }

    [Fact]
    public async Task NewVersion_EnrolledCustomersFinishOnTheirVersionAndNewOnesGetTheNewOne()
    {
        var v1 = Engine();
        await v1.HandleEventAsync(Registered("old", T0), T0);

        // Roll out version 2, keeping version 1 in archive/ for the customer still on it.
        Directory.CreateDirectory(Path.Combine(_dir, "archive"));
        File.Move(Path.Combine(_dir, "welcome.json"), Path.Combine(_dir, "archive", "welcome.v1.json"));
        File.WriteAllText(Path.Combine(_dir, "welcome.json"), Journey(2, "hello2"));
        var v2 = Engine();
        await v2.HandleEventAsync(Registered("new", T0 + Duration.FromHours(1)), T0 + Duration.FromHours(1));
        await RunDueAsync(v2, T0 + Duration.FromDays(3));

        Assert.Equal("Hello v1", Assert.Single(_messages, m => m.CustomerId == "old").Body);
        Assert.Equal("Hello v2", Assert.Single(_messages, m => m.CustomerId == "new").Body);
        var summary = SimulationSummary.From(_stores.Timeline);
        Assert.Equal([new VersionCount(1, 1), new VersionCount(2, 1)], summary.Journeys.Single().Versions);
    }

    [Fact]
    public async Task Erasure_ExitsEveryEnrollmentRemovesTheProfileAndLeavesATombstone()
    {
        var engine = Engine();
        await engine.HandleEventAsync(Registered("gone", T0), T0);
        await engine.HandleEventAsync(new CustomerEvent("erase-1", "customer.erased", "gone", T0 + Duration.FromHours(2), Value.EmptyObject), T0 + Duration.FromHours(2));
        await RunDueAsync(engine, T0 + Duration.FromDays(3));

        Assert.Null(await ((IProfileStore)_stores).GetAsync("gone", default));
        Assert.Contains(_stores.Timeline, e => e.Kind == TimelineKind.Exited && e.Reason == "erased");
        Assert.Empty(_messages);
        var tombstone = await ((IMessageLedger)_stores).GetAsync("erased/gone", default);
        Assert.Equal(LedgerStatus.Erased, tombstone!.Status);
        Assert.Null(tombstone.Channel);
    }

    [Fact]
    public async Task SameEventTwice_IsProcessedOnce()
    {
        var engine = Engine();
        Assert.True(await engine.HandleEventAsync(Registered("dup", T0), T0));
        Assert.False(await engine.HandleEventAsync(Registered("dup", T0), T0));
        Assert.Single(_stores.Timeline, e => e.Kind == TimelineKind.Entered);
    }
}

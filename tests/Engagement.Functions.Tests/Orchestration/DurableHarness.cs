using System.Globalization;
using Engagement.Cosmos;
using Engagement.Engine;
using Engagement.Engine.Catalog;
using Engagement.Engine.Delivery;
using Engagement.Engine.InMemory;
using Engagement.Engine.Orchestration;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Routing;
using Engagement.Engine.Simulation;
using Engagement.Engine.Timeline;
using Engagement.Functions.Hosting;
using Engagement.Functions.Orchestration;
using Engagement.Functions.Publishing;
using Engagement.Functions.Routing;
using Engagement.Journeys.Runtime;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Engagement.Functions.Tests.Orchestration;

/// <summary>
/// functions/' own <see cref="JourneyOrchestrator"/>, <see cref="JourneyActivityFunctions"/> and <see cref="RouteEventFunction"/>
/// (with its <see cref="DurableOrchestrationClient"/>) under the Durable Task in-process test host: the real executor, with
/// replay, durable timers, external events and ContinueAsNew, no Azure. The host runs the orchestrator and activities through a
/// <see cref="DurableTaskRegistry"/> registration that calls the function classes' methods, not through the Functions worker's
/// bindings (those are covered by <c>FunctionMetadataTests</c>). Behind them: the engine with in-memory stores and outbox
/// channels (or, when a test passes them, the Cosmos DB stores over the local Cosmos-compatible server for profiles,
/// enrollments, ledger, tasks, inbox and erasure; the timeline stays in memory to be read), and one shipped journey (from the functions app's output folder) with <see cref="SecondsLongWaits"/>.
/// The delivery policy is the shipped one without quiet hours and caps (they depend on the wall clock's time of day and are
/// tested in the engine); consent rules and suppressions stay. Store access is serialized by one gate: the in-memory stores
/// are single-threaded, and the host runs activities of different instances concurrently.
/// </summary>
public sealed class DurableHarness : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RouteEventFunction _router;
    private DurableTaskTestHost? _host;
    private int _messages;

    private DurableHarness(string journey, Func<Journeys.Definitions.JourneyDefinition, Journeys.Definitions.JourneyDefinition> shorten, IMessageLedger? ledger, JourneyOrchestrationOptions? options, InMemoryStores? stores, string[]? cloudEventTypePrefixes, CosmosStores? cosmos)
    {
        Stores = stores ?? new InMemoryStores();
        Catalog = JourneyCatalog.Load(Path.Combine(FunctionsOutput.Directory, "journeys"), out var problems, [journey]);
        Assert.Empty(problems);
        Ledger = ledger ?? (cosmos is null ? Stores : cosmos.Ledger);
        var policy = Catalog.Policy with { QuietHours = Engagement.Engine.Policies.QuietHoursPolicy.None, Caps = [] };
        var channels = new IChannelSender[] { new OutboxChannel("email", Outbox), new OutboxChannel("sms", Outbox), new OutboxChannel("push", Outbox) };
        Ports = cosmos is null
            ? new EnginePorts(Stores, Stores, Ledger, Stores, Stores, new DurableTimersWakeUps(), Stores, Queue, channels, Stores)
            : new EnginePorts(cosmos.Profiles, cosmos.Enrollments, Ledger, cosmos.Tasks, cosmos.Inbox, new DurableTimersWakeUps(), Stores, Queue, channels, cosmos.PersonalData);
        var delivery = new DeliveryPipeline(policy, Ledger, Catalog.Templates, channels, Ports.Profiles, Ports.Timeline, Queue, links: null);
        Activities = new JourneyActivityFunctions(new EffectBatchApplier(Catalog, Ports, delivery));
        Orchestrator = new JourneyOrchestrator(new JourneyOrchestration((id, version) => shorten(Catalog.Get(id, version)), options));
        _router = new RouteEventFunction(new RouterFactory(Catalog, Ports, delivery, NullLoggerFactory.Instance, TestSettings.Create(cloudEventTypePrefixes ?? [])), Ports, NullLogger<RouteEventFunction>.Instance);
    }

    /// <summary>The journey loaded (only that one, so other journeys' triggers do not interfere).</summary>
    public JourneyCatalog Catalog { get; }

    /// <summary>The in-memory stores behind every port (with Cosmos: the timeline only).</summary>
    public InMemoryStores Stores { get; }

    /// <summary>The ledger the delivery pipeline uses (the stores' unless a test passes a faulty one).</summary>
    public IMessageLedger Ledger { get; }

    /// <summary>Emitted events and deferred sends.</summary>
    public VirtualTimeQueue Queue { get; } = new();

    /// <summary>The ports.</summary>
    public EnginePorts Ports { get; }

    /// <summary>Every message any channel accepted, in order.</summary>
    public List<OutboundMessage> Outbox { get; } = [];

    /// <summary>The activity functions the host calls.</summary>
    public JourneyActivityFunctions Activities { get; }

    /// <summary>The orchestrator function the host runs.</summary>
    public JourneyOrchestrator Orchestrator { get; }

    /// <summary>The Durable client of the test host.</summary>
    public DurableTaskClient Client => _host!.Client;

    /// <summary>Starts the test host with the journey's waits shortened as <paramref name="shorten"/> says.</summary>
    public static async Task<DurableHarness> StartAsync(string journey, Func<Journeys.Definitions.JourneyDefinition, Journeys.Definitions.JourneyDefinition> shorten, IMessageLedger? ledger = null, JourneyOrchestrationOptions? options = null, InMemoryStores? stores = null, string[]? cloudEventTypePrefixes = null, CosmosStores? cosmos = null)
    {
        var harness = new DurableHarness(journey, shorten, ledger, options, stores, cloudEventTypePrefixes, cosmos);
        harness._host = await DurableTaskTestHost.StartAsync(registry =>
        {
            registry.AddOrchestratorFunc<string, string?>(JourneyOrchestrator.Name, (context, _) => harness.Orchestrator.RunAsync(context));
            registry.AddActivityFunc<string, string>(JourneyActivities.LoadProfile, (_, input) => harness.GatedAsync(() => harness.Activities.LoadProfileAsync(input, CancellationToken.None)));
            registry.AddActivityFunc<string, string>(JourneyActivities.ApplyEffects, (_, input) => harness.GatedAsync(() => harness.Activities.ApplyEffectsAsync(input, CancellationToken.None)));
        }, new DurableTaskTestHostOptions { Port = FreePort() });
        return harness;
    }

    /// <summary>Saves a customer profile (as the profile import would).</summary>
    public Task SaveProfileAsync(CustomerProfile profile) => GatedAsync(async () =>
    {
        await Ports.Profiles.SaveAsync(profile, CancellationToken.None);
        return true;
    });

    /// <summary>A bus message for a customer event happening now (or at <paramref name="at"/>), with a fresh id unless given.</summary>
    public BusMessage Message(string type, string customerId, string data = "{}", string? id = null, Instant? at = null)
    {
        id ??= "e" + Interlocked.Increment(ref _messages).ToString(CultureInfo.InvariantCulture);
        var time = InstantText.Format(at ?? SystemClock.Instance.GetCurrentInstant());
        return new BusMessage(id, customerId, $$"""{ "id": "{{id}}", "type": "{{type}}", "customerId": "{{customerId}}", "time": "{{time}}", "data": {{data}} }""", 1, SystemClock.Instance.GetCurrentInstant());
    }

    /// <summary>Routes a message as the Service Bus trigger does, through the host's Durable client.</summary>
    public Task<RouteResult> RouteAsync(BusMessage message) =>
        GatedAsync(() => _router.RouteAsync(message, new DurableOrchestrationClient(Client), SystemClock.Instance.GetCurrentInstant(), CancellationToken.None));

    /// <summary>The stored enrollment state (what the ApplyEffects activity saved last).</summary>
    public Task<EnrollmentState?> EnrollmentAsync(string enrollmentId) =>
        GatedAsync(async () => await Ports.Enrollments.GetAsync(enrollmentId, CancellationToken.None));

    /// <summary>Waits (polling) until the enrollment's stored state satisfies <paramref name="condition"/>.</summary>
    public async Task<EnrollmentState> WaitForStateAsync(string enrollmentId, Func<EnrollmentState, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await EnrollmentAsync(enrollmentId) is { } state && condition(state))
            {
                return state;
            }

            await Task.Delay(50);
        }

        var last = await EnrollmentAsync(enrollmentId);
        throw new TimeoutException($"{enrollmentId}: not {what} within {Patience.TotalSeconds} s (last step {last?.StepId ?? "none"}, status {last?.Status.ToString() ?? "none"})");
    }

    /// <summary>Waits until the enrollment is waiting at <paramref name="step"/>.</summary>
    public Task<EnrollmentState> WaitAtStepAsync(string enrollmentId, string step) =>
        WaitForStateAsync(enrollmentId, s => s.Status == EnrollmentStatus.Waiting && s.StepId == step, $"waiting at '{step}'");

    /// <summary>Waits for the instance to finish and returns its metadata (output = exit reason).</summary>
    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>The timeline entries of one enrollment, in recording order (read under the gate).</summary>
    public Task<List<TimelineEntry>> TimelineAsync(string enrollmentId) =>
        GatedAsync(() => Task.FromResult(Stores.Timeline.Where(t => t.EnrollmentId == enrollmentId).ToList()));

    /// <summary>The steps that sent, in order.</summary>
    public async Task<List<string>> SentStepsAsync(string enrollmentId) =>
        (await TimelineAsync(enrollmentId)).Where(t => t.Kind == TimelineKind.Sent).Select(t => t.Step!).ToList();

    /// <summary>A customer id the journey's holdout does not hold out (the same rule as the interpreter's).</summary>
    public string NotHeldOut(string prefix)
    {
        var definition = Catalog.Latest.Single();
        return Enumerable.Range(1, 1000).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture))
            .First(id => definition.Holdout == 0 || StableHash.Bucket(100, definition.Id, id, "holdout") >= definition.Holdout);
    }

    /// <summary>Runs store work under the gate.</summary>
    public async Task<T> GatedAsync<T>(Func<Task<T>> work)
    {
        await _gate.WaitAsync();
        try
        {
            return await work();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _gate.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

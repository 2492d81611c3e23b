using System.Globalization;
using Engagement.Engine.Catalog;
using Engagement.Engine.Consent;
using Engagement.Engine.Effects;
using Engagement.Engine.Events;
using Engagement.Engine.Orchestration;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Engagement.Engine.Routing;

/// <summary>
/// The event router of the orchestrated host (Azure: what the Service Bus trigger calls). A body is an engine event line or a
/// structured-mode CloudEvent (<see cref="Integrations.BusBody"/>). For each message: poison checks
/// (delivery count, body, session = customer, a plausible event time when <see cref="EventRouterOptions.Window"/> is set), idempotency by event id, then the plan of <see cref="RoutingPlanner"/> (rules
/// <see cref="RoutingRules.Orchestrated"/>, the same planner <see cref="EngagementEngine"/> executes) carried out as
/// orchestration calls: the out-of-order rule (<see cref="EventOrdering"/>), the profile update, exit requests for consent
/// revocations and erasure, the event raised to running enrollments that may care about it, and new enrollments started
/// under deterministic instance ids. One customer's messages must be routed one at a time (sessions).
/// The event id is marked processed only after all of that succeeded; a message redelivered after a failure midway is routed
/// again, harmlessly: the profile change is applied once (<see cref="ProfileEvents.ApplyOnce(CustomerProfile?, CustomerEvent)"/>), starts use deterministic
/// instance ids, and an instance ignores an event id it has received before (<see cref="JourneyOrchestration"/>).
/// </summary>
public sealed class EventRouter
{
    private readonly JourneyCatalog _catalog;
    private readonly EnginePorts _ports;
    private readonly IOrchestrationClient _client;
    private readonly IDelivery? _delivery;
    private readonly EventRouterOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the router; <paramref name="delivery"/> delivers sends deferred by quiet hours when their <see cref="DeferredSends"/> event comes due.</summary>
    public EventRouter(JourneyCatalog catalog, EnginePorts ports, IOrchestrationClient client, EventRouterOptions? options = null, ILogger? logger = null, IDelivery? delivery = null)
    {
        _catalog = catalog;
        _ports = ports;
        _client = client;
        _delivery = delivery;
        _options = options ?? EventRouterOptions.Default;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Routes one message received at <paramref name="now"/>. Rejected inputs are kept through <c>IEventInbox.RejectAsync</c>.</summary>
    public async ValueTask<RouteResult> RouteAsync(BusMessage message, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.DeliveryCount > _options.MaxDeliveryCount)
        {
            var count = message.DeliveryCount.ToString(CultureInfo.InvariantCulture);
            return await RejectAsync(message, now, "deliveryCount",
                $"deliveryCount: delivered {count} times, more than the maximum of {_options.MaxDeliveryCount.ToString(CultureInfo.InvariantCulture)} (poison message)", message.MessageId, cancellationToken).ConfigureAwait(false);
        }

        if (!Integrations.BusBody.TryParse(message.Body, _options.CloudEvents, message.EnqueuedTime, out var parsed, out var field, out var error))
        {
            return await RejectAsync(message, now, field, $"{field ?? "body"}: {error}", message.MessageId, cancellationToken).ConfigureAwait(false);
        }

        var e = parsed!;
        if (!string.Equals(message.SessionId, e.CustomerId, StringComparison.Ordinal))
        {
            var reason = message.SessionId is null
                ? "customerId: the message has no session id: publish each event with SessionId = its customerId"
                : "customerId: does not match the message's session id: publish each event with SessionId = its customerId";
            return await RejectAsync(message, now, "customerId", reason, e.Id, cancellationToken).ConfigureAwait(false);
        }

        if (e.Type == ExitRequests.EventType)
        {
            return await RejectAsync(message, now, "type", $"type: '{ExitRequests.EventType}' is reserved for the engine", e.Id, cancellationToken).ConfigureAwait(false);
        }

        if (e.Type != DeferredSends.EventType && _options.Window?.Check(e.Time, message.EnqueuedTime, "the time it was received,") is { } implausible)
        {
            return await RejectAsync(message, now, "time", "time: " + implausible, e.Id, cancellationToken).ConfigureAwait(false);
        }

        if (await _ports.Inbox.IsProcessedAsync(e.Id, cancellationToken).ConfigureAwait(false))
        {
            _logger.LogDebug("Duplicate event {EventId} ignored", e.Id);
            return RouteResult.Duplicate(e.Id);
        }

        var calls = new RouterCalls(_client, now, cancellationToken);
        if (DeferredSends.LedgerKey(e) is { } ledgerKey && _delivery is not null)
        {
            await _delivery.DeliverDeferredAsync(ledgerKey, now, cancellationToken).ConfigureAwait(false);
            return await DoneAsync(calls, RouteOutcome.Routed, null, e.Id, cancellationToken).ConfigureAwait(false);
        }

        var before = await _ports.Profiles.GetAsync(e.CustomerId, cancellationToken).ConfigureAwait(false);
        var existing = await _ports.Enrollments.ListByCustomerAsync(e.CustomerId, cancellationToken).ConfigureAwait(false);
        var plan = RoutingPlanner.Plan(e, before, existing, _catalog.Get, RoutingRules.Orchestrated);
        if (plan.Kind == RoutingPlanKind.SkipLate)
        {
            await _ports.Inbox.RejectAsync(new RejectedEvent(_options.Source, now, message.Body, "time", plan.LateReason!, e.Id), cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Late event {EventId} ({EventType}) not applied", e.Id, e.Type);
            return await DoneAsync(calls, RouteOutcome.Stale, plan.LateReason, e.Id, cancellationToken).ConfigureAwait(false);
        }

        if (plan.ProfileChanged)
        {
            await _ports.Profiles.SaveAsync(plan.Profile, cancellationToken).ConfigureAwait(false);
        }

        foreach (var exit in plan.Exits)
        {
            await calls.ExitAsync(exit.State, exit.Reason, e.Id).ConfigureAwait(false);
        }

        if (plan.Kind == RoutingPlanKind.Erase)
        {
            // The stored states are scrubbed now; a running instance saves its exited state later, scrubbed by EffectBatchApplier.
            await ErasureSteps.ForgetAsync(_ports, e.CustomerId, e.Id, now, cancellationToken).ConfigureAwait(false);
            return await DoneAsync(calls, RouteOutcome.Routed, null, e.Id, cancellationToken).ConfigureAwait(false);
        }

        foreach (var state in plan.Deliveries)
        {
            await calls.RaiseAsync(state, e).ConfigureAwait(false);
        }

        // Entry decisions see the enrollments being exited as exited, like the embedded engine does after stepping them.
        var exited = plan.Exits.Select(x => x.State.EnrollmentId).ToHashSet(StringComparer.Ordinal);
        var view = existing.Select(s => exited.Contains(s.EnrollmentId) ? s with { Status = EnrollmentStatus.Exited } : s).ToList();
        var snapshot = plan.Profile.ToSnapshot();
        foreach (var definition in _catalog.Latest)
        {
            if (RoutingPlanner.Start(definition, e, snapshot, view.Where(s => s.JourneyId == definition.Id).ToList(), RoutingRules.Orchestrated) is not { } start)
            {
                continue;
            }

            foreach (var old in start.ExitFirst)
            {
                await calls.ExitAsync(old, ExitReasons.Restarted, e.Id).ConfigureAwait(false);
            }

            if (await _ports.Enrollments.GetAsync(start.Fresh.EnrollmentId, cancellationToken).ConfigureAwait(false) is null)
            {
                // Recorded before the start so the entry rules of the next event see it (the orchestration's ApplyEffects replaces it).
                await _ports.Enrollments.SaveAsync(RedeliveredEntry.Record(start.Fresh, e, now), cancellationToken).ConfigureAwait(false);
            }

            await calls.StartAsync(start.Fresh, JourneyOrchestrationInput.Start(start.Fresh, new EnrollmentStarted(now, snapshot, e))).ConfigureAwait(false);
        }

        return await DoneAsync(calls, RouteOutcome.Routed, null, e.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The work for the event succeeded: mark it processed, so a later copy is a duplicate.</summary>
    private async ValueTask<RouteResult> DoneAsync(RouterCalls calls, RouteOutcome outcome, string? reason, string eventId, CancellationToken ct)
    {
        await _ports.Inbox.TryMarkProcessedAsync(eventId, ct).ConfigureAwait(false);
        return calls.Result(outcome, reason, eventId);
    }

    private async ValueTask<RouteResult> RejectAsync(BusMessage message, Instant now, string? field, string reason, string? eventId, CancellationToken ct)
    {
        await _ports.Inbox.RejectAsync(new RejectedEvent(_options.Source, now, message.Body, field, reason, eventId), ct).ConfigureAwait(false);
        _logger.LogWarning("Message {MessageId} dead-lettered: {Field}", message.MessageId, field ?? "body");
        return RouteResult.DeadLetter(reason, eventId);
    }
}

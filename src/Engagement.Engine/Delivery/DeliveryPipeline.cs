using Engagement.Engine.Policies;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Templates;
using Engagement.Engine.Timeline;
using Engagement.Engine.Unsubscribe;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Engine.Delivery;

/// <summary>
/// The one place sends go through, in both hosts: the guards (contact, consent, suppression rules, quiet hours, caps), the
/// ledger reservation that makes every ledger key happen at most once, rendering, the provider call with retries, and the
/// timeline entries (sent, suppressed, deferred, failed). Thread-safe as long as one customer's batches are not run concurrently.
/// </summary>
public sealed partial class DeliveryPipeline : IDelivery
{
    private readonly DeliveryGuards _guards;
    private readonly IMessageLedger _ledger;
    private readonly ITemplateRenderer _renderer;
    private readonly Dictionary<string, IChannelSender> _senders;
    private readonly IProfileStore _profiles;
    private readonly ITimelineSink _timeline;
    private readonly IDeferredSendQueue _deferred;
    private readonly UnsubscribeLinks? _links;
    private readonly ILogger? _logger;
    private readonly Func<TimeSpan, CancellationToken, ValueTask> _delay;

    /// <summary>Creates the pipeline. <paramref name="delay"/> waits between retries (default <see cref="Task.Delay(TimeSpan, CancellationToken)"/>; tests pass a recorder).</summary>
    public DeliveryPipeline(
        DeliveryPolicy policy,
        IMessageLedger ledger,
        ITemplateRenderer renderer,
        IEnumerable<IChannelSender> senders,
        IProfileStore profiles,
        ITimelineSink timeline,
        IDeferredSendQueue deferred,
        UnsubscribeLinks? links,
        ILogger? logger = null,
        Func<TimeSpan, CancellationToken, ValueTask>? delay = null)
    {
        _guards = new DeliveryGuards(policy);
        _ledger = ledger;
        _renderer = renderer;
        _senders = senders.GroupBy(s => s.Channel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        _profiles = profiles;
        _timeline = timeline;
        _deferred = deferred;
        _links = links;
        _logger = logger;
        _delay = delay ?? ((span, ct) => new ValueTask(Task.Delay(span, ct)));
    }

    private DeliveryPolicy Policy => _guards.Policy;

    /// <summary>
    /// Delivers all sends for one customer at one instant. Higher journey priority goes first (ties: journey id, then step id),
    /// so it wins when a cap allows only some. A ledger key handled before (a replay or duplicate) does nothing at all.
    /// </summary>
    public async ValueTask DeliverAsync(IReadOnlyList<DeliveryRequest> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // Most batches hold one send: it is its own order, and sorting it would only allocate.
        var ordered = batch.Count == 1 ? batch : batch
            .OrderByDescending(r => r.Journey.Priority)
            .ThenBy(r => r.Journey.Id, StringComparer.Ordinal)
            .ThenBy(r => r.Send.StepId, StringComparer.Ordinal)
            .ThenBy(r => r.Send.LedgerKey, StringComparer.Ordinal)
            .ToList();
        var now = ordered[0].Now;
        var state = new BatchState(ordered[0].Profile, await CountsAsync(ordered[0].Profile.CustomerId, now, ct).ConfigureAwait(false));
        var seen = ordered.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var request in ordered)
        {
            ct.ThrowIfCancellationRequested();
            if (seen?.Add(request.Send.LedgerKey) != false)
            {
                await DecideAsync(PendingSend.WithoutEvent(request), state, request.Enrollment.Event, now, existing: null, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A deferred send is due: re-reads the profile, re-checks every guard and sends (or suppresses, or defers again). Keys that
    /// are unknown, no longer deferred, or already claimed for this due time do nothing; an early call re-schedules.
    /// </summary>
    public async ValueTask DeliverDeferredAsync(string ledgerKey, Instant now, CancellationToken ct)
    {
        var entry = await _ledger.GetAsync(ledgerKey, ct).ConfigureAwait(false);
        if (entry is not { Status: LedgerStatus.Deferred, Pending: { } pending, DeferredUntil: { } due })
        {
            return;
        }

        if (now < due)
        {
            await _deferred.ScheduleAsync(ledgerKey, entry.CustomerId, due, ct).ConfigureAwait(false);
            return;
        }

        // Claim this due time once, so a timer delivered twice cannot send twice.
        var claim = new LedgerEntry { Key = $"{ledgerKey}@{InstantText.Format(due)}", CustomerId = entry.CustomerId, Journey = entry.Journey, Step = entry.Step, At = now, Reason = "deferred-claim" };
        if (!await _ledger.TryReserveAsync(claim, ct).ConfigureAwait(false))
        {
            return;
        }

        var profile = await _profiles.GetAsync(entry.CustomerId, ct).ConfigureAwait(false);
        if (profile is null)
        {
            await _ledger.UpdateAsync(entry with { Status = LedgerStatus.Suppressed, Reason = DeliveryReasons.NoProfile, Pending = null, At = now }, ct).ConfigureAwait(false);
            await RecordAsync(pending, TimelineKind.Suppressed, now, entry.Channel, DeliveryReasons.NoProfile, null, null, ct).ConfigureAwait(false);
            return;
        }

        var state = new BatchState(profile, await CountsAsync(profile.CustomerId, now, ct).ConfigureAwait(false));
        await DecideAsync(pending, state, ValueJson.Parse(pending.EventJson), now, entry, ct).ConfigureAwait(false);
    }

    private async ValueTask<CapCounter> CountsAsync(string customerId, Instant now, CancellationToken ct)
    {
        var since = CapCounter.LookBack(Policy, now);
        var sent = since is null ? [] : await _ledger.ListSentSinceAsync(customerId, since.Value, ct).ConfigureAwait(false);
        return new CapCounter(Policy, sent, now);
    }

    private async ValueTask DecideAsync(PendingSend send, BatchState state, Value @event, Instant now, LedgerEntry? existing, CancellationToken ct)
    {
        var decision = _guards.Check(send, state.Profile, state.Snapshot, state.Caps, now);
        var entry = new LedgerEntry
        {
            Key = send.LedgerKey,
            CustomerId = send.CustomerId,
            Journey = send.Journey,
            Step = send.Step,
            Channel = decision.Channel,
            Marketing = send.Marketing,
            At = now,
            Status = decision.Outcome switch { GuardOutcome.Send => LedgerStatus.Reserved, GuardOutcome.Defer => LedgerStatus.Deferred, _ => LedgerStatus.Suppressed },
            Reason = decision.Reason,
            DeferredUntil = decision.DeferUntil,
            // A first decision's send carries no event yet (PendingSend.WithoutEvent); a deferred one keeps the event it has.
            Pending = decision.Outcome != GuardOutcome.Defer ? null : existing is null ? send with { EventJson = PendingSend.EventJsonOf(@event) } : send,
        };

        if (decision.Outcome == GuardOutcome.Defer)
        {
            // Schedule before recording: a crash in between leaves a harmless timer, never a deferred send without one.
            await _deferred.ScheduleAsync(send.LedgerKey, send.CustomerId, decision.DeferUntil!.Value, ct).ConfigureAwait(false);
        }

        if (!await ReserveAsync(entry, existing, ct).ConfigureAwait(false))
        {
            await FinishReservedAsync(send, state, @event, now, ct).ConfigureAwait(false);
            return;
        }

        switch (decision.Outcome)
        {
            case GuardOutcome.Suppress:
                await RecordAsync(send, TimelineKind.Suppressed, now, decision.Channel, decision.Reason, decision.Detail, null, ct).ConfigureAwait(false);
                break;
            case GuardOutcome.Defer:
                await RecordAsync(send, TimelineKind.Deferred, now, decision.Channel, decision.Reason, InstantText.Format(decision.DeferUntil!.Value), null, ct).ConfigureAwait(false);
                break;
            default:
                await SendAsync(send, entry, state, @event, now, ct).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// The key was decided before. If that attempt reserved it and stopped before the provider's answer was recorded (the worker
    /// died, or a store call failed, between the reservation and the update), this retry finishes it: the send goes out with the
    /// same ledger key, which providers with an idempotency key use to recognise a repeat (ACS: the operation id). So a send is
    /// at least once, never silently lost; a provider without one may deliver a repeat. Any other status: nothing to do.
    /// </summary>
    private async ValueTask FinishReservedAsync(PendingSend send, BatchState state, Value @event, Instant now, CancellationToken ct)
    {
        if (await _ledger.GetAsync(send.LedgerKey, ct).ConfigureAwait(false) is not { Status: LedgerStatus.Reserved, Channel: not null } reserved)
        {
            return;
        }

        _logger?.LogInformation("Ledger key {LedgerKey} was reserved but not finished; sending it now", send.LedgerKey);
        await SendAsync(send, reserved, state, @event, now, ct).ConfigureAwait(false);
    }

    private async ValueTask<bool> ReserveAsync(LedgerEntry entry, LedgerEntry? existing, CancellationToken ct)
    {
        if (existing is null)
        {
            return await _ledger.TryReserveAsync(entry, ct).ConfigureAwait(false);
        }

        await _ledger.UpdateAsync(entry, ct).ConfigureAwait(false);
        return true;
    }

    private ValueTask RecordAsync(PendingSend send, TimelineKind kind, Instant at, string? channel, string? reason, string? detail, string? locale, CancellationToken ct) =>
        _timeline.RecordAsync(
            new TimelineEntry
            {
                At = at,
                Kind = kind,
                CustomerId = send.CustomerId,
                Journey = send.Journey,
                Version = send.Version,
                Step = send.Step,
                Channel = channel,
                Template = send.Template,
                Locale = locale,
                Variant = send.Variant,
                Reason = reason,
                Detail = detail,
                Holdout = send.Holdout,
                EnrollmentId = send.EnrollmentId,
            },
            ct);

    /// <summary>The profile as the guards see it for one batch, with the cap counts; the profile is replaced when a channel is marked invalid.</summary>
    private sealed class BatchState(CustomerProfile profile, CapCounter caps)
    {
        private ProfileSnapshot? _snapshot;

        /// <summary>The profile as it stands in this batch.</summary>
        public CustomerProfile Profile { get; private set; } = profile;

        /// <summary>The frequency-cap counts, updated as the batch sends.</summary>
        public CapCounter Caps { get; } = caps;

        /// <summary>The profile as templates and conditions read it, made on first use and after each <see cref="Replace"/>
        /// (deferred: its data is built only when read whole).</summary>
        public ProfileSnapshot Snapshot => _snapshot ??= Profile.ToSnapshot();

        /// <summary>Replaces the profile (after a channel was marked invalid) and drops the cached data.</summary>
        public void Replace(CustomerProfile profile)
        {
            Profile = profile;
            _snapshot = null;
        }
    }
}

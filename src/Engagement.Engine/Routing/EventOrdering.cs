using Engagement.Engine.Consent;
using Engagement.Engine.Effects;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Routing;

/// <summary>
/// The out-of-order rule. Service Bus sessions deliver one customer's messages in the order they were published, but CRMs
/// publish late (batch exports, retries), so an event's <c>time</c> can be older than events already applied. The profile
/// keeps the latest applied event time (<see cref="CustomerProfile.LastEventAt"/>); an event older than that is <b>late</b>:
/// <list type="bullet">
/// <item>a late <b>state-setting</b> event (<c>customer.registered</c>, <c>customer.updated</c>, <c>tier.upgraded</c>,
/// <c>consent.granted</c>) is not applied and reaches no journey: it would overwrite newer state with older (an old grant
/// must never undo a newer revocation). It is kept as a rejected input with field <c>time</c> and the message completes;</item>
/// <item>a late <b>revocation</b> (<c>consent.revoked</c>, <c>customer.unsubscribed</c>, an SMS STOP) and an erasure are
/// applied as usual: a stop request is honoured whatever its time;</item>
/// <item>any other late event (orders, complaints, delivery reports, custom events) is facts, not state: it is applied
/// (counters count it; <c>lastOrderAt</c> never moves back) and routed as usual.</item>
/// </list>
/// <see cref="CustomerProfile.LastEventAt"/> never moves back. Pure.
/// </summary>
public static class EventOrdering
{
    private static readonly string[] StateSetting = ["customer.registered", "customer.updated", "tier.upgraded", ConsentEvents.Granted];

    /// <summary>Whether the event is older than the latest event applied to the profile.</summary>
    public static bool IsLate(CustomerProfile? profile, CustomerEvent e) => profile?.LastEventAt is { } last && e.Time < last;

    /// <summary>Whether a late event of this type is skipped (state-setting types); erasure and revocations never are.</summary>
    public static bool SkipsWhenLate(string eventType) => eventType != Erasure.EventType && StateSetting.Contains(eventType);

    /// <summary>The profile with <see cref="CustomerProfile.LastEventAt"/> advanced to the event's time (never back).</summary>
    public static CustomerProfile Advance(CustomerProfile profile, CustomerEvent e) =>
        Later(profile.LastEventAt, e.Time) == profile.LastEventAt ? profile : profile with { LastEventAt = e.Time };

    /// <summary>The later of the last applied event time (none yet: <paramref name="time"/>) and <paramref name="time"/>: the
    /// time never moves back.</summary>
    public static NodaTime.Instant Later(NodaTime.Instant? last, NodaTime.Instant time) => last is { } l && l >= time ? l : time;

    /// <summary>The reason recorded for a skipped late event (no personal data).</summary>
    public static string LateReason(CustomerEvent e, CustomerProfile profile) =>
        $"time: out of order: {e.Type} at {InstantText.Format(e.Time)} is older than the last applied event at "
        + $"{InstantText.Format(profile.LastEventAt!.Value)}; a late {e.Type} would overwrite newer state, so it was not applied";
}

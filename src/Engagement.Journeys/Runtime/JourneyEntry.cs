using System.Collections.Immutable;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Expressions;
using Engagement.Journeys.Scheduling;
using Engagement.Journeys.Values;

namespace Engagement.Journeys.Runtime;

/// <summary>
/// The entry rules: trigger type and condition, enrollment key, audience, and re-entry. Pure.
/// </summary>
/// <remarks>
/// Rules, in order: the event type must be one of the trigger's; <c>when</c> must hold; the key is evaluated (default: the
/// customer id; an explicit key that is missing or empty skips with <c>missing-key</c>); <c>audience</c> must hold. Then:
/// an explicit key that already enrolled never enrolls again (<c>duplicate-key</c>) unless re-entry is <c>restart</c>;
/// <c>never</c> skips if the customer was ever enrolled; <c>afterExit</c> and <c>cooldown</c> skip while an enrollment is
/// active, and <c>cooldown</c> also until the cooldown after the last entry has passed; <c>always</c> enrolls whenever the key
/// is new; <c>restart</c> exits the active enrollment(s) (with an explicit key: those with that key) and enrolls again.
/// </remarks>
public static class JourneyEntry
{
    /// <summary>Decides whether <paramref name="customerEvent"/> enrolls the customer.</summary>
    /// <param name="definition">The journey (latest version).</param>
    /// <param name="customerEvent">The event.</param>
    /// <param name="profile">The profile after the event's own updates, if loaded.</param>
    /// <param name="existing">This customer's enrollments in this journey id, any version, active and exited.</param>
    public static EntryDecision Decide(JourneyDefinition definition, CustomerEvent customerEvent, ProfileSnapshot? profile, IReadOnlyList<EnrollmentState> existing) =>
        Decide(definition, customerEvent, profile, new EntryHistory(existing));

    /// <summary>Decides whether <paramref name="customerEvent"/> enrolls the customer, reading exited enrollments the host keeps
    /// compactly as their key and entry time.</summary>
    /// <param name="definition">The journey (latest version).</param>
    /// <param name="customerEvent">The event.</param>
    /// <param name="profile">The profile after the event's own updates, if loaded.</param>
    /// <param name="history">This customer's enrollments in this journey id, any version, active and exited.</param>
    public static EntryDecision Decide(JourneyDefinition definition, CustomerEvent customerEvent, ProfileSnapshot? profile, EntryHistory history)
    {
        var trigger = definition.Trigger;
        if (!trigger.Matches(customerEvent.Type))
        {
            return EntryDecision.Skip("trigger-type");
        }

        if (profile is null && (Reads(trigger.When) || Reads(trigger.Key) || Reads(definition.Audience)))
        {
            return EntryDecision.NeedsProfile;
        }

        // The event's scope value is built only for a journey whose entry rules read it (most start on the type alone).
        var scope = trigger.When is null && trigger.Key is null && definition.Audience is null
            ? null
            : new ExpressionScope(profile, customerEvent.ToScopeValue(), Value.Missing, customerEvent.Time);
        if (trigger.When is { } when && !when.IsTrue(scope!))
        {
            return EntryDecision.Skip("trigger-condition");
        }

        var key = customerEvent.CustomerId;
        if (trigger.Key is { } keyExpression)
        {
            var value = keyExpression.Evaluate(scope!);
            key = value.Kind is ValueKind.String or ValueKind.Number ? value.ToString() : string.Empty;
            if (key.Length == 0)
            {
                return EntryDecision.Skip("missing-key");
            }
        }

        if (definition.Audience is { } audience && !audience.IsTrue(scope!))
        {
            return EntryDecision.Skip("audience");
        }

        // One pass, no per-enrollment allocation: how many share the key, how many are active, the latest entry.
        var sameKey = 0;
        var active = 0;
        var latestEntry = NodaTime.Instant.MinValue;
        var states = history.States;
        foreach (var e in states)
        {
            sameKey += SameKey(e.Key, key) ? 1 : 0;
            active += e.Status != EnrollmentStatus.Exited ? 1 : 0;
            latestEntry = e.EnteredAt > latestEntry ? e.EnteredAt : latestEntry;
        }

        foreach (var e in history.Exited)
        {
            sameKey += SameKey(e.Key, key) ? 1 : 0;
            latestEntry = e.EnteredAt > latestEntry ? e.EnteredAt : latestEntry;
        }

        var mode = definition.Reentry.Mode;
        var exitFirst = ImmutableArray<string>.Empty;
        if (trigger.Key is not null && mode != ReentryMode.Restart && sameKey > 0)
        {
            return EntryDecision.Skip("duplicate-key");
        }

        switch (mode)
        {
            case ReentryMode.Never when history.Count > 0:
                return EntryDecision.Skip("reentry:never");
            case ReentryMode.AfterExit or ReentryMode.Cooldown when active > 0:
                return EntryDecision.Skip("reentry:active");
            case ReentryMode.Cooldown when history.Count > 0
                && Schedule.Add(latestEntry, definition.Reentry.Cooldown ?? NodaTime.Period.Zero, NodaTime.DateTimeZone.Utc) > customerEvent.Time:
                return EntryDecision.Skip("reentry:cooldown");
            case ReentryMode.Restart when active > 0:
                var exits = ImmutableArray.CreateBuilder<string>(active);
                foreach (var e in states)
                {
                    if (e.Status != EnrollmentStatus.Exited && (trigger.Key is null || SameKey(e.Key, key)))
                    {
                        exits.Add(e.EnrollmentId);
                    }
                }

                exitFirst = exits.ToImmutable();
                break;
        }

        var enrollmentKey = sameKey == 0 ? key : key + "#" + (sameKey + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new EntryDecision(EntryDecisionKind.Enroll, key, enrollmentKey, null, exitFirst);
    }

    /// <summary>Whether an enrollment key is <paramref name="key"/> or a later entry with it (<c>key#2</c>, <c>key#3</c>, ...).</summary>
    private static bool SameKey(string enrollmentKey, string key) =>
        enrollmentKey.Length == key.Length
            ? string.Equals(enrollmentKey, key, StringComparison.Ordinal)
            : enrollmentKey.Length > key.Length && enrollmentKey[key.Length] == '#' && enrollmentKey.StartsWith(key, StringComparison.Ordinal);

    private static bool Reads(Expression? expression) => expression?.References("profile") == true;
}

using Engagement.Engine.Policies;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Channels;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Expressions;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Scheduling;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Delivery;

/// <summary>
/// The delivery guards as a pure decision, in the documented order: contact point, consent, suppression rules, quiet hours,
/// frequency caps. (The sixth guard, the ledger reservation, is the pipeline's.) Thread-safe; the <see cref="CapCounter"/> is not.
/// </summary>
public sealed class DeliveryGuards
{
    private readonly DeliveryPolicy _policy;

    /// <summary>Creates the guards for a policy.</summary>
    public DeliveryGuards(DeliveryPolicy policy) => _policy = policy;

    /// <summary>The policy.</summary>
    public DeliveryPolicy Policy => _policy;

    /// <summary>
    /// Decides one message. <paramref name="snapshot"/> is <c>profile.ToSnapshot()</c> (one per batch; suppression rules read
    /// the fields they name from it). Does not record anything in <paramref name="caps"/>: the caller does once the message is sent.
    /// </summary>
    public GuardDecision Check(PendingSend send, CustomerProfile profile, ProfileSnapshot snapshot, CapCounter caps, Instant now)
    {
        // 1 and 2: a channel with a contact point and consent (preferred order, then fallback).
        var channel = ResolveChannel(send, profile, out var refusal);
        if (channel is null)
        {
            return new GuardDecision(GuardOutcome.Suppress, refusal.Channel, refusal.Reason);
        }

        // 3: suppression rules.
        if (!_policy.Suppressions.IsEmpty)
        {
            var scope = new ExpressionScope(snapshot, Value.Missing, Value.Missing, now);
            foreach (var rule in _policy.Suppressions)
            {
                if (rule.AppliesTo(send.Category) && rule.When.IsTrue(scope))
                {
                    return new GuardDecision(GuardOutcome.Suppress, channel, rule.Name);
                }
            }
        }

        // 4: quiet hours in the recipient's zone.
        var zone = TimeZones.Resolve(profile.TimeZone, send.JourneyTimeZone);
        if (send.Marketing || !_policy.QuietHours.TransactionalExempt)
        {
            var window = _policy.QuietHours.WindowFor(channel, profile.Attributes["country"].AsString());
            if (window is not null && QuietHoursClock.IsQuiet(window, now, zone))
            {
                return window.Action == QuietHoursAction.Skip
                    ? new GuardDecision(GuardOutcome.Suppress, channel, DeliveryReasons.QuietHours)
                    : new GuardDecision(GuardOutcome.Defer, channel, DeliveryReasons.QuietHours, DeferUntil: QuietHoursClock.NextAllowed(window, now, zone));
            }
        }

        // 5: frequency caps across journeys.
        if (!caps.Allows(send.Category, channel, zone, out var cap))
        {
            return new GuardDecision(GuardOutcome.Suppress, channel, DeliveryReasons.FrequencyCap, cap);
        }

        return new GuardDecision(GuardOutcome.Send, channel);
    }

    /// <summary>Whether consent allows the channel for the category (the latest record, else the policy default).</summary>
    public bool Consented(CustomerProfile profile, string channel, JourneyCategory category)
    {
        var marketing = category == JourneyCategory.Marketing;
        var record = profile.ConsentFor(channel, marketing ? ConsentPurpose.Marketing : ConsentPurpose.Transactional);
        return record?.Granted ?? (marketing ? _policy.ConsentDefault.Marketing : _policy.ConsentDefault.Transactional);
    }

    private string? ResolveChannel(PendingSend send, CustomerProfile profile, out (string? Channel, string Reason) refusal)
    {
        refusal = (null, DeliveryReasons.UnknownChannel);
        var rank = -1;
        var registry = ChannelRegistry.Shared;
        var order = registry.Names;
        Span<bool> tried = stackalloc bool[order.Length];
        if (send.Channel == ChannelRegistry.Preferred)
        {
            foreach (var c in profile.Channels)
            {
                if (Try(c, ref tried, ref refusal, ref rank))
                {
                    return c;
                }
            }

            foreach (var c in order)
            {
                if (Try(c, ref tried, ref refusal, ref rank))
                {
                    return c;
                }
            }
        }
        else if (Try(send.Channel, ref tried, ref refusal, ref rank))
        {
            return send.Channel;
        }

        foreach (var c in send.Fallback)
        {
            if (Try(c, ref tried, ref refusal, ref rank))
            {
                return c;
            }
        }

        return null;

        bool Try(string channel, ref Span<bool> seen, ref (string? Channel, string Reason) why, ref int best)
        {
            var index = order.IndexOf(channel);
            if (index < 0 || seen[index])
            {
                return false;
            }

            seen[index] = true;
            var (reason, depth) = !profile.HasContact(channel) ? (DeliveryReasons.NoContact, 0)
                : !Consented(profile, channel, send.Category) ? (DeliveryReasons.NoConsent, 1)
                : (null, 2);
            if (reason is null)
            {
                return true;
            }

            // The refusal that got furthest through the guards is the most useful; among equals the last one tried.
            if (depth >= best)
            {
                why = (channel, reason);
                best = depth;
            }

            return false;
        }
    }
}

using Engagement.Engine.Consent;
using Engagement.Engine.Profiles;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Engagement.Journeys.Scheduling;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Engagement.Engine.Tests.Delivery;

/// <summary>Properties of the whole pipeline over random customers, policies and batch timelines (with replays and duplicate timers).</summary>
public class GuardPropertyTests
{
    [Property(MaxTest = 150)]
    public Property NoMarketingMessageWithoutConsentOrContact() => Prop.ForAll(GuardScenario.Arbitrary(), s =>
    {
        var (sent, _) = Run(s);
        return sent.All(e =>
        {
            var marketing = e.Send.Marketing;
            var record = e.Profile.ConsentFor(e.Entry.Channel!, marketing ? ConsentPurpose.Marketing : ConsentPurpose.Transactional);
            var allowed = record?.Granted ?? (marketing ? s.Policy.ConsentDefault.Marketing : s.Policy.ConsentDefault.Transactional);
            return allowed && e.Profile.HasContact(e.Entry.Channel!);
        });
    });

    [Property(MaxTest = 150)]
    public Property NoMessageInsideQuietHours() => Prop.ForAll(GuardScenario.Arbitrary(), s =>
    {
        var (sent, _) = Run(s);
        var zone = TimeZones.Resolve(s.Profile.TimeZone, null);
        var country = s.Profile.Attributes["country"].AsString();
        return sent
            .Where(e => e.Send.Marketing || !s.Policy.QuietHours.TransactionalExempt)
            .All(e => s.Policy.QuietHours.WindowFor(e.Entry.Channel!, country) is not { } window || !window.Contains(e.Entry.At.InZone(zone).TimeOfDay))
            .Label("a message was sent inside quiet hours");
    });

    [Property(MaxTest = 150)]
    public Property NoCapExceededInAnyWindow() => Prop.ForAll(GuardScenario.Arbitrary(), s =>
    {
        var (sent, _) = Run(s);
        var zone = TimeZones.Resolve(s.Profile.TimeZone, null);
        bool Counted(Sent e, Engagement.Engine.Policies.FrequencyCap cap) =>
            (e.Send.Marketing || !s.Policy.TransactionalExemptFromCaps) && cap.Covers(e.Send.Marketing ? JourneyCategory.Marketing : JourneyCategory.Transactional, e.Entry.Channel!);
        return s.Policy.Caps.All(cap => sent.Where(e => Counted(e, cap)).All(last =>
        {
            var start = cap.Window.Start(last.Entry.At, zone);
            return sent.Count(e => Counted(e, cap) && e.Entry.At >= start && e.Entry.At <= last.Entry.At) <= cap.Max;
        }));
    });

    [Property(MaxTest = 150)]
    public Property NoLedgerKeySentTwiceEvenWhenReplayed() => Prop.ForAll(GuardScenario.Arbitrary(), s =>
    {
        var (_, f) = Run(s);
        var providerTwice = f.Senders.Values.SelectMany(x => x.Calls).GroupBy(c => c.LedgerKey).Any(g => g.Count() > 1);
        var decisions = f.Timeline.Entries.Where(e => e.Kind != TimelineKind.Deferred).GroupBy(e => (e.EnrollmentId, e.Step)).Any(g => g.Count() > 1);
        return (!providerTwice).Label("a provider got a key twice").And((!decisions).Label("a key was decided twice"));
    });

    internal sealed record Sent(TimelineEntry Entry, GuardScenario.Send Send, CustomerProfile Profile);

    /// <summary>Runs the scenario in time order: due deferred sends (each timer fired twice) before each batch, batches replayed as asked.</summary>
    internal static (List<Sent> Sent, DeliveryFixture Fixture) Run(GuardScenario s)
    {
        var f = new DeliveryFixture(s.Policy);
        f.Profiles.Profiles["c1"] = s.Profile;
        var pending = new List<(string Key, Instant Due)>();
        var collected = 0;
        var sends = new Dictionary<string, GuardScenario.Send>();
        var profileAtSend = new Dictionary<TimelineEntry, CustomerProfile>(ReferenceEqualityComparer.Instance);
        f.Timeline.OnRecord = e => profileAtSend[e] = f.Profiles.Profiles["c1"];
        var handler = new ConsentProfileEventHandler();

        void Collect()
        {
            for (; collected < f.Deferred.Scheduled.Count; collected++)
            {
                pending.Add((f.Deferred.Scheduled[collected].Key, f.Deferred.Scheduled[collected].DueAt));
            }
        }

        void FireDue(Instant upTo)
        {
            while (pending.Where(p => p.Due <= upTo).OrderBy(p => p.Due).ThenBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault() is { Key: not null } next)
            {
                pending.Remove(next);
                f.Pipeline.DeliverDeferredAsync(next.Key, next.Due, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                f.Pipeline.DeliverDeferredAsync(next.Key, next.Due, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                Collect();
            }
        }

        foreach (var batch in s.Batches)
        {
            FireDue(batch.At);
            if (batch.Consent is { } change)
            {
                var data = Value.EmptyObject.With("channel", Value.FromString(change.Channel)).With("text", Value.FromString("Stop "));
                f.Profiles.Profiles["c1"] = handler.Apply(f.Profiles.Profiles["c1"], new CustomerEvent("e-" + batch.At, change.Type, "c1", batch.At, data))!;
            }

            var profile = f.Profiles.Profiles["c1"];
            var requests = batch.Sends.Select(x =>
            {
                sends[x.Step] = x;
                var journey = DeliveryFixture.Journey(x.Journey, x.Marketing ? JourneyCategory.Marketing : JourneyCategory.Transactional, x.Priority);
                return DeliveryFixture.Request(journey, profile, batch.At, x.Channel, x.Step, 1, [.. x.Fallback]);
            }).ToList();
            for (var i = 0; i <= batch.Replays; i++)
            {
                var replay = i == 0 ? requests : [.. requests.AsEnumerable().Reverse(), .. requests];
                f.Pipeline.DeliverAsync(replay, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }

            Collect();
        }

        FireDue(Instant.MaxValue);
        var sent = f.Timeline.Entries.Where(e => e.Kind == TimelineKind.Sent).Select(e => new Sent(e, sends[e.Step!], profileAtSend[e])).ToList();
        return (sent, f);
    }
}

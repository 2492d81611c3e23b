using System.Collections.Immutable;
using Engagement.Engine.Delivery;
using Engagement.Engine.Policies;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Values;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Engagement.Engine.Tests.Delivery;

/// <summary>A random customer, policy and timeline of send batches (some replayed), for the guard properties.</summary>
public sealed record GuardScenario(CustomerProfile Profile, DeliveryPolicy Policy, ImmutableArray<GuardScenario.Batch> Batches)
{
    private static readonly string[] Zones = ["UTC", "Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Kiritimati"];
    private static readonly string[] Channels = ["email", "sms", "push"];
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 6, 0, 0);

    /// <summary>One batch: sends at one instant; <c>Replays</c> more deliveries of the very same batch.</summary>
    public sealed record Batch(Instant At, ImmutableArray<Send> Sends, int Replays, ConsentChange? Consent = null);

    /// <summary>A consent event applied just before a batch.</summary>
    public sealed record ConsentChange(string Type, string Channel);

    /// <summary>One send request.</summary>
    public sealed record Send(string Journey, bool Marketing, int Priority, string Channel, ImmutableArray<string> Fallback, string Step);

    /// <summary>The generator.</summary>
    public static Arbitrary<GuardScenario> Arbitrary() => (
        from profile in ProfileGen()
        from policy in PolicyGen()
        from batches in BatchGen().ArrayOf().Select(a => a.Take(12).ToArray())
        select new GuardScenario(profile, policy, Timeline(batches))).ToArbitrary();

    /// <inheritdoc/>
    public override string ToString() => $"zone={Profile.TimeZone} consents=[{string.Join(",", Profile.Consents.Select(c => $"{c.Channel}:{c.Purpose}:{c.Granted}"))}] contacts={Profile.Email is not null}/{Profile.Phone is not null}/{!Profile.PushTokens.IsEmpty} " +
        $"caps=[{string.Join(",", Policy.Caps.Select(c => $"{c.Name}:{c.Scope}:{c.Channel}:{c.Max}/{c.Window.Text}"))}] quiet=[{string.Join(",", Policy.QuietHours.Channels.Select(q => $"{q.Key}:{q.Value.From}-{q.Value.To}:{q.Value.Action}"))}] " +
        $"batches=[{string.Join("; ", Batches.Select(b => $"{b.At} x{b.Replays + 1}: {string.Join(",", b.Sends.Select(s => $"{s.Journey}/{s.Step}:{s.Channel}>{string.Join(">", s.Fallback)}:p{s.Priority}"))}"))}]";

    private static ImmutableArray<Batch> Timeline((int GapMinutes, Send[] Sends, int Replays, ConsentChange? Consent)[] raw)
    {
        var at = Start;
        var result = ImmutableArray.CreateBuilder<Batch>();
        var n = 0;
        foreach (var (gap, sends, replays, consent) in raw)
        {
            at += Duration.FromMinutes(gap);
            // Unique steps per batch so ledger keys differ unless a batch is replayed.
            result.Add(new Batch(at, [.. sends.Select((s, i) => s with { Step = $"b{n}-{i}" })], replays, consent));
            n++;
        }

        return result.ToImmutable();
    }

    private static Gen<CustomerProfile> ProfileGen() =>
        from zone in Gen.Elements(Zones)
        from contacts in Gen.Elements(true, false).ArrayOf(3).Select(a => a.ToArray())
        from consents in Gen.Elements<bool?>(null, true, false).ArrayOf(6).Select(a => a.ToArray())
        from channels in Gen.Shuffle(Channels)
        from complaints in Gen.Choose(0, 1)
        from country in Gen.Elements("CN", "US", "DE")
        select new CustomerProfile
        {
            CustomerId = "c1",
            TimeZone = zone,
            Email = contacts[0] ? "c1@example.com" : null,
            Phone = contacts[1] ? "+8613800000000" : null,
            PushTokens = contacts[2] ? ["tok"] : [],
            Channels = [.. channels],
            Attributes = Value.EmptyObject.With("openComplaints", Value.FromNumber(complaints)).With("country", Value.FromString(country)),
            Consents = [.. Enumerable.Range(0, 6).Where(i => consents[i] is not null).Select(i =>
                new ConsentRecord(Channels[i % 3], i < 3 ? ConsentPurpose.Marketing : ConsentPurpose.Transactional, consents[i]!.Value, Start - Duration.FromDays(10), "gen"))],
        };

    private static Gen<DeliveryPolicy> PolicyGen() =>
        from windows in WindowGen().ArrayOf(3).Select(a => a.ToArray())
        from cnSms in WindowGen()
        from caps in CapGen().ArrayOf().Select(a => a.Take(4).ToArray())
        from exemptQuiet in Gen.Elements(true, false)
        from exemptCaps in Gen.Elements(true, false)
        from rule in Gen.Elements(true, false)
        from marketingDefault in Gen.Elements(true, false)
        select new DeliveryPolicy
        {
            ConsentDefault = new ConsentDefaults(marketingDefault),
            QuietHours = new QuietHoursPolicy
            {
                Channels = Enumerable.Range(0, 3).Where(i => windows[i] is not null).ToImmutableDictionary(i => Channels[i], i => windows[i]!),
                Countries = ImmutableDictionary<string, ImmutableDictionary<string, QuietWindow?>>.Empty.Add("CN", ImmutableDictionary<string, QuietWindow?>.Empty.Add("sms", cnSms)),
                TransactionalExempt = exemptQuiet,
            },
            Caps = [.. caps.Select((c, i) => c with { Name = "cap" + i })],
            TransactionalExemptFromCaps = exemptCaps,
            Suppressions = rule ? [DeliveryPipelineTests.Parse("""{ "suppressions": [ { "name": "open-complaint", "when": "profile.openComplaints > 0" } ] }""").Suppressions[0]] : [],
        };

    private static Gen<QuietWindow?> WindowGen() =>
        from has in Gen.Elements(true, false)
        from begin in Gen.Choose(0, 47)
        from length in Gen.Choose(1, 30)
        from skip in Gen.Elements(true, false)
        select has ? new QuietWindow(new LocalTime(begin / 2, begin % 2 * 30), new LocalTime((begin + length) % 48 / 2, (begin + length) % 48 % 2 * 30), skip ? QuietHoursAction.Skip : QuietHoursAction.Defer) : null;

    private static Gen<FrequencyCap> CapGen() =>
        from scope in Gen.Elements(PolicyScope.Marketing, PolicyScope.Transactional, PolicyScope.All)
        from channel in Gen.Elements<string?>(null, "email", "sms", "push")
        from max in Gen.Choose(0, 3)
        from window in Gen.Elements(CapWindow.Day, CapWindow.Week, CapWindow.Month, CapWindow.Rolling(Period.FromDays(7), "P7D"), CapWindow.Rolling(Period.FromHours(36), "PT36H"))
        select new FrequencyCap("cap", scope, channel, max, window);

    private static Gen<(int, Send[], int, ConsentChange?)> BatchGen() =>
        from gap in Gen.Choose(0, 60 * 30)
        from sends in SendGen().ArrayOf().Select(a => a.Take(5).ToArray())
        from replays in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
        from consent in Gen.Frequency(
            (4, Gen.Constant<ConsentChange?>(null)),
            (1, from type in Gen.Elements("consent.granted", "consent.revoked", "customer.unsubscribed", "sms.inbound")
                from channel in Gen.Elements("email", "sms", "push", "all")
                select (ConsentChange?)new ConsentChange(type, channel)))
        select (gap, sends, replays, consent);

    private static Gen<Send> SendGen() =>
        from journey in Gen.Elements("alpha", "beta", "gamma")
        from marketing in Gen.Elements(true, true, false)
        from priority in Gen.Elements(10, 50, 50, 90)
        from channel in Gen.Elements("email", "sms", "push", "preferred")
        from fallback in Gen.SubListOf(Channels)
        select new Send(journey, marketing, priority, channel, [.. fallback], "s");
}

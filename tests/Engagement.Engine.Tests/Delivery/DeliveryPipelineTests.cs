using System.Collections.Immutable;
using Engagement.Engine.Delivery;
using Engagement.Engine.Policies;
using Engagement.Engine.Profiles;
using Engagement.Engine.Timeline;
using Engagement.Engine.Unsubscribe;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Values;
using NodaTime;
using static Engagement.Engine.Tests.Delivery.DeliveryFixture;

namespace Engagement.Engine.Tests.Delivery;

public class DeliveryPipelineTests
{
    private static readonly Instant Noon = At("2026-03-04T12:00:00Z");

    [Fact]
    public async Task Deliver_ConsentedMarketingEmail_SendsOnceAndRecordsSent()
    {
        var f = new DeliveryFixture();
        var request = Request(Journey("promo"), Customer("c1", "UTC", "email"), Noon);

        await f.Deliver(request);

        var call = Assert.Single(f.Senders["email"].Calls);
        Assert.Equal(request.Send.LedgerKey, call.LedgerKey);
        var entry = Assert.Single(f.Timeline.Entries);
        Assert.Equal(TimelineKind.Sent, entry.Kind);
        Assert.Equal(("promo", 1, "s", "email", "tpl-s", "en", "c1"), (entry.Journey, entry.Version, entry.Step, entry.Channel, entry.Template, entry.Locale, entry.CustomerId));
        Assert.Equal(LedgerStatus.Sent, f.Ledger.Entries[request.Send.LedgerKey].Status);
    }

    [Fact]
    public async Task Deliver_SameBatchTwice_SendsOnceAndRecordsOnce()
    {
        var f = new DeliveryFixture();
        var request = Request(Journey("promo"), Customer("c1", "UTC", "email"), Noon);

        await f.Deliver(request, request);
        await f.Deliver(request);

        Assert.Equal(1, f.ProviderCalls);
        Assert.Single(f.Timeline.Entries);
    }

    [Fact]
    public async Task Deliver_MarketingWithoutConsentRecord_IsSuppressedNoConsent()
    {
        var f = new DeliveryFixture();
        await f.Deliver(Request(Journey("promo"), Customer("c1", "UTC"), Noon));

        AssertSuppressed(f, DeliveryReasons.NoConsent, "email");
        Assert.Equal(0, f.ProviderCalls);
    }

    [Fact]
    public async Task Deliver_MarketingWithoutRecordAndAllowDefault_Sends()
    {
        var f = new DeliveryFixture(DeliveryPolicy.Empty with { ConsentDefault = new ConsentDefaults(Marketing: true) });
        await f.Deliver(Request(Journey("promo"), Customer("c1", "UTC"), Noon));

        Assert.Equal(1, f.ProviderCalls);
    }

    [Fact]
    public async Task Deliver_LatestConsentRevoked_IsSuppressedNoConsent()
    {
        var f = new DeliveryFixture();
        var profile = Customer("c1", "UTC", "email");
        profile = profile with { Consents = profile.Consents.Add(new ConsentRecord("email", ConsentPurpose.Marketing, false, Noon - Duration.FromDays(1), "unsubscribe")) };

        await f.Deliver(Request(Journey("promo"), profile, Noon));

        AssertSuppressed(f, DeliveryReasons.NoConsent, "email");
    }

    [Fact]
    public async Task Deliver_TransactionalWithoutAnyRecord_Sends()
    {
        var f = new DeliveryFixture();
        await f.Deliver(Request(Journey("order", JourneyCategory.Transactional), Customer("c1", "UTC"), Noon, "sms"));

        Assert.Single(f.Senders["sms"].Calls);
    }

    [Fact]
    public async Task Deliver_TransactionalRevoked_IsSuppressedNoConsent()
    {
        var f = new DeliveryFixture();
        var profile = Customer("c1", "UTC") with { Consents = [new ConsentRecord("sms", ConsentPurpose.Transactional, false, Noon, "block")] };

        await f.Deliver(Request(Journey("order", JourneyCategory.Transactional), profile, Noon, "sms"));

        AssertSuppressed(f, DeliveryReasons.NoConsent, "sms");
    }

    [Fact]
    public async Task Deliver_NoPhone_IsSuppressedNoContact()
    {
        var f = new DeliveryFixture();
        await f.Deliver(Request(Journey("order", JourneyCategory.Transactional), Customer("c1", "UTC") with { Phone = null }, Noon, "sms"));

        AssertSuppressed(f, DeliveryReasons.NoContact, "sms");
    }

    [Fact]
    public async Task Deliver_Preferred_WalksProfileOrderSkippingChannelsWithoutConsentOrContact()
    {
        var f = new DeliveryFixture();
        var profile = Customer("c1", "UTC", "email", "push") with { Channels = ["sms", "push", "email"], PushTokens = [] };

        await f.Deliver(Request(Journey("promo"), profile, Noon, "preferred"));

        Assert.Single(f.Senders["email"].Calls);
        Assert.Equal("email", Assert.Single(f.Timeline.Entries).Channel);
    }

    [Fact]
    public async Task Deliver_ExplicitFallback_TriesInOrder()
    {
        var f = new DeliveryFixture();
        var profile = Customer("c1", "UTC", "push", "email") with { Phone = null };

        await f.Deliver(Request(Journey("promo"), profile, Noon, "sms", "s", 1, "push", "email"));

        Assert.Single(f.Senders["push"].Calls);
        Assert.Empty(f.Senders["email"].Calls);
    }

    [Fact]
    public async Task Deliver_NoChannelWorks_ReasonOfTheLastFailure()
    {
        var f = new DeliveryFixture();
        var profile = Customer("c1", "UTC", "sms") with { Phone = null, Email = null };

        await f.Deliver(Request(Journey("promo"), profile, Noon, "sms", "s", 1, "email", "push"));

        // sms: no-contact, email: no-contact, push: no-consent (furthest through the guards wins, then the last one).
        AssertSuppressed(f, DeliveryReasons.NoConsent, "push");
    }

    [Fact]
    public async Task Deliver_OpenComplaint_IsSuppressedByRuleName()
    {
        var f = new DeliveryFixture(Parse("""{ "suppressions": [ { "name": "open-complaint", "when": "profile.openComplaints > 0" } ] }"""));
        var profile = Customer("c1", "UTC", "email") with { Attributes = Value.EmptyObject.With("openComplaints", Value.FromNumber(1)) };

        await f.Deliver(Request(Journey("promo"), profile, Noon), Request(Journey("care", JourneyCategory.Transactional), profile, Noon));

        Assert.Contains(f.Timeline.Entries, e => e is { Journey: "promo", Kind: TimelineKind.Suppressed, Reason: "open-complaint" });
        Assert.Contains(f.Timeline.Entries, e => e is { Journey: "care", Kind: TimelineKind.Sent });
    }

    [Fact]
    public async Task Deliver_QuietHoursDefer_SchedulesAndRecordsNewInstantThenSendsWhenDue()
    {
        var f = new DeliveryFixture(Parse("""{ "quietHours": { "channels": { "sms": { "from": "21:00", "to": "08:00" } } } }"""));
        var profile = Customer("c1", "Asia/Shanghai", "sms");
        f.Profiles.Profiles["c1"] = profile;
        var request = Request(Journey("promo"), profile, At("2026-03-04T14:00:00Z"), "sms"); // 22:00 in Shanghai

        await f.Deliver(request);

        var due = At("2026-03-05T00:00:00Z"); // 08:00 in Shanghai
        Assert.Equal((request.Send.LedgerKey, "c1", due), Assert.Single(f.Deferred.Scheduled));
        var deferred = Assert.Single(f.Timeline.Entries);
        Assert.Equal((TimelineKind.Deferred, "2026-03-05T00:00:00Z"), (deferred.Kind, deferred.Detail));
        Assert.Equal(0, f.ProviderCalls);

        await f.Pipeline.DeliverDeferredAsync(request.Send.LedgerKey, due, CancellationToken.None);
        await f.Pipeline.DeliverDeferredAsync(request.Send.LedgerKey, due, CancellationToken.None);

        Assert.Single(f.Senders["sms"].Calls);
        Assert.Equal(TimelineKind.Sent, f.Timeline.Entries[^1].Kind);
        Assert.Equal(due, f.Timeline.Entries[^1].At);
        Assert.Equal(LedgerStatus.Sent, f.Ledger.Entries[request.Send.LedgerKey].Status);
    }

    [Fact]
    public async Task Deliver_QuietHoursDefer_KeepsTheEventWithoutContactDetailsInTheLedger()
    {
        var f = new DeliveryFixture(Parse("""{ "quietHours": { "channels": { "sms": { "from": "21:00", "to": "08:00" } } } }"""));
        var profile = Customer("c1", "Asia/Shanghai", "sms");
        f.Profiles.Profiles["c1"] = profile;
        var request = Request(Journey("promo"), profile, At("2026-03-04T14:00:00Z"), "sms");
        request = request with { Enrollment = request.Enrollment with { Event = ValueJson.Parse("""{ "orderId": "o1", "email": "a@example.com" }""") } };

        await f.Deliver(request);

        var pending = f.Ledger.Entries[request.Send.LedgerKey].Pending!;
        Assert.Equal("""{"orderId":"o1"}""", pending.EventJson);
        Assert.Equal(PendingSend.From(request), pending);
    }

    [Fact]
    public async Task DeliverDeferred_ConsentRevokedMeanwhile_IsSuppressed()
    {
        var f = new DeliveryFixture(Parse("""{ "quietHours": { "channels": { "sms": { "from": "21:00", "to": "08:00" } } } }"""));
        var profile = Customer("c1", "UTC", "sms");
        var request = Request(Journey("promo"), profile, At("2026-03-04T23:00:00Z"), "sms");
        await f.Deliver(request);
        f.Profiles.Profiles["c1"] = profile with { Consents = profile.Consents.Add(new ConsentRecord("sms", ConsentPurpose.Marketing, false, Noon, "STOP")) };

        await f.Pipeline.DeliverDeferredAsync(request.Send.LedgerKey, At("2026-03-05T08:00:00Z"), CancellationToken.None);

        Assert.Equal(0, f.ProviderCalls);
        Assert.Equal((TimelineKind.Suppressed, DeliveryReasons.NoConsent), (f.Timeline.Entries[^1].Kind, f.Timeline.Entries[^1].Reason));
    }

    [Fact]
    public async Task Deliver_QuietHoursSkip_IsSuppressedQuietHours()
    {
        var f = new DeliveryFixture(Parse("""{ "quietHours": { "channels": { "push": { "from": "21:00", "to": "08:00", "action": "skip" } } } }"""));
        await f.Deliver(Request(Journey("promo"), Customer("c1", "UTC", "push"), At("2026-03-04T06:00:00Z"), "push"));

        AssertSuppressed(f, DeliveryReasons.QuietHours, "push");
    }

    [Fact]
    public async Task Deliver_TransactionalInQuietHours_IsSentWhenExempt()
    {
        var f = new DeliveryFixture(Parse("""{ "quietHours": { "channels": { "sms": { "from": "21:00", "to": "08:00" } } } }"""));
        await f.Deliver(Request(Journey("ack", JourneyCategory.Transactional), Customer("c1", "UTC"), At("2026-03-04T23:00:00Z"), "sms"));

        Assert.Equal(1, f.ProviderCalls);
    }

    [Fact]
    public async Task Deliver_CountryOverride_UsesTheCountryWindow()
    {
        var f = new DeliveryFixture(Parse("""{ "quietHours": { "channels": { "sms": { "from": "21:00", "to": "08:00" } }, "countries": { "CN": { "sms": { "from": "20:00", "to": "08:00" } }, "US": { "sms": null } } } }"""));
        var cn = Customer("cn", "UTC", "sms") with { Attributes = Value.EmptyObject.With("country", Value.FromString("CN")) };
        var us = Customer("us", "UTC", "sms") with { Attributes = Value.EmptyObject.With("country", Value.FromString("US")) };
        var at = At("2026-03-04T20:30:00Z");

        await f.Deliver(Request(Journey("promo"), cn, at, "sms"));
        await f.Deliver(Request(Journey("promo"), us, at, "sms"));

        Assert.Contains(f.Timeline.Entries, e => e is { CustomerId: "cn", Kind: TimelineKind.Deferred });
        Assert.Contains(f.Timeline.Entries, e => e is { CustomerId: "us", Kind: TimelineKind.Sent });
    }

    [Fact]
    public async Task Deliver_CapAllowsOne_HigherPriorityWinsAndLoserIsSuppressed()
    {
        var f = new DeliveryFixture(Parse("""{ "caps": [ { "name": "marketing-daily", "max": 1, "window": "day" } ] }"""));
        var profile = Customer("c1", "UTC", "email");

        await f.Deliver(Request(Journey("low", priority: 10), profile, Noon), Request(Journey("high", priority: 90), profile, Noon));

        Assert.Contains(f.Timeline.Entries, e => e is { Journey: "high", Kind: TimelineKind.Sent });
        var loser = Assert.Single(f.Timeline.Entries, e => e.Journey == "low");
        Assert.Equal((TimelineKind.Suppressed, DeliveryReasons.FrequencyCap, "marketing-daily"), (loser.Kind, loser.Reason, loser.Detail));
    }

    [Fact]
    public async Task Deliver_PriorityTie_JourneyIdThenStepIdDecides()
    {
        var f = new DeliveryFixture(Parse("""{ "caps": [ { "name": "marketing-daily", "max": 1, "window": "day" } ] }"""));
        var profile = Customer("c1", "UTC", "email");
        var b = Journey("b-journey");
        var a = Journey("a-journey");

        await f.Deliver(Request(b, profile, Noon, step: "a"), Request(a, profile, Noon, step: "z"), Request(a, profile, Noon, step: "y"));

        var sent = Assert.Single(f.Timeline.Entries, e => e.Kind == TimelineKind.Sent);
        Assert.Equal(("a-journey", "y"), (sent.Journey, sent.Step));
    }

    [Fact]
    public async Task Deliver_TransactionalIsNotCountedNorCapped()
    {
        var f = new DeliveryFixture(Parse("""{ "caps": [ { "name": "any", "appliesTo": "all", "max": 1, "window": "day" } ] }"""));
        var profile = Customer("c1", "UTC", "email");

        await f.Deliver(Request(Journey("order", JourneyCategory.Transactional), profile, Noon, step: "t1"), Request(Journey("order", JourneyCategory.Transactional), profile, Noon, step: "t2"), Request(Journey("promo"), profile, Noon));

        Assert.Equal(3, f.ProviderCalls);
    }

    [Fact]
    public async Task Deliver_TransientThenPermanent_RetriesWithBackoffThenFails()
    {
        var f = new DeliveryFixture();
        f.Senders["email"].Script.Enqueue(new SendResult(SendStatus.TransientFailure, Reason: "timeout"));
        f.Senders["email"].Script.Enqueue(new SendResult(SendStatus.TransientFailure, Reason: "throttled"));
        f.Senders["email"].Script.Enqueue(new SendResult(SendStatus.PermanentFailure, Reason: "rejected-content"));
        var request = Request(Journey("promo"), Customer("c1", "UTC", "email"), Noon);

        await f.Deliver(request);

        Assert.Equal(3, f.Senders["email"].Calls.Count);
        Assert.All(f.Senders["email"].Calls, c => Assert.Equal(request.Send.LedgerKey, c.LedgerKey));
        Assert.Equal(2, f.Delays.Count);
        Assert.InRange(f.Delays[0].TotalMilliseconds, 500, 1000);
        Assert.InRange(f.Delays[1].TotalMilliseconds, 1000, 2000);
        var failed = Assert.Single(f.Timeline.Entries);
        Assert.Equal((TimelineKind.Failed, "rejected-content"), (failed.Kind, failed.Reason));
        Assert.Equal((LedgerStatus.Failed, 3), (f.Ledger.Entries[request.Send.LedgerKey].Status, f.Ledger.Entries[request.Send.LedgerKey].Attempts));
    }

    [Fact]
    public async Task Deliver_TransientEveryTime_StopsAfterMaxAttempts()
    {
        var f = new DeliveryFixture();
        for (var i = 0; i < 10; i++)
        {
            f.Senders["email"].Script.Enqueue(new SendResult(SendStatus.TransientFailure, Reason: "timeout"));
        }

        await f.Deliver(Request(Journey("promo"), Customer("c1", "UTC", "email"), Noon));

        Assert.Equal(RetryPolicy.Default.MaxAttempts, f.ProviderCalls);
        Assert.Equal((TimelineKind.Failed, DeliveryReasons.RetriesExhausted, "timeout"), (f.Timeline.Entries[0].Kind, f.Timeline.Entries[0].Reason, f.Timeline.Entries[0].Detail));
    }

    [Fact]
    public async Task Deliver_InvalidContact_MarksChannelInvalidAndNextSendHasNoContact()
    {
        var f = new DeliveryFixture();
        var profile = Customer("c1", "UTC", "sms");
        f.Profiles.Profiles["c1"] = profile;
        f.Senders["sms"].Script.Enqueue(new SendResult(SendStatus.InvalidContact, Reason: "unknown-number"));

        await f.Deliver(Request(Journey("promo"), profile, Noon, "sms", "first"), Request(Journey("promo"), profile, Noon, "sms", "second"));

        Assert.Contains("sms", f.Profiles.Profiles["c1"].InvalidChannels);
        Assert.Equal(DeliveryReasons.InvalidContact, f.Timeline.Entries.Single(e => e.Step == "first").Reason);
        Assert.Equal(DeliveryReasons.NoContact, f.Timeline.Entries.Single(e => e.Step == "second").Reason);
        Assert.Single(f.Senders["sms"].Calls);
    }

    [Fact]
    public async Task Deliver_MissingTemplate_FailsTemplateMissingWithoutProviderCall()
    {
        var f = new DeliveryFixture();
        f.Renderer.Missing.Add("tpl-s");

        await f.Deliver(Request(Journey("promo"), Customer("c1", "UTC", "email"), Noon));

        Assert.Equal(0, f.ProviderCalls);
        Assert.Equal((TimelineKind.Failed, DeliveryReasons.TemplateMissing), (f.Timeline.Entries[0].Kind, f.Timeline.Entries[0].Reason));
    }

    [Fact]
    public async Task Deliver_MarketingEmailWithLinks_CarriesOneClickHeadersAndTemplateLink()
    {
        var links = new UnsubscribeLinks("https://example.com/u", new UnsubscribeTokens(new byte[32]), Duration.FromDays(30));
        var f = new DeliveryFixture(null, links);

        await f.Deliver(Request(Journey("promo"), Customer("c1", "UTC", "email"), Noon), Request(Journey("order", JourneyCategory.Transactional), Customer("c1", "UTC", "email"), Noon, step: "t"));

        var marketing = f.Senders["email"].Calls.Single(c => c.Journey == "promo");
        Assert.StartsWith("<https://example.com/u?token=", marketing.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", marketing.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("https://example.com/u?token=", f.Renderer.Requests.Single(r => r.Enrollment["journey"].AsString() == "promo").Links["unsubscribe"], StringComparison.Ordinal);
        Assert.Empty(f.Senders["email"].Calls.Single(c => c.Journey == "order").Headers);
    }

    [Fact]
    public async Task Deliver_LocalesFallBackFromProfileToLanguageToJourneyDefault()
    {
        var f = new DeliveryFixture();
        var journey = Journey("promo") with { DefaultLocale = "zh-CN" };

        await f.Deliver(Request(journey, Customer("c1", "UTC", "email") with { Locale = "en-GB" }, Noon));

        Assert.Equal(["en-GB", "en", "zh-CN"], f.Renderer.Requests[0].Locales);
    }

    internal static DeliveryPolicy Parse(string json)
    {
        Assert.True(PolicyParser.TryParse("test.json", json, out var policy, out var diagnostics), string.Join("\n", diagnostics));
        return policy!;
    }

    private static void AssertSuppressed(DeliveryFixture f, string reason, string channel)
    {
        var entry = Assert.Single(f.Timeline.Entries);
        Assert.Equal((TimelineKind.Suppressed, reason, channel), (entry.Kind, entry.Reason, entry.Channel));
    }
}

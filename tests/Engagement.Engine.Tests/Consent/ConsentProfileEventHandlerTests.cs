using System.Collections.Immutable;
using Engagement.Engine.Consent;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using static Engagement.Engine.Tests.Delivery.DeliveryFixture;

namespace Engagement.Engine.Tests.Consent;

public class ConsentProfileEventHandlerTests
{
    private static readonly ConsentProfileEventHandler Handler = new();

    private static CustomerEvent Event(string type, params (string Key, string Value)[] data) =>
        new("e1", type, "c1", At("2026-03-04T12:00:00Z"), Value.FromObject(data.Select(d => new KeyValuePair<string, Value>(d.Key, Value.FromString(d.Value)))));

    [Fact]
    public void Apply_GrantThenRevoke_KeepsBothRecordsAndTheLatestIsInForce()
    {
        var profile = Handler.Apply(Customer("c1", "UTC"), Event("consent.granted", ("channel", "email"), ("purpose", "marketing"), ("source", "web-form")));
        profile = Handler.Apply(profile, Event("consent.revoked", ("channel", "email")));

        Assert.Equal(2, profile!.Consents.Count);
        Assert.Equal("web-form (consent.granted e1)", profile.Consents[0].Source);
        Assert.False(profile.ConsentFor("email", ConsentPurpose.Marketing)!.Granted);
    }

    [Fact]
    public void Apply_UnsubscribedFromAll_RevokesMarketingOnEveryChannel()
    {
        var profile = Handler.Apply(Customer("c1", "UTC", "email", "sms", "push"), Event("customer.unsubscribed", ("channel", "all")));

        Assert.All(new[] { "email", "sms", "push" }, c => Assert.False(profile!.ConsentFor(c, ConsentPurpose.Marketing)!.Granted));
        Assert.Null(profile!.ConsentFor("email", ConsentPurpose.Transactional));
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData(" stop ")]
    [InlineData("退订")]
    [InlineData("td")]
    public void Apply_InboundStopKeyword_RevokesSmsMarketing(string text)
    {
        var profile = Handler.Apply(Customer("c1", "UTC", "sms"), Event("sms.inbound", ("text", text)));

        Assert.False(profile!.ConsentFor("sms", ConsentPurpose.Marketing)!.Granted);
    }

    [Fact]
    public void Apply_OrdinaryInboundSmsOrOtherEvent_ReturnsTheSameProfile()
    {
        var profile = Customer("c1", "UTC", "sms");

        Assert.Same(profile, Handler.Apply(profile, Event("sms.inbound", ("text", "please stop by tomorrow"))));
        Assert.Same(profile, Handler.Apply(profile, Event("order.placed")));
    }

    [Fact]
    public void Apply_NoProfileYet_CreatesOneHoldingTheConsent()
    {
        var profile = Handler.Apply(null, Event("consent.granted", ("channel", "sms")));

        Assert.Equal("c1", profile!.CustomerId);
        Assert.True(profile.ConsentFor("sms", ConsentPurpose.Marketing)!.Granted);
    }

    [Fact]
    public void TryInterpret_BadChannel_SaysWhichField()
    {
        Assert.False(ConsentEvents.TryInterpret(Event("consent.granted", ("channel", "fax")), out _, out var error));
        Assert.Contains("data.channel", error, StringComparison.Ordinal);
        Assert.False(ConsentEvents.TryInterpret(Event("consent.granted", ("channel", "sms"), ("purpose", "spam")), out _, out var error2));
        Assert.Contains("data.purpose", error2, StringComparison.Ordinal);
    }

    [Fact]
    public void JourneysToExit_SmsUnsubscribe_ExitsActiveMarketingJourneysSendingSms()
    {
        var smsPromo = Definition("sms-promo", JourneyCategory.Marketing, new SendStep("s", SourceLocation.None, "sms", "t", [], "done"));
        var emailPromo = Definition("email-promo", JourneyCategory.Marketing, new SendStep("s", SourceLocation.None, "email", "t", [], "done"));
        var fallbackPromo = Definition("fallback-promo", JourneyCategory.Marketing, new SendStep("s", SourceLocation.None, "preferred", "t", ["sms"], "done"));
        var smsNotice = Definition("sms-notice", JourneyCategory.Transactional, new SendStep("s", SourceLocation.None, "sms", "t", [], "done"));
        var journeys = new[] { smsPromo, emailPromo, fallbackPromo, smsNotice }.ToDictionary(j => j.Id);
        var enrollments = journeys.Keys.Select(id => EnrollmentState.Create(id, 1, "c1", "c1") with { Status = EnrollmentStatus.Waiting })
            .Append(EnrollmentState.Create("sms-promo", 1, "c1", "old") with { Status = EnrollmentStatus.Exited })
            .ToList();

        var exits = ConsentEvents.JourneysToExit(Event("customer.unsubscribed", ("channel", "sms")), enrollments, (id, _) => journeys[id]);

        Assert.Equal(["fallback-promo", "sms-promo"], exits.Select(e => e.JourneyId).Order(StringComparer.Ordinal));
    }

    private static JourneyDefinition Definition(string id, JourneyCategory category, SendStep step) => Journey(id, category) with
    {
        Start = "s",
        Steps = ImmutableDictionary<string, StepDefinition>.Empty.Add("s", step).Add("done", new ExitStep("done", SourceLocation.None, "completed")),
    };
}

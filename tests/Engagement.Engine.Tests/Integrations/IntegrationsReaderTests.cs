using Engagement.Engine.Configuration;
using Engagement.Engine.Integrations;
using Microsoft.Extensions.Configuration;

namespace Engagement.Engine.Tests.Integrations;

public sealed class IntegrationsReaderTests
{
    private static (IntegrationsOptions Options, List<string> Errors) Read(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("integrations:" + s.Key, s.Value)))
            .Build();
        var errors = new List<string>();
        var options = IntegrationsReader.Read(new ConfigNode(configuration.GetSection("integrations"), "integrations", errors));
        return (options, errors);
    }

    [Fact]
    public void Read_NothingSet_GivesTheDefaults()
    {
        var (options, errors) = Read();

        Assert.Empty(errors);
        Assert.Equal(CloudEventMapping.DefaultCustomerIdAttribute, options.CloudEvents.CustomerIdAttribute);
        Assert.Empty(options.CloudEvents.Types);
        Assert.Equal(SegmentMapping.DefaultEvents.Keys.Order(), options.Segment.Events.Keys.Order());
        Assert.Equal(SegmentMapping.DefaultConsentTraits, options.Segment.ConsentTraits);
        Assert.Equal(UnmappedTrackEvents.Dotted, options.Segment.Unmapped);
    }

    [Fact]
    public void Read_CloudEventsMapping_ReadsPrefixesTypesAndTheAttribute()
    {
        var (options, errors) = Read(
            ("cloudEvents:typePrefixes:0", "com.shop."),
            ("cloudEvents:types:com.shop.checkout", " order.placed "),
            ("cloudEvents:customerIdAttribute", "member"));

        Assert.Empty(errors);
        Assert.Equal(["com.shop."], options.CloudEvents.TypePrefixes);
        Assert.Equal("order.placed", options.CloudEvents.Types["com.shop.checkout"]);
        Assert.Equal("member", options.CloudEvents.CustomerIdAttribute);
    }

    [Fact]
    public void Read_BadAttributeAndEmptyType_NameTheirPaths()
    {
        var (_, errors) = Read(("cloudEvents:customerIdAttribute", "Member-Id"), ("cloudEvents:types:x.y", " "));

        Assert.Contains(errors, e => e.StartsWith("integrations.cloudEvents.customerIdAttribute: expected a CloudEvents extension attribute name", StringComparison.Ordinal));
        Assert.Contains("integrations.cloudEvents.types.x.y: expected the engine event type, e.g. order.placed", errors);
    }

    [Fact]
    public void Read_SegmentRule_AddsToTheDefaultTable()
    {
        var (options, errors) = Read(
            ("segment:events:Gift Card Bought:type", "gift.bought"),
            ("segment:events:Gift Card Bought:properties:amount", "value"),
            ("segment:events:Gift Card Bought:set:tier", "tier"));

        Assert.Empty(errors);
        var rule = options.Segment.Events["Gift Card Bought"];
        Assert.Equal("gift.bought", rule.Type);
        Assert.Equal("value", rule.Properties["amount"]);
        Assert.Equal("tier", rule.Set["tier"]);
        Assert.All(SegmentMapping.DefaultEvents.Keys, k => Assert.True(options.Segment.Events.ContainsKey(k)));
    }

    [Fact]
    public void Read_SegmentRuleWithoutType_IsAnErrorAndLeftOut()
    {
        var (options, errors) = Read(("segment:events:Odd:properties:a", "b"));

        Assert.Equal(["integrations.segment.events.Odd.type: expected the engine event type, e.g. order.placed"], errors);
        Assert.False(options.Segment.Events.ContainsKey("Odd"));
    }

    [Fact]
    public void Read_ConsentTraits_AddDropAndRejectByTheChannelRegistry()
    {
        var (options, errors) = Read(
            ("segment:consentTraits:newsletter", "email"),
            ("segment:consentTraits:pushOptIn", "none"),
            ("segment:consentTraits:faxOptIn", "fax"));

        Assert.Equal("email", options.Segment.ConsentTraits["newsletter"]);
        Assert.False(options.Segment.ConsentTraits.ContainsKey("pushOptIn"));
        Assert.False(options.Segment.ConsentTraits.ContainsKey("faxOptIn"));
        Assert.Equal(["integrations.segment.consentTraits.faxOptIn: expected email, sms, push, or none (to drop a default)"], errors);
    }

    [Theory]
    [InlineData("dotted", UnmappedTrackEvents.Dotted)]
    [InlineData("asIs", UnmappedTrackEvents.AsIs)]
    [InlineData("reject", UnmappedTrackEvents.Reject)]
    public void Read_UnmappedEvents_ChoosesTheRule(string text, UnmappedTrackEvents expected)
    {
        var (options, errors) = Read(("segment:unmappedEvents", text));

        Assert.Empty(errors);
        Assert.Equal(expected, options.Segment.Unmapped);
    }

    [Fact]
    public void Read_UnknownSettingsAndBadUnmappedRule_AreErrorsNotSilence()
    {
        var (_, errors) = Read(("segmnet:events", "x"), ("segment:unmappedEvents", "drop"), ("cloudEvents:typePrefix", "a"));

        Assert.Contains(errors, e => e.StartsWith("integrations.segmnet: unknown setting; expected one of cloudEvents, segment", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("integrations.cloudEvents.typePrefix: unknown setting", StringComparison.Ordinal));
        Assert.Contains("integrations.segment.unmappedEvents: expected dotted, asIs or reject", errors);
    }
}

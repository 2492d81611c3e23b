using Engagement.Engine.Integrations;
using Engagement.Local.Configuration;

namespace Engagement.Local.Tests.Configuration;

/// <summary><c>integrations</c> in engage.json: the CloudEvents mapping and the Segment table over their defaults.</summary>
public sealed class IntegrationsConfigTests
{
    [Fact]
    public void ConfigLoader_NoIntegrations_GivesTheDefaults()
    {
        using var config = new TempConfig("{}");

        var options = EngageConfigLoader.Load(config.Path, config.Prefix).Integrations;

        Assert.Equal(CloudEventMapping.DefaultCustomerIdAttribute, options.CloudEvents.CustomerIdAttribute);
        Assert.Equal("order.placed", options.Segment.RuleFor("Order Completed")!.Type);
        Assert.Equal(UnmappedTrackEvents.Dotted, options.Segment.Unmapped);
    }

    [Fact]
    public void ConfigLoader_Integrations_ExtendAndOverrideTheDefaults()
    {
        using var config = new TempConfig("""
            { "integrations": {
                "cloudEvents": { "typePrefixes": ["com.shop.", "com.crm."], "types": { "Microsoft.Storage.BlobCreated": "blob.created" }, "customerIdAttribute": "userid" },
                "segment": {
                  "events": { "Order Completed": { "type": "purchase.made", "properties": { "total": "value" } }, "Coupon Applied": { "type": "coupon.applied", "set": { "source": "web" } } },
                  "unmappedEvents": "reject",
                  "consentTraits": { "newsletter": "email", "pushOptIn": "none" } } } }
            """);

        var options = EngageConfigLoader.Load(config.Path, config.Prefix).Integrations;

        Assert.Equal("order.placed", options.CloudEvents.EngineType("com.crm.order.placed"));
        Assert.Equal("blob.created", options.CloudEvents.EngineType("Microsoft.Storage.BlobCreated"));
        Assert.Equal("userid", options.CloudEvents.CustomerIdAttribute);
        Assert.Equal(("purchase.made", "value"), (options.Segment.RuleFor("Order Completed")!.Type, options.Segment.RuleFor("Order Completed")!.Properties["total"]));
        Assert.Equal("web", options.Segment.RuleFor("Coupon Applied")!.Set["source"]);
        Assert.Equal("customer.registered", options.Segment.RuleFor("Signed Up")!.Type);
        Assert.Equal(UnmappedTrackEvents.Reject, options.Segment.Unmapped);
        Assert.Equal("email", options.Segment.ConsentTraits["newsletter"]);
        Assert.False(options.Segment.ConsentTraits.ContainsKey("pushOptIn"));
    }

    [Theory]
    [InlineData("""{ "integrations": { "cloudEvents": { "customerIdAttribute": "Customer-Id" } } }""", "integrations.cloudEvents.customerIdAttribute")]
    [InlineData("""{ "integrations": { "segment": { "unmappedEvents": "drop" } } }""", "integrations.segment.unmappedEvents")]
    [InlineData("""{ "integrations": { "segment": { "events": { "Order Completed": { "properties": { "total": "amount" } } } } } }""", "integrations.segment.events.Order Completed.type")]
    [InlineData("""{ "integrations": { "segment": { "consentTraits": { "newsletter": "fax" } } } }""", "integrations.segment.consentTraits.newsletter")]
    [InlineData("""{ "integrations": { "segmnet": {} } }""", "integrations.segmnet")]
    public void ConfigLoader_BadIntegrationSetting_NamesItsPath(string json, string path)
    {
        using var config = new TempConfig(json);

        var ex = Assert.Throws<EngageConfigException>(() => EngageConfigLoader.Load(config.Path, config.Prefix));

        Assert.Contains(path + ":", ex.Message, StringComparison.Ordinal);
    }
}

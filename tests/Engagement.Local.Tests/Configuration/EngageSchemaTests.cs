using Engagement.Local.Configuration;
using NJsonSchema;

namespace Engagement.Local.Tests.Configuration;

/// <summary>docs/engage.schema.json, for editors, accepts what the loader accepts in the documented example and rejects what it rejects.</summary>
public sealed class EngageSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFileAsync(TempConfig.SchemaPath).GetAwaiter().GetResult();

    [Fact]
    public void Schema_DocumentedExample_IsValid()
    {
        var example = TempConfig.DocumentedExample();

        Assert.Empty(Schema.Validate(example));
        using var config = new TempConfig(example);
        _ = EngageConfigLoader.Load(config.Path, config.Prefix);
    }

    [Theory]
    [InlineData("""{ "databse": "x.db" }""")]
    [InlineData("""{ "channels": { "sms": { "transport": "smtp" } } }""")]
    [InlineData("""{ "channels": { "sms": { "transport": "webhook" } } }""")]
    [InlineData("""{ "channels": { "push": { "transport": "webhook", "webhook": { "url": "https://gw.example/push", "secret": "short" } } } }""")]
    [InlineData("""{ "channels": { "email": { "transport": "smtp", "smtp": { "host": "smtp.shop.example" } } } }""")]
    [InlineData("""{ "channels": { "email": { "transport": "smtp", "smtp": { "host": "h", "fromAddress": "news@shop.example", "tls": "tls1.3" } } } }""")]
    [InlineData("""{ "channels": { "email": { "transport": "smtp" } } }""")]
    [InlineData("""{ "http": { "maxBodyBytes": 10 } }""")]
    [InlineData("""{ "http": { "keys": [ { "name": "crm", "role": "root", "hash": "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" } ] } }""")]
    [InlineData("""{ "http": { "keys": [ { "name": "crm", "role": "ingest", "hash": "ek_not-a-hash-0123456789" } ] } }""")]
    [InlineData("""{ "publicBaseUrl": "/engage" }""")]
    [InlineData("""{ "auditRetentionDays": 0 }""")]
    [InlineData("""{ "integrations": { "cloudEvents": { "customerIdAttribute": "Customer-Id" } } }""")]
    [InlineData("""{ "integrations": { "segment": { "unmappedEvents": "drop" } } }""")]
    [InlineData("""{ "integrations": { "segment": { "events": { "Order Completed": { "properties": { "total": "amount" } } } } } }""")]
    [InlineData("""{ "integrations": { "segment": { "consentTraits": { "newsletter": "fax" } } } }""")]
    [InlineData("""{ "integrations": { "segmnet": {} } }""")]
    public void Schema_SettingTheLoaderRejects_IsInvalidToo(string json)
    {
        Assert.NotEmpty(Schema.Validate(json));
        using var config = new TempConfig(json);
        Assert.Throws<EngageConfigException>(() => EngageConfigLoader.Load(config.Path, config.Prefix));
    }
}

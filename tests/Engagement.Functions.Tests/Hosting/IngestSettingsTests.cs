using Engagement.Functions.Hosting;
using Engagement.Functions.Tests.Http;
using static Engagement.Functions.Tests.Http.HttpFunctionHost;

namespace Engagement.Functions.Tests.Hosting;

/// <summary>
/// The ingestion app settings read as the app reads them (<see cref="EngagementSettings.From"/> over a configuration):
/// <c>Engagement__Integrations</c> (engage.json's <c>integrations</c> section, as one JSON value or as nested settings) changes
/// what the Functions ingest puts on the topic, and a bad value stops the app with one line naming the setting.
/// </summary>
public sealed class IngestSettingsTests
{
    private const string Mapping = """
        {
          "cloudEvents": { "typePrefixes": ["com.shop."] },
          "segment": {
            "events": { "Purchase Made": { "type": "order.placed", "properties": { "purchase_ref": "orderId", "paid": "amount" } } },
            "consentTraits": { "newsletter": "email" }
          }
        }
        """;

    [Fact]
    public async Task AConfiguredPrefix_IsStrippedFromCloudEventTypes_ByTheIngestFunction()
    {
        var host = new HttpFunctionHost(TestSettings.FromAppSettings((IngestSettings.IntegrationsKey, Mapping)));
        const string Event = """{ "specversion": "1.0", "type": "com.shop.order.placed", "source": "/shop", "id": "1", "subject": "c-5", "time": "2026-03-01T10:00:00Z", "data": {} }""";

        var result = await host.Ingest().RunAsync(Post("/api/events", Event, "application/cloudevents+json"), CancellationToken.None);

        Assert.Equal(202, Status(result));
        Assert.Equal("order.placed", Assert.Single(host.Subjects));
    }

    [Fact]
    public async Task ACustomTrackMapping_TurnsItsEventIntoTheConfiguredTypeAndFields_AndAConfiguredConsentTraitGrantsConsent()
    {
        var host = new HttpFunctionHost(TestSettings.FromAppSettings((IngestSettings.IntegrationsKey, Mapping)));
        const string Track = """{ "userId": "c-1", "messageId": "m-1", "event": "Purchase Made", "timestamp": "2026-03-01T10:00:00Z", "properties": { "purchase_ref": "p-7", "paid": 12 } }""";
        const string Identify = """{ "userId": "c-1", "messageId": "m-2", "timestamp": "2026-03-01T10:01:00Z", "traits": { "newsletter": true } }""";

        var tracked = await host.Segment().RunAsync(Post("/api/v1/track", Track, headers: Basic(WriteKey)), CancellationToken.None);
        var identified = await host.Segment().RunAsync(Post("/api/v1/identify", Identify, headers: Basic(WriteKey)), CancellationToken.None);

        Assert.Equal((200, 200), (Status(tracked), Status(identified)));
        Assert.Equal("order.placed", host.Subjects[0]);
        var body = host.Sender.Sent[0].Body.ToString();
        Assert.Contains("\"orderId\":\"p-7\"", body, StringComparison.Ordinal);
        Assert.Contains("\"amount\":12", body, StringComparison.Ordinal);
        Assert.Contains("consent.granted", host.Subjects);
    }

    [Fact]
    public async Task WithoutTheSetting_TheDefaultsApply_AndTheCustomEventNameIsOnlyDotted()
    {
        var host = new HttpFunctionHost(TestSettings.FromAppSettings());
        const string Track = """{ "userId": "c-1", "messageId": "m-1", "event": "Purchase Made", "timestamp": "2026-03-01T10:00:00Z", "properties": { "purchase_ref": "p-7" } }""";

        await host.Segment().RunAsync(Post("/api/v1/track", Track, headers: Basic(WriteKey)), CancellationToken.None);

        Assert.Equal("purchase.made", Assert.Single(host.Subjects));
    }

    [Fact]
    public void NestedSettings_SetThePrefixesToo()
    {
        var settings = TestSettings.FromAppSettings(("Engagement:Integrations:cloudEvents:typePrefixes:0", "com.shop."), ("Engagement:Integrations:cloudEvents:typePrefixes:1", "org.crm."));

        Assert.Equal(["com.shop.", "org.crm."], settings.Integrations.CloudEvents.TypePrefixes);
    }

    [Fact]
    public void TheOlderPrefixSetting_StillSetsThePrefixes()
    {
        var settings = TestSettings.FromAppSettings(("Engagement:CloudEventTypePrefixes", "com.shop.; org.crm."));

        Assert.Equal(["com.shop.", "org.crm."], settings.Integrations.CloudEvents.TypePrefixes);
    }

    [Theory]
    [InlineData("Engagement:Integrations", "{ \"cloudEvents\": ", "App setting 'Engagement__Integrations': expected a JSON object")]
    [InlineData("Engagement:Integrations", "[1, 2]", "App setting 'Engagement__Integrations': expected a JSON object")]
    [InlineData("Engagement:Integrations", "{ \"segment\": { \"unmappedEvents\": \"drop\" } }", "App setting 'Engagement__Integrations': segment.unmappedEvents: expected dotted, asIs or reject")]
    [InlineData("Engagement:Integrations", "{ \"cloudEvent\": {} }", "App setting 'Engagement__Integrations': cloudEvent: unknown setting")]
    [InlineData("Engagement:Integrations", "{ \"segment\": { \"events\": { \"Purchase Made\": { \"properties\": {} } } } }", "App setting 'Engagement__Integrations': segment.events.Purchase Made.type: expected the engine event type")]
    [InlineData("Engagement:EventsNotBefore", "last year", "App setting 'Engagement__EventsNotBefore': 'last year' is not an instant")]
    [InlineData("Engagement:EventsMaxAhead", "P1M", "App setting 'Engagement__EventsMaxAhead': 'P1M' is not a duration")]
    [InlineData("Engagement:EventsNotAfter", "1990-01-01T00:00:00Z", "App setting 'Engagement__EventsNotAfter': is before 'Engagement__EventsNotBefore'")]
    public void ABadValue_StopsTheAppWithOneLineNamingTheSetting(string name, string value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestSettings.FromAppSettings((name, value)));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void PrefixesInBothSettings_AreRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestSettings.FromAppSettings(
            ("Engagement:CloudEventTypePrefixes", "com.shop."), (IngestSettings.IntegrationsKey, Mapping)));

        Assert.StartsWith("App setting 'Engagement__CloudEventTypePrefixes': the prefixes are also set in", error.Message, StringComparison.Ordinal);
    }
}

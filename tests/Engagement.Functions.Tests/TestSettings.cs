using Engagement.Functions.Hosting;

namespace Engagement.Functions.Tests;

/// <summary>App settings for functions built by hand in tests: nothing reachable (<c>.invalid</c> hosts), one write key.</summary>
public static class TestSettings
{
    /// <summary>The write key the Segment API accepts.</summary>
    public const string WriteKey = "wk-test-1";

    /// <summary>The settings, with the CloudEvent type prefixes given.</summary>
    public static EngagementSettings Create(params string[] cloudEventTypePrefixes) => new()
    {
        CosmosEndpoint = new Uri("https://cosmos.invalid/"),
        CosmosDatabase = "engagement",
        ServiceBusNamespace = "sb.invalid",
        ServiceBusTopic = "lifecycle",
        JourneysPath = "journeys",
        UnsubscribeSigningKey = new byte[32],
        PublicBaseUrl = new Uri("https://engage.invalid/"),
        IngestKeys = [WriteKey],
        CloudEventTypePrefixes = cloudEventTypePrefixes,
    };
}

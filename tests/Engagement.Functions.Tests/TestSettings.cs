using Engagement.Engine.Integrations;
using Engagement.Functions.Hosting;
using Microsoft.Extensions.Configuration;

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
        Integrations = new IntegrationsOptions { CloudEvents = new CloudEventMapping { TypePrefixes = cloudEventTypePrefixes } },
    };

    /// <summary>The settings as the app reads them (<see cref="EngagementSettings.From"/>) from the required app settings, one
    /// write key and <paramref name="extra"/> (names in .NET form, <c>Engagement:Integrations</c>).</summary>
    public static EngagementSettings FromAppSettings(params (string Name, string Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["CosmosDb:Endpoint"] = "https://cosmos.invalid/",
            ["CosmosDb:DatabaseName"] = "engagement",
            ["ServiceBusConnection:fullyQualifiedNamespace"] = "sb.invalid",
            ["ServiceBusTopicName"] = "lifecycle",
            ["Engagement:JourneysPath"] = "journeys",
            ["Engagement:UnsubscribeSigningKey"] = Convert.ToBase64String(new byte[32]),
            ["Engagement:PublicBaseUrl"] = "https://engage.invalid/",
            ["Engagement:IngestKeys"] = WriteKey,
        };
        foreach (var (name, value) in extra)
        {
            values[name] = value;
        }

        return EngagementSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), FunctionsOutput.Directory);
    }
}

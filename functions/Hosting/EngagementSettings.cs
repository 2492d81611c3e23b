using Engagement.Engine.Events;
using Engagement.Engine.Integrations;
using Microsoft.Extensions.Configuration;

namespace Engagement.Functions.Hosting;

/// <summary>
/// The app settings the code reads, by the names of docs/azure.md's app-setting contract (and no others). <c>__</c> in a
/// setting name is <c>:</c> in .NET configuration. Immutable.
/// </summary>
public sealed record EngagementSettings
{
    public required Uri CosmosEndpoint { get; init; }
    public required string CosmosDatabase { get; init; }
    public required string ServiceBusNamespace { get; init; }
    public required string ServiceBusTopic { get; init; }
    public Uri? AcsEndpoint { get; init; }
    public string? AcsSenderAddress { get; init; }
    public string? TwilioAccountSid { get; init; }
    public string? TwilioAuthToken { get; init; }
    public string? TwilioFromNumber { get; init; }
    public string? NotificationHubsConnectionString { get; init; }
    public string? NotificationHubName { get; init; }
    public required string JourneysPath { get; init; }
    public required byte[] UnsubscribeSigningKey { get; init; }
    public required Uri PublicBaseUrl { get; init; }
    public string? ManagedIdentityClientId { get; init; }
    /// <summary>Keys the Segment-compatible routes accept as write keys (<c>Engagement:IngestKeys</c>, separated by <c>;</c>); none refuses every call.</summary>
    public IReadOnlyList<string> IngestKeys { get; init; } = [];
    /// <summary>How CloudEvents and Segment calls map to engine events (<c>Engagement:Integrations</c>, see <see cref="IngestSettings"/>).</summary>
    public IntegrationsOptions Integrations { get; init; } = new();
    /// <summary>The plausible event times, against the time received (<c>Engagement:EventsNotBefore</c>, <c>…NotAfter</c>, <c>…MaxAhead</c>).</summary>
    public EventTimeWindow EventWindow { get; init; } = EventTimeWindow.Default;

    /// <summary>Reads and checks the settings; a missing required one, an unsigned unsubscribe key or a bad ingestion setting
    /// (<see cref="IngestSettings"/>) stops the app at start.</summary>
    public static EngagementSettings From(IConfiguration c, string contentRoot)
    {
        string Required(string name) => c[name] is { Length: > 0 } v ? v : throw new InvalidOperationException($"App setting '{name.Replace(":", "__", StringComparison.Ordinal)}' is required.");
        string? Optional(string name) => c[name] is { Length: > 0 } v ? v : null;
        string[] List(string name) => Optional(name)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var key = Convert.FromBase64String(Required("Engagement:UnsubscribeSigningKey"));
        var journeys = Required("Engagement:JourneysPath");
        return new EngagementSettings
        {
            CosmosEndpoint = new Uri(Required("CosmosDb:Endpoint")),
            CosmosDatabase = Required("CosmosDb:DatabaseName"),
            ServiceBusNamespace = Required("ServiceBusConnection:fullyQualifiedNamespace"),
            ServiceBusTopic = Required("ServiceBusTopicName"),
            AcsEndpoint = Optional("Acs:Endpoint") is { } acs ? new Uri(acs) : null,
            AcsSenderAddress = Optional("Acs:SenderAddress"),
            TwilioAccountSid = Optional("Twilio:AccountSid"),
            TwilioAuthToken = Optional("Twilio:AuthToken"),
            TwilioFromNumber = Optional("Twilio:FromNumber"),
            NotificationHubsConnectionString = Optional("NotificationHubs:ConnectionString"),
            NotificationHubName = Optional("NotificationHubs:HubName"),
            JourneysPath = Path.IsPathRooted(journeys) ? journeys : Path.Combine(contentRoot, journeys),
            UnsubscribeSigningKey = key,
            PublicBaseUrl = new Uri(Required("Engagement:PublicBaseUrl")),
            ManagedIdentityClientId = Optional("AZURE_CLIENT_ID"),
            IngestKeys = List("Engagement:IngestKeys"),
            Integrations = IngestSettings.Integrations(c),
            EventWindow = IngestSettings.EventWindow(c),
        };
    }

    /// <summary>Whether SMS is configured (an empty Twilio token means the channel is off).</summary>
    public bool HasSms => TwilioAccountSid is not null && TwilioAuthToken is not null && TwilioFromNumber is not null;
}

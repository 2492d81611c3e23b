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
    /// <summary>The Cosmos DB account endpoint (<c>CosmosDb__Endpoint</c>); required.</summary>
    public required Uri CosmosEndpoint { get; init; }
    /// <summary>The Cosmos DB database that holds the stores' containers (<c>CosmosDb__DatabaseName</c>); required.</summary>
    public required string CosmosDatabase { get; init; }
    /// <summary>The Service Bus fully qualified namespace, e.g. <c>sb-x.servicebus.windows.net</c>
    /// (<c>ServiceBusConnection__fullyQualifiedNamespace</c>); required.</summary>
    public required string ServiceBusNamespace { get; init; }
    /// <summary>The Service Bus topic events are published to (<c>ServiceBusTopicName</c>); required.</summary>
    public required string ServiceBusTopic { get; init; }
    /// <summary>The Azure Communication Services endpoint (<c>Acs__Endpoint</c>); null, or a null
    /// <see cref="AcsSenderAddress"/>, leaves the email channel without a sender.</summary>
    public Uri? AcsEndpoint { get; init; }
    /// <summary>The email <c>From</c> address ACS sends as (<c>Acs__SenderAddress</c>); null leaves the email channel without a sender.</summary>
    public string? AcsSenderAddress { get; init; }
    /// <summary>The Twilio account SID (<c>Twilio__AccountSid</c>); null turns SMS off (see <see cref="HasSms"/>).</summary>
    public string? TwilioAccountSid { get; init; }
    /// <summary>The Twilio auth token (<c>Twilio__AuthToken</c>, a Key Vault reference in Azure); null (setting missing or empty) turns SMS off.
    /// A secret: never logged.</summary>
    public string? TwilioAuthToken { get; init; }
    /// <summary>The SMS sender number in E.164 form (<c>Twilio__FromNumber</c>); null turns SMS off.</summary>
    public string? TwilioFromNumber { get; init; }
    /// <summary>The Notification Hubs connection string with the Send right only (<c>NotificationHubs__ConnectionString</c>);
    /// null, or a null <see cref="NotificationHubName"/>, leaves the push channel without a sender. A secret: never logged.</summary>
    public string? NotificationHubsConnectionString { get; init; }
    /// <summary>The notification hub's name (<c>NotificationHubs__HubName</c>); null leaves the push channel without a sender.</summary>
    public string? NotificationHubName { get; init; }
    /// <summary>The journey definitions folder (<c>Engagement__JourneysPath</c>), made absolute against the app's content root
    /// when relative; required.</summary>
    public required string JourneysPath { get; init; }
    /// <summary>The key that signs unsubscribe links (<c>Engagement__UnsubscribeSigningKey</c>, base64 in the setting, decoded
    /// here); required. A secret: never logged.</summary>
    public required byte[] UnsubscribeSigningKey { get; init; }
    /// <summary>The app's public base address (<c>Engagement__PublicBaseUrl</c>), for absolute links: unsubscribe links and
    /// delivery-status callbacks; required.</summary>
    public required Uri PublicBaseUrl { get; init; }
    /// <summary>The user-assigned managed identity's client id (<c>AZURE_CLIENT_ID</c>) used by <c>DefaultAzureCredential</c>;
    /// null uses the credential chain's default identity.</summary>
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

using System.Net;
using Azure.Core;
using Microsoft.Azure.Cosmos;

namespace Engagement.Cosmos;

/// <summary>
/// <see cref="CosmosClient"/>s configured for the stores: the engine's JSON serializer everywhere, Entra ID against Azure,
/// and for the local Cosmos-compatible server (<c>@vercel/cosmosdb-server</c>, self-signed TLS) Gateway mode limited to the
/// endpoint with the certificate check relaxed for loopback hosts only.
/// </summary>
public static class CosmosClients
{
    /// <summary>The Cosmos DB emulator's well-known, publicly documented account key; the local server accepts it. Not a secret.</summary>
    public const string EmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    /// <summary>A client for Azure Cosmos DB with an identity (key authentication is disabled on the account).</summary>
    public static CosmosClient ForAzure(string endpoint, TokenCredential credential, string? applicationName = "engagement") =>
        new(endpoint, credential, new CosmosClientOptions { Serializer = new EngineCosmosSerializer(), ApplicationName = applicationName });

    /// <summary>A client for a local Cosmos-compatible server on a loopback address (throws for any other host).</summary>
    public static CosmosClient ForLocalServer(string endpoint, string key = EmulatorKey)
    {
        var uri = new Uri(endpoint, UriKind.Absolute);
        if (!IsLoopback(uri))
        {
            throw new ArgumentException($"ForLocalServer relaxes the TLS certificate check and accepts only loopback endpoints, not '{uri.Host}'.", nameof(endpoint));
        }

        return new CosmosClient(endpoint, key, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            Serializer = new EngineCosmosSerializer(),
            HttpClientFactory = () => new HttpClient(new HttpClientHandler
            {
                // Self-signed certificate of the local server: accepted for loopback hosts only, every other host gets the normal check.
                ServerCertificateCustomValidationCallback = (request, _, _, errors) =>
                    errors == System.Net.Security.SslPolicyErrors.None || (request.RequestUri is { } u && IsLoopback(u)),
            }),
        });
    }

    /// <summary>True for <c>localhost</c>, 127.0.0.0/8 and ::1.</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}

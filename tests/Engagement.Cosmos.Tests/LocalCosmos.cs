using Microsoft.Azure.Cosmos;

namespace Engagement.Cosmos.Tests;

/// <summary>
/// The local Cosmos-compatible server the tests run against (<c>@vercel/cosmosdb-server</c>, started by
/// <c>scripts/services.sh</c>, which exports <c>COSMOS_EMULATOR_ENDPOINT</c>). One client and one database per test run;
/// tests keep apart by using fresh customer ids.
/// </summary>
internal static class LocalCosmos
{
    public const string EndpointVariable = "COSMOS_EMULATOR_ENDPOINT";

    public const string SkipReason =
        "COSMOS_EMULATOR_ENDPOINT is not set: these tests need the local Cosmos server. Run `source scripts/services.sh && services_start` " +
        "(or ./test.sh) in the same shell first.";

    private static readonly Lazy<CosmosClient> LazyClient = new(() => CosmosClients.ForLocalServer(Endpoint ?? throw new InvalidOperationException(SkipReason)));
    private static readonly Lazy<Task<CosmosStores>> LazyStores = new(() => NewStoresAsync());

    public static string? Endpoint => Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } e ? e : null;

    public static CosmosClient Client => LazyClient.Value;

    /// <summary>The options the tests use: a database of its own per run, containers created, the local server's quirk on.</summary>
    public static CosmosStoreOptions Options { get; } = new()
    {
        DatabaseName = "engagement-tests-" + Guid.NewGuid().ToString("N")[..8],
        CreateIfNotExists = true,
        MissingDocumentMayAnswer500 = true,
        ExitedEnrollmentTtl = TimeSpan.FromDays(180),
    };

    /// <summary>The shared stores (database and containers created on first use).</summary>
    public static Task<CosmosStores> StoresAsync() => LazyStores.Value;

    /// <summary>A second, independent set of stores over the same database: another process, with caches of its own.</summary>
    public static async Task<CosmosStores> NewStoresAsync(CosmosStoreOptions? options = null) => await CosmosStores.CreateAsync(Client, options ?? Options);

    /// <summary>A fresh id, so tests sharing the database never meet.</summary>
    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A raw container, to look at stored documents.</summary>
    public static Container Container(string name) => Client.GetDatabase(Options.DatabaseName).GetContainer(name);
}

using Engagement.Protection;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json.Linq;

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

    /// <summary>The options of the database the encryption tests use: apart from the shared one, so stores without a key there
    /// never meet a document encrypted by another test.</summary>
    public static CosmosStoreOptions EncryptedDatabaseOptions { get; } = Options with { DatabaseName = Options.DatabaseName + "-enc" };

    private static readonly Lazy<Task<CosmosStores>> LazyEncryptedStores = new(() => NewStoresAsync(EncryptedDatabaseOptions with { Protector = FieldProtector.From(TemporaryKeys()) }));

    /// <summary>Stores with a key (one per test run) over <see cref="EncryptedDatabaseOptions"/>: the contract tests run on them too.</summary>
    public static Task<CosmosStores> EncryptedStoresAsync() => LazyEncryptedStores.Value;

    /// <summary>The shared stores (database and containers created on first use).</summary>
    public static Task<CosmosStores> StoresAsync() => LazyStores.Value;

    /// <summary>A second, independent set of stores over the same database: another process, with caches of its own.</summary>
    public static async Task<CosmosStores> NewStoresAsync(CosmosStoreOptions? options = null) => await CosmosStores.CreateAsync(Client, options ?? Options);

    /// <summary>A new key file, read and deleted at once (the keys live only in memory).</summary>
    public static KeyFile TemporaryKeys()
    {
        var dir = Directory.CreateTempSubdirectory("engage-cosmos-keys-");
        try
        {
            return KeyFile.CreateNew(Path.Combine(dir.FullName, "keys.json"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A fresh id, so tests sharing the database never meet.</summary>
    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A fresh email address (mixed case, as senders write them), so tests sharing a contact index never meet.</summary>
    public static string NewEmail() => "Ann." + Guid.NewGuid().ToString("N")[..10] + "@Example.com";

    /// <summary>A fresh phone number in E.164.</summary>
    public static string NewPhone() => "+4479" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every raw document a query's pages hold (the iterator is disposed).</summary>
    public static async Task<List<JObject>> DocumentsAsync(FeedIterator iterator)
    {
        using (iterator)
        {
            var all = new List<JObject>();
            while (iterator.HasMoreResults)
            {
                using var page = await iterator.ReadNextAsync();
                page.EnsureSuccessStatusCode();
                using var reader = new StreamReader(page.Content);
                all.AddRange(((JArray)JObject.Parse(await reader.ReadToEndAsync())["Documents"]!).OfType<JObject>());
            }

            return all;
        }
    }

    /// <summary>The raw documents of one page of a feed.</summary>
    public static async Task<List<JObject>> DocumentsAsync(ResponseMessage page)
    {
        using var reader = new StreamReader(page.Content);
        return ((JArray)JObject.Parse(await reader.ReadToEndAsync())["Documents"]!).OfType<JObject>().ToList();
    }

    /// <summary>A raw container, to look at stored documents.</summary>
    public static Container Container(string name) => Client.GetDatabase(Options.DatabaseName).GetContainer(name);
}

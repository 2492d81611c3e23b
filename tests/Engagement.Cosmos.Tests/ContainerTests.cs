using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Azure.Cosmos;

namespace Engagement.Cosmos.Tests;

/// <summary>The containers the factory creates, and their agreement with <c>infra/modules/cosmos.bicep</c>.</summary>
public sealed partial class ContainerTests
{
    [CosmosFact]
    public async Task Containers_CreatedByTheFactory_HaveTheirPartitionKeysTtlsAndIndexes()
    {
        var stores = await LocalCosmos.StoresAsync();
        var options = stores.Options;
        async Task<ContainerProperties> Read(string name) => (await stores.Database.GetContainer(name).ReadContainerAsync()).Resource;

        var profiles = await Read(options.ProfilesContainer);
        Assert.Equal("/customerId", profiles.PartitionKeyPath);
        Assert.Null(profiles.DefaultTimeToLive);
        var enrollments = await Read(options.EnrollmentsContainer);
        Assert.Equal("/customerId", enrollments.PartitionKeyPath);
        Assert.Equal(-1, enrollments.DefaultTimeToLive);
        Assert.Equal(-1, (await Read(options.EnrollmentIndexContainer)).DefaultTimeToLive);
        var ledger = await Read(options.LedgerContainer);
        Assert.Equal(-1, ledger.DefaultTimeToLive);
        Assert.Equal(["/status", "/sentAtKey"], Assert.Single(ledger.IndexingPolicy.CompositeIndexes).Select(p => p.Path));
        var events = await Read(options.EventsContainer);
        Assert.Equal("/id", events.PartitionKeyPath);
        Assert.Equal(30 * 24 * 3600, events.DefaultTimeToLive);
        var rejected = await Read(options.RejectedContainer);
        Assert.Equal("/day", rejected.PartitionKeyPath);
        Assert.Equal(-1, rejected.DefaultTimeToLive);
        Assert.Equal("/journeyId", (await Read(options.CountersContainer)).PartitionKeyPath);
    }

    [CosmosFact]
    public async Task Containers_CreatedTwice_IsHarmless()
    {
        await CosmosStores.EnsureCreatedAsync(LocalCosmos.Client, LocalCosmos.Options);
        await CosmosStores.EnsureCreatedAsync(LocalCosmos.Client, LocalCosmos.Options);
        var response = await LocalCosmos.Container("tasks").ReadContainerAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Containers_InCode_AgreeWithTheBicep()
    {
        var bicep = File.ReadAllText(Path.Combine(RepositoryRoot(), "infra", "modules", "cosmos.bicep"));
        var parameters = ParameterDefault().Matches(bicep).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
        var declared = ContainerEntry().Matches(bicep)
            .Select(m => (Name: m.Groups["name"].Value, Key: m.Groups["pk"].Value, Ttl: Resolve(m.Groups["ttl"].Value, parameters)))
            .ToList();

        var inCode = CosmosContainers.All(new CosmosStoreOptions())
            .Select(c => (Name: c.Id, Key: c.PartitionKeyPath, Ttl: c.DefaultTimeToLive?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"))
            .ToList();
        Assert.Equal(inCode.OrderBy(c => c.Name, StringComparer.Ordinal), declared.OrderBy(c => c.Name, StringComparer.Ordinal));
    }

    private static string Resolve(string ttl, Dictionary<string, string> parameters) => parameters.GetValueOrDefault(ttl, ttl);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "infra", "modules", "cosmos.bicep")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"name: '(?<name>[A-Za-z]+)'\s+partitionKey: '(?<pk>[^']+)'\s+defaultTtl: (?<ttl>\S+)")]
    private static partial Regex ContainerEntry();

    [GeneratedRegex(@"^param (?<name>\w+) int = (?<value>-?\d+)", RegexOptions.Multiline)]
    private static partial Regex ParameterDefault();
}

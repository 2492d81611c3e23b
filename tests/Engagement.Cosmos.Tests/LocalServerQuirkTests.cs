using System.Net;
using Engagement.Engine.Delivery;
using Engagement.Engine.Profiles;
using Engagement.Engine.Timeline;
using Microsoft.Azure.Cosmos;
using NodaTime;

namespace Engagement.Cosmos.Tests;

/// <summary>What the local server does differently from Cosmos DB, and that the stores handle it in one place only when told.</summary>
public sealed class LocalServerQuirkTests
{
    [CosmosFact]
    public async Task LocalServer_PointReadOfAMissingDocument_Answers500AndOnlyTheOptionTurnsItIntoNull()
    {
        await LocalCosmos.StoresAsync();
        var strict = await LocalCosmos.NewStoresAsync(LocalCosmos.Options with { MissingDocumentMayAnswer500 = false });
        var missing = LocalCosmos.NewId("missing");

        // The local server throws inside its read handler for a missing document and answers 500 (real Cosmos DB: 404).
        var error = await Assert.ThrowsAsync<CosmosException>(async () => await strict.Profiles.GetAsync(missing, default));
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);

        var lenient = await LocalCosmos.StoresAsync();
        Assert.Null(await lenient.Profiles.GetAsync(missing, default));
    }

    [CosmosFact]
    public async Task LocalServer_ReplaceDeleteAndPatchOfAMissingDocument_Answer404WithoutTheOption()
    {
        await LocalCosmos.StoresAsync();
        var strict = await LocalCosmos.NewStoresAsync(LocalCosmos.Options with { MissingDocumentMayAnswer500 = false });
        var id = LocalCosmos.NewId("p");
        await strict.Profiles.SaveAsync(new CustomerProfile { CustomerId = id }, default);

        // delete
        Assert.True(await strict.Profiles.EraseAsync(id, default));
        Assert.False(await strict.Profiles.EraseAsync(id, default));
        // replace
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await strict.Ledger.UpdateAsync(
            new LedgerEntry { Key = id + "/send/1", CustomerId = id, Journey = "j", Step = "send", At = Instant.FromUtc(2026, 3, 1, 8, 0) }, default));
        // patch (the counter's first entry of a day patches, gets 404, then creates)
        var journey = LocalCosmos.NewId("journey");
        await strict.Counters.RecordAsync(new TimelineEntry { At = Instant.FromUtc(2026, 3, 1, 8, 0), Kind = TimelineKind.Sent, Journey = journey, Step = "s" }, default);
        Assert.Equal(1, Assert.Single(await strict.Counters.ListDayAsync(journey, "2026-03-01", default)).Counts["sent"]);
    }

    [CosmosFact]
    public async Task LocalServer_ReadFeedWithoutAPartitionKey_ListsEveryPartitionPageByPage_AndResumesFromAContinuation()
    {
        var stores = await LocalCosmos.StoresAsync();
        var container = stores.Database.GetContainer(stores.Options.TasksContainer);
        var customers = Enumerable.Range(0, 3).Select(_ => LocalCosmos.NewId("feed")).ToList();
        await CreateTaskDocumentsAsync(container, customers);

        // A null query text is a read feed (ReadFeedIteratorCore in the SDK; GET .../docs on the server): every partition, MaxItemCount a page.
        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            using var iterator = container.GetItemQueryStreamIterator((string?)null, continuation, new QueryRequestOptions { MaxItemCount = 1 });
            using var page = await iterator.ReadNextAsync();
            page.EnsureSuccessStatusCode();
            pages++;
            seen.AddRange((await LocalCosmos.DocumentsAsync(page)).Select(d => (string)d["id"]!));
            continuation = page.ContinuationToken; // a new iterator each page: the token alone resumes the scan
        }
        while (continuation is not null && pages < 10_000);

        Assert.Superset(customers.ToHashSet(), seen.ToHashSet());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(pages >= customers.Count, $"{pages} pages");
    }

    [CosmosFact]
    public async Task LocalServer_CrossPartitionQueryWithoutAPartitionKey_IsRefusedAsMissingPartitionKeys_SoScansUseTheReadFeed()
    {
        var stores = await LocalCosmos.StoresAsync();
        var container = stores.Database.GetContainer(stores.Options.TasksContainer);
        var customers = Enumerable.Range(0, 2).Select(_ => LocalCosmos.NewId("query")).ToList();
        await CreateTaskDocumentsAsync(container, customers);

        // The SDK sends the query without x-ms-documentdb-query-enablecrosspartition and the server wants the partition key in
        // the WHERE clause (real Cosmos DB runs it across partitions). The whole-container scans (CosmosReencryptor) read the feed.
        using var iterator = container.GetItemQueryStreamIterator("SELECT * FROM c");
        using var page = await iterator.ReadNextAsync();
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("missing partition keys", page.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalServerClient_ForANonLoopbackHost_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => CosmosClients.ForLocalServer("https://example.documents.azure.com:443/"));
        Assert.True(CosmosClients.IsLoopback(new Uri("https://127.0.0.1:8081/")));
        Assert.True(CosmosClients.IsLoopback(new Uri("https://[::1]:8081/")));
        Assert.True(CosmosClients.IsLoopback(new Uri("https://localhost:8081/")));
        Assert.False(CosmosClients.IsLoopback(new Uri("https://10.0.0.1:8081/")));
    }

    /// <summary>One minimal document per customer, each in its own partition (the tasks container's key is <c>/customerId</c>).</summary>
    private static async Task CreateTaskDocumentsAsync(Container container, IEnumerable<string> customers)
    {
        foreach (var customer in customers)
        {
            using var created = await container.CreateItemStreamAsync(
                new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""{"id":"{{customer}}","customerId":"{{customer}}"}""")), new PartitionKey(customer));
            created.EnsureSuccessStatusCode();
        }
    }
}

using System.Net;
using Engagement.Engine.Profiles;
using Microsoft.Azure.Cosmos;

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
    public async Task LocalServer_DeleteOfAMissingDocument_Answers404WithoutTheOption()
    {
        await LocalCosmos.StoresAsync();
        var strict = await LocalCosmos.NewStoresAsync(LocalCosmos.Options with { MissingDocumentMayAnswer500 = false });
        var id = LocalCosmos.NewId("p");
        await strict.Profiles.SaveAsync(new CustomerProfile { CustomerId = id }, default);

        Assert.True(await strict.Profiles.EraseAsync(id, default));
        Assert.False(await strict.Profiles.EraseAsync(id, default));
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
}

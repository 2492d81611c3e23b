using Engagement.Cosmos;
using Engagement.Engine.Profiles;
using Engagement.Functions.Http;
using Engagement.Protection;
using Microsoft.Extensions.Logging.Abstractions;
using static Engagement.Functions.Tests.Http.HttpFunctionHost;

namespace Engagement.Functions.Tests.Http;

/// <summary>
/// <c>POST /api/keys/reencrypt</c> over the local Cosmos server, a database of its own per test: profiles saved under key A,
/// the app restarted with a key file whose current key is B, and the function answers the counts (no value), moves every
/// document to B, and finds nothing to do the second time.
/// </summary>
public sealed class ReencryptFunctionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engage-functions-rotate-").FullName;
    private readonly List<FieldProtector> _protectors = [];
    private readonly CosmosStoreOptions _options = new()
    {
        DatabaseName = "engagement-functions-rotate-" + Guid.NewGuid().ToString("N")[..8],
        CreateIfNotExists = true,
        MissingDocumentMayAnswer500 = true,
    };

    public void Dispose()
    {
        _protectors.ForEach(p => p.Dispose());
        Directory.Delete(_dir, recursive: true);
    }

    [LocalCosmosFact]
    public async Task Reencrypt_AfterTheKeyFileGotANewCurrentKey_MovesEveryDocumentToIt_AndTheSecondCallFindsNothingToDo()
    {
        var path = Path.Combine(_dir, "keys.json");
        var a = KeyFile.CreateNew(path);
        var old = await StoresAsync(a);
        var emails = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var email = $"dora.{Guid.NewGuid():N}@example.com";
            emails.Add(email);
            await old.Profiles.SaveAsync(new CustomerProfile { CustomerId = "rot-" + Guid.NewGuid().ToString("N")[..10], Email = email }, CancellationToken.None);
        }

        var b = KeyFile.AddKey(path);
        var function = new ReencryptFunction(await StoresAsync(b), NullLogger<ReencryptFunction>.Instance);

        var first = await function.RunAsync(Post("/api/keys/reencrypt", ""), CancellationToken.None);

        Assert.Equal(200, Status(first));
        var json = Json(first);
        Assert.True(json.GetProperty("complete").GetBoolean());
        Assert.Equal(b.Current, json.GetProperty("currentKeyId").GetString());
        Assert.Equal(3, json.GetProperty("reencrypted").GetInt64());
        Assert.Equal(3, json.GetProperty("documentsByKeyId").GetProperty(a.Current).GetInt64());
        Assert.Empty(json.GetProperty("remainingByKeyId").EnumerateObject());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("resume").ValueKind);
        Assert.All(emails, email => Assert.DoesNotContain(email, json.GetRawText(), StringComparison.OrdinalIgnoreCase));

        var second = Json(await function.RunAsync(Post("/api/keys/reencrypt", ""), CancellationToken.None));
        Assert.Equal(0, second.GetProperty("reencrypted").GetInt64());
        Assert.Equal(3, second.GetProperty("documentsByKeyId").GetProperty(b.Current).GetInt64());
        Assert.False(second.GetProperty("documentsByKeyId").TryGetProperty(a.Current, out _));
    }

    [LocalCosmosFact]
    public async Task Reencrypt_WithAResumeTokenItDidNotWrite_Answers400()
    {
        var function = new ReencryptFunction(await StoresAsync(KeyFile.CreateNew(Path.Combine(_dir, "keys.json"))), NullLogger<ReencryptFunction>.Instance);

        var request = Post("/api/keys/reencrypt", "");
        request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?resume=bm90LWEtdG9rZW4");

        var result = await function.RunAsync(request, CancellationToken.None);

        Assert.Equal(400, Status(result));
        Assert.StartsWith("resume: not a token", Json(result).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [LocalCosmosFact]
    public async Task Reencrypt_OnAnAppInPlainText_Answers409()
    {
        var stores = await CosmosStores.CreateAsync(CosmosClients.ForLocalServer(LocalCosmosFactAttribute.Endpoint!), _options);
        var function = new ReencryptFunction(stores, NullLogger<ReencryptFunction>.Instance);

        var result = await function.RunAsync(Post("/api/keys/reencrypt", ""), CancellationToken.None);

        Assert.Equal(409, Status(result));
    }

    private async Task<CosmosStores> StoresAsync(KeyFile keys)
    {
        var protector = FieldProtector.From(keys);
        _protectors.Add(protector);
        return await CosmosStores.CreateAsync(CosmosClients.ForLocalServer(LocalCosmosFactAttribute.Endpoint!), _options with { Protector = protector });
    }
}

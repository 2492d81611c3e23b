using System.Text.Json.Nodes;
using Engagement.Cosmos.Tests.Contracts;
using Engagement.Protection;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json.Linq;
using Written = Engagement.Cosmos.Tests.Protection.EncryptedDocumentsTests.Written;

namespace Engagement.Cosmos.Tests.Protection;

/// <summary>
/// Key rotation on Cosmos DB (<see cref="CosmosReencryptor"/>) against the local server: documents written under key A, the
/// key file gets a new current key B, the run leaves only B in the raw documents (read with a plain <see cref="CosmosClient"/>),
/// every value reads back through stores whose key file holds B alone, and a second run has nothing to do. Each test has a
/// database of its own: a run walks whole containers.
/// </summary>
public sealed class ReencryptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engage-cosmos-rotate-").FullName;
    private readonly List<FieldProtector> _protectors = [];
    private readonly CosmosStoreOptions _database = LocalCosmos.Options with { DatabaseName = LocalCosmos.NewId(LocalCosmos.Options.DatabaseName + "-rot") };

    public void Dispose()
    {
        _protectors.ForEach(p => p.Dispose());
        Directory.Delete(_dir, recursive: true);
    }

    [CosmosFact]
    public async Task Reencryptor_AfterANewCurrentKey_LeavesOnlyTheNewKeyIdInTheRawDocuments_AndEveryValueReadsBackWithTheOldKeyRemoved()
    {
        var (a, ab) = Rotated();
        var data = new[] { Written.New(), Written.New() };
        foreach (var d in data)
        {
            await d.WriteAsync(await StoresAsync(a));
        }

        var report = await new CosmosReencryptor(await StoresAsync(ab)).RunAsync();

        Assert.True(report.Complete);
        Assert.Equal(ab.Current, report.CurrentKeyId);
        Assert.Equal(10, report.Scanned);
        Assert.Equal(10, report.Reencrypted);
        Assert.Equal(new Dictionary<string, long> { [a.Current] = 10 }, report.DocumentsByKeyId);
        Assert.Empty(report.RemainingByKeyId);
        var raw = await RawAsync();
        Assert.Equal(10, raw.Count);
        Assert.All(raw, doc => Assert.StartsWith(FieldProtector.Prefix + ab.Current + ":", (string)doc["sealed"]!, StringComparison.Ordinal));
        var text = new JArray(raw).ToString();
        Assert.DoesNotContain(FieldProtector.Prefix + a.Current + ":", text, StringComparison.Ordinal);
        Assert.All(data.SelectMany(d => d.Secrets), secret => Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase));

        var onlyB = await StoresAsync(Without(ab, a.Current));
        foreach (var d in data)
        {
            await d.AssertReadBackAsync(onlyB);
        }

        Assert.Equal([data[0].Customer], await onlyB.Contacts.FindAsync("email", data[0].Email, default)); // the blind index key did not change
    }

    [CosmosFact]
    public async Task Reencryptor_RunAgain_FindsEverythingUnderTheCurrentKey_AndReencryptsNothing()
    {
        var (a, ab) = Rotated();
        await Written.New().WriteAsync(await StoresAsync(a));
        var reencryptor = new CosmosReencryptor(await StoresAsync(ab));
        await reencryptor.RunAsync();
        var before = await RawAsync();

        var again = await reencryptor.RunAsync();

        Assert.True(again.Complete);
        Assert.Equal(5, again.Scanned);
        Assert.Equal(0, again.Reencrypted);
        Assert.Equal(new Dictionary<string, long> { [ab.Current] = 5 }, again.DocumentsByKeyId);
        Assert.Equal(before.Select(d => (string)d["_etag"]!).Order(), (await RawAsync()).Select(d => (string)d["_etag"]!).Order());
    }

    [CosmosFact]
    public async Task Reencryptor_WhenAnInstanceStillOnTheOldKeyWritesTheDocumentBetweenReadAndReplace_KeepsThatWrite_AndEndsUnderTheNewKey()
    {
        var (a, ab) = Rotated();
        var lagging = await StoresAsync(a); // an instance not yet restarted with the new key file
        var data = Written.New();
        await data.WriteAsync(lagging);
        var changed = data.Profile with { Locale = "en-GB" };
        var reencryptor = new CosmosReencryptor(await StoresAsync(ab));
        var writes = 0;
        reencryptor.BeforeReplace = async (container, _) =>
        {
            if (container == _database.ProfilesContainer && writes++ == 0)
            {
                await lagging.Profiles.SaveAsync(changed, default); // a new ETag, sealed under A again
            }
        };

        var report = await reencryptor.RunAsync();

        Assert.Equal(1, report.Conflicts);
        Assert.Equal(5, report.Reencrypted);
        Assert.Empty(report.RemainingByKeyId);
        var onlyB = await StoresAsync(Without(ab, a.Current));
        StoreSet.SameJson(changed, await onlyB.Profiles.GetAsync(data.Customer, default));
        Assert.DoesNotContain(FieldProtector.Prefix + a.Current + ":", new JArray(await RawAsync()).ToString(), StringComparison.Ordinal);
    }

    [CosmosFact]
    public async Task Reencryptor_WhenAnInstanceOnTheNewKeyWritesTheDocumentBetweenReadAndReplace_LeavesTheWriterVersionAsItIs()
    {
        var (a, ab) = Rotated();
        var data = Written.New();
        await data.WriteAsync(await StoresAsync(a));
        var current = await StoresAsync(ab);
        var changed = data.Profile with { Locale = "en-GB" };
        var reencryptor = new CosmosReencryptor(current);
        reencryptor.BeforeReplace = async (container, _) =>
        {
            if (container == _database.ProfilesContainer)
            {
                await current.Profiles.SaveAsync(changed, default);
            }
        };

        var report = await reencryptor.RunAsync();

        Assert.Equal(1, report.Conflicts);
        Assert.Equal(4, report.Reencrypted); // the profile was re-sealed by its writer
        StoreSet.SameJson(changed, await (await StoresAsync(Without(ab, a.Current))).Profiles.GetAsync(data.Customer, default));
    }

    [CosmosFact]
    public async Task Reencryptor_WithATimeBudget_StopsAfterAPage_AndResumesWhereItStopped_UntilEveryDocumentIsDone()
    {
        var (a, ab) = Rotated();
        await Written.New().WriteAsync(await StoresAsync(a));
        var reencryptor = new CosmosReencryptor(await StoresAsync(ab));

        var runs = new List<ReencryptionReport>();
        string? resume = null;
        do
        {
            var report = await reencryptor.RunAsync(new ReencryptionRequest { Resume = resume, TimeBudget = TimeSpan.Zero, PageSize = 1 });
            runs.Add(report);
            resume = report.Resume;
            Assert.Equal(report.Complete, resume is null);
        }
        while (resume is not null && runs.Count < 100);

        Assert.True(runs.Count > 1, $"{runs.Count} runs");
        Assert.True(runs[^1].Complete);
        Assert.Equal(5, runs.Sum(r => r.Reencrypted));
        Assert.All(await RawAsync(), doc => Assert.StartsWith(FieldProtector.Prefix + ab.Current + ":", (string)doc["sealed"]!, StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => reencryptor.RunAsync(new ReencryptionRequest { Resume = "not-a-token" }).GetAwaiter().GetResult());
    }

    [CosmosFact]
    public async Task Reencryptor_KeepsWhatWasLeftOfADocumentsTimeToLive()
    {
        var (a, ab) = Rotated();
        await Written.New().WriteAsync(await StoresAsync(a));
        var ledger = LocalCosmos.Client.GetDatabase(_database.DatabaseName).GetContainer(_database.LedgerContainer);
        var before = Assert.Single(await LocalCosmos.DocumentsAsync(ledger.GetItemQueryStreamIterator((string?)null)));
        var ttl = (long)before["ttl"]!;
        Assert.True(ttl > 0);

        await new CosmosReencryptor(await StoresAsync(ab)).RunAsync();

        var after = Assert.Single(await LocalCosmos.DocumentsAsync(ledger.GetItemQueryStreamIterator((string?)null)));
        Assert.NotEqual((string)before["sealed"]!, (string)after["sealed"]!);
        Assert.InRange((long)after["ttl"]!, ttl - ((long)after["_ts"]! - (long)before["_ts"]!) - 1, ttl);
    }

    [CosmosFact]
    public async Task Reencryptor_ForDocumentsUnderAKeyTheFileDoesNotHold_LeavesThemAndCountsThemAsRemaining()
    {
        var (_, ab) = Rotated();
        var other = LocalCosmos.TemporaryKeys();
        await Written.New().WriteAsync(await StoresAsync(other));
        var before = await RawAsync();

        var report = await new CosmosReencryptor(await StoresAsync(ab)).RunAsync();

        Assert.True(report.Complete);
        Assert.Equal(0, report.Reencrypted);
        Assert.Equal(new Dictionary<string, long> { [other.Current] = 5 }, report.RemainingByKeyId);
        Assert.Equal(before.Select(d => (string)d["_etag"]!).Order(), (await RawAsync()).Select(d => (string)d["_etag"]!).Order());
    }

    [CosmosFact]
    public async Task Reencryptor_ForStoresWithoutAKey_IsRefused()
    {
        var stores = await LocalCosmos.NewStoresAsync(_database);

        var error = Assert.Throws<ArgumentException>(() => new CosmosReencryptor(stores));

        Assert.StartsWith("the stores have no key", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A key file with key A, then the same file with a new current key B added (A kept).</summary>
    private (KeyFile A, KeyFile AB) Rotated()
    {
        var path = Path.Combine(_dir, "keys.json");
        var a = KeyFile.CreateNew(path);
        var ab = KeyFile.AddKey(path);
        Assert.NotEqual(a.Current, ab.Current);
        return (a, ab);
    }

    /// <summary>The key file without one of its keys (what an operator does once a rotation is complete).</summary>
    private static KeyFile Without(KeyFile file, string keyId)
    {
        var json = JsonNode.Parse(File.ReadAllText(file.Path))!.AsObject();
        var keys = json["keys"]!.AsArray();
        keys.Remove(keys.Single(k => (string)k!["id"]! == keyId));
        var trimmed = KeyFile.Parse(json.ToJsonString(), file.Path);
        Assert.Equal([file.Current], trimmed.Keys.Select(k => k.Id));
        return trimmed;
    }

    private async Task<CosmosStores> StoresAsync(KeyFile keys)
    {
        var protector = FieldProtector.From(keys);
        _protectors.Add(protector);
        return await LocalCosmos.NewStoresAsync(_database with { Protector = protector });
    }

    /// <summary>Every raw document of the containers that seal, read with the plain client.</summary>
    private async Task<List<JObject>> RawAsync()
    {
        var all = new List<JObject>();
        foreach (var name in new[] { _database.ProfilesContainer, _database.EnrollmentsContainer, _database.LedgerContainer, _database.TasksContainer, _database.RejectedContainer })
        {
            var container = LocalCosmos.Client.GetDatabase(_database.DatabaseName).GetContainer(name);
            all.AddRange(await LocalCosmos.DocumentsAsync(container.GetItemQueryStreamIterator((string?)null)));
        }

        return all;
    }
}

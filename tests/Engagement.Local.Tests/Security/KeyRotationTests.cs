using Engagement.Cli.Samples;
using Engagement.Engine.Catalog;
using Engagement.Engine.Serialization;
using Engagement.Local.Hosting;
using Engagement.Local.Security;
using Engagement.Local.Storage;
using Engagement.Local.Tests.Hosting;
using Microsoft.Data.Sqlite;

namespace Engagement.Local.Tests.Security;

/// <summary>Rotation inside a running host, resuming at start (including the first encryption of a plain-text file), and erasure of encrypted rows.</summary>
public sealed class KeyRotationTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string KeyPath => Path.Combine(_files.Root, "keys.json");

    [Fact]
    public async Task Rotate_WhileRunning_ReencryptsEveryValueUnderTheNewKeyAndKeepsItReadable()
    {
        var keys = KeyFile.CreateNew(KeyPath);
        var (catalog, profiles, events) = Samples(30);
        await using var host = Open(catalog, keys);
        await host.StartAsync(CancellationToken.None);
        await FeedAsync(host, profiles, events);
        await WaitForRotationAsync(host);
        var before = await ViewsAsync(host, profiles);

        var rotated = KeyFile.AddKey(KeyPath);
        var started = host.StartRotation();
        var done = await WaitForRotationAsync(host);

        Assert.Equal(rotated.Current, started.CurrentKeyId);
        Assert.Equal("done", done.State);
        Assert.True(done.ValuesReencrypted > 100, $"re-encrypted {done.ValuesReencrypted}");
        Assert.Equal(done.RowsTotal, done.RowsScanned);
        Assert.Equal(before, await ViewsAsync(host, profiles));
        Assert.Empty(ValuesNotUnder(rotated.Current));
    }

    [Fact]
    public async Task Start_WithAKeyFileOnAPlainTextFile_EncryptsEverythingAndIndexesTheContacts()
    {
        var (catalog, profiles, events) = Samples(20);
        await using (var plain = Open(catalog, keys: null))
        {
            await plain.StartAsync(CancellationToken.None);
            await FeedAsync(plain, profiles, events);
            await plain.StopAsync(CancellationToken.None);
        }

        var first = Plain(profiles[0], "email");
        Assert.Contains(first, string.Join('\n', DumpColumn("profiles", "json")), StringComparison.Ordinal);
        var keys = KeyFile.CreateNew(KeyPath);

        await using var host = Open(catalog, keys);
        await host.StartAsync(CancellationToken.None);
        var status = await WaitForRotationAsync(host);

        Assert.Equal("done", status.State);
        Assert.Empty(ValuesNotUnder(keys.Current));
        Assert.DoesNotContain(first, string.Join('\n', DumpColumn("profiles", "json")), StringComparison.Ordinal);
        Assert.Equal([Id(profiles[0])], await host.FindCustomersAsync("email", first, CancellationToken.None));
        var protection = SqliteQueries.OpenExisting(_files.Db).Protection();
        Assert.Equal((true, keys.Current, 0L), (protection.Encrypted, protection.KeyId, protection.PlaintextValues));
        Assert.Equal([keys.Current], protection.ValuesByKey.Keys);
        var change = Assert.Single(await host.ListAsync(new AuditQuery(Action: AuditActions.KeyChange), CancellationToken.None));
        Assert.Equal("plaintext -> " + keys.Current, change.Detail);
    }

    [Fact]
    public async Task Start_WithAnotherCurrentKey_RecordsOneKeyChangeFromTheOldIdToTheNew()
    {
        var (catalog, _, _) = Samples(1);
        var first = KeyFile.CreateNew(KeyPath);
        await RunAsync(catalog, first);
        await RunAsync(catalog, first);
        var second = KeyFile.AddKey(KeyPath);
        await RunAsync(catalog, second);
        var third = KeyFile.AddKey(KeyPath);
        // Rotated inside the running host (the route records that as key.rotate): the next start with that key is no change.
        await RunAsync(catalog, second, rotate: true);
        await using var host = Open(catalog, third);

        var changes = await host.ListAsync(new AuditQuery(Action: AuditActions.KeyChange), CancellationToken.None);

        Assert.Equal(["new file -> " + first.Current, $"{first.Current} -> {second.Current}"], changes.Select(c => c.Detail));
        Assert.All(changes, c => Assert.Equal(("local:" + Environment.UserName, "cli", (string?)null), (c.Who, c.From, c.CustomerId)));
        Assert.NotEqual(second.Current, third.Current);
    }

    private async Task RunAsync(JourneyCatalog catalog, KeyFile keys, bool rotate = false)
    {
        await using var host = Open(catalog, keys);
        await host.StartAsync(CancellationToken.None);
        await WaitForRotationAsync(host);
        if (rotate)
        {
            host.StartRotation();
            Assert.Equal("done", (await WaitForRotationAsync(host)).State);
        }
    }

    [Fact]
    public async Task Rotate_KeyFileThatLostAKeyInUse_IsRefusedAndNothingChanges()
    {
        var keys = KeyFile.CreateNew(KeyPath);
        var (catalog, profiles, events) = Samples(5);
        await using var host = Open(catalog, keys);
        await host.StartAsync(CancellationToken.None);
        await FeedAsync(host, profiles, events);
        await WaitForRotationAsync(host); // the new file's first rotation (to record its key id) ends first: a running one is reported, not refused
        File.Delete(KeyPath);
        KeyFile.CreateNew(KeyPath);

        var error = Assert.Throws<KeyFileException>(() => host.StartRotation());

        Assert.Contains("key id " + keys.Current + " is missing", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await host.GetCustomerAsync(Id(profiles[0]), CancellationToken.None));
    }

    [Fact]
    public async Task Open_EncryptedFileWithoutAKeyFile_IsRefusedWithOneLine()
    {
        var (catalog, profiles, events) = Samples(3);
        await using (var host = Open(catalog, KeyFile.CreateNew(KeyPath)))
        {
            await host.StartAsync(CancellationToken.None);
            await FeedAsync(host, profiles, events);
        }

        var error = Assert.Throws<InvalidOperationException>(() => Open(catalog, keys: null));

        Assert.Contains("holds encrypted values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_EncryptedFileWithAnotherDatabasesKeyFile_IsRefusedWithOneLineAndChangesNothing()
    {
        var (catalog, profiles, events) = Samples(3);
        var keys = KeyFile.CreateNew(KeyPath);
        await using (var host = Open(catalog, keys))
        {
            await host.StartAsync(CancellationToken.None);
            await FeedAsync(host, profiles, events);
            await WaitForRotationAsync(host);
        }

        var other = KeyFile.CreateNew(Path.Combine(_files.Root, "other.json"));

        var error = Assert.Throws<KeyFileException>(() => Open(catalog, other));

        Assert.Contains("does not hold key id " + keys.Current, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(Rows("SELECT value FROM meta WHERE key = 'key_seen' AND value = $c", other.Current));
        await using var again = Open(catalog, keys);
        Assert.NotNull(await again.GetCustomerAsync(Id(profiles[0]), CancellationToken.None));
    }

    [Fact]
    public async Task Erase_EncryptedRejectedLinesOfTheCustomer_AreFoundByTheirOwnerAndErased()
    {
        var keys = KeyFile.CreateNew(KeyPath);
        var (catalog, profiles, events) = Samples(3);
        await using var host = Open(catalog, keys);
        await host.StartAsync(CancellationToken.None);
        await FeedAsync(host, profiles, events);
        var customer = Id(profiles[0]);
        await host.IngestAsync(
            ["""{"id":"bad-a","customerId":"CUSTOMER","data":{"email":"x@y.example"}}""".Replace("CUSTOMER", customer, StringComparison.Ordinal),
                """{"id":"bad-b","customerId":"CUSTOMER","data":{"note":"cut off""".Replace("CUSTOMER", customer, StringComparison.Ordinal)],
            "test", CancellationToken.None);

        Assert.True(await host.EraseCustomerAsync(customer, CancellationToken.None));
        await HostHarness.IdleAsync(host);

        using var protector = FieldProtector.From(keys);
        var raws = Rows("SELECT raw FROM rejected WHERE customer_id = $c", customer).Select(protector.Unprotect).ToList();
        Assert.Equal(2, raws.Count);
        Assert.All(raws, r => Assert.Equal(Engine.Effects.Erasure.Redacted, r));
        Assert.Empty(await host.FindCustomersAsync("email", Plain(profiles[0], "email"), CancellationToken.None));
    }

    [Fact]
    public async Task Unsubscribe_WithAKeyFile_SignsWithItsKeyAndTheKeyKeptInTheDatabaseIsGone()
    {
        var (catalog, profiles, events) = Samples(3);
        await using (var plain = Open(catalog, keys: null))
        {
            await plain.StartAsync(CancellationToken.None);
            await FeedAsync(plain, profiles, events);
        }

        Assert.Single(Rows("SELECT value FROM meta WHERE key = 'unsubscribe_key'", null));
        var keys = KeyFile.CreateNew(KeyPath);
        await using var host = Open(catalog, keys);
        await host.StartAsync(CancellationToken.None);
        var expires = NodaTime.SystemClock.Instance.GetCurrentInstant() + NodaTime.Duration.FromDays(30);

        Assert.Empty(Rows("SELECT value FROM meta WHERE key = 'unsubscribe_key'", null));
        Assert.True(await host.UnsubscribeAsync(new Engine.Unsubscribe.UnsubscribeTokens(keys.UnsubscribeKey).Create(Id(profiles[0]), "email", expires), CancellationToken.None));
        Assert.False(await host.UnsubscribeAsync(new Engine.Unsubscribe.UnsubscribeTokens(keys.IndexKey).Create(Id(profiles[0]), "email", expires), CancellationToken.None));
    }

    private EmbeddedHost Open(JourneyCatalog catalog, KeyFile? keys) => EmbeddedHost.Open(
        new EmbeddedHostOptions { DatabasePath = _files.Db, Clock = ClockMode.Virtual, IdlePoll = TimeSpan.FromMilliseconds(10), Keys = keys }, catalog);

    private static (JourneyCatalog Catalog, string[] Profiles, string[] Events) Samples(int customers)
    {
        var profiles = new StringWriter();
        var events = new StringWriter();
        new SampleDataGenerator(SampleDataOptions.Default with { Customers = customers }).Write(profiles, events);
        var catalog = JourneyCatalog.Load(Path.Combine(TestFiles.Repository, "journeys"), out _);
        return (catalog, Lines(profiles), Lines(events));
    }

    private static string[] Lines(StringWriter writer) => writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Id(string profileLine) => Plain(profileLine, "customerId");

    private static string Plain(string profileLine, string field) => (string)Newtonsoft.Json.Linq.JObject.Parse(profileLine)[field]!;

    private static async Task FeedAsync(EmbeddedHost host, string[] profiles, string[] events)
    {
        await host.IngestProfilesAsync(profiles, "file:profiles", CancellationToken.None);
        await host.IngestAsync(events, "file:events", CancellationToken.None);
        host.CompleteInput(host.LatestInputTime!.Value + NodaTime.Duration.FromDays(60));
        await HostHarness.IdleAsync(host);
    }

    private static async Task<KeyRotationStatus> WaitForRotationAsync(EmbeddedHost host)
    {
        await HostHarness.EventuallyAsync(() => Task.FromResult(host.RotationStatus.State is "done" or "failed" or "idle"), "the rotation to end");
        return host.RotationStatus;
    }

    private static async Task<List<string>> ViewsAsync(EmbeddedHost host, string[] profiles)
    {
        var views = new List<string>();
        foreach (var line in profiles)
        {
            views.Add(EngineJson.Serialize(await host.GetCustomerAsync(Id(line), CancellationToken.None)));
        }

        views.AddRange((await HostHarness.OutboxAsync(host)).Select(EngineJson.Serialize));
        views.AddRange((await host.ListTasksAsync(new TaskQuery(Limit: 1000), CancellationToken.None)).Select(EngineJson.Serialize));
        return views;
    }

    private List<string> ValuesNotUnder(string keyId) =>
        [.. ProtectedColumns.All.SelectMany(c => DumpColumn(c.Table, c.Column).Where(v => FieldProtector.KeyIdOf(v) != keyId).Select(v => $"{c.Table}.{c.Column}: {v[..Math.Min(20, v.Length)]}"))];

    private List<string> DumpColumn(string table, string column) => Rows($"SELECT {column} FROM {table} WHERE {column} IS NOT NULL", null);

    private List<string> Rows(string sql, string? customer)
    {
        using var connection = new SqliteConnection("Data Source=" + _files.Db + ";Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$c", (object?)customer ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}

using Engagement.Cosmos.Tests.Contracts;
using Engagement.Engine.Delivery;
using Engagement.Engine.Effects;
using Engagement.Engine.Events;
using Engagement.Engine.Profiles;
using Engagement.Engine.Tasks;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Engagement.Protection;
using Microsoft.Azure.Cosmos;
using NodaTime;

namespace Engagement.Cosmos.Tests.Protection;

/// <summary>
/// With a protector, the stores keep no email, phone or name readable in Cosmos DB: the raw documents, read back with a plain
/// <see cref="CosmosClient"/>, hold only ciphertext for them; values round-trip; a rotated key keeps old documents readable.
/// </summary>
public sealed class EncryptedDocumentsTests : IDisposable
{
    private static readonly Instant Start = Instant.FromUtc(2033, 2, 3, 10, 0);

    /// <summary>The database of these tests, apart from the shared one (stores without a key list rejected inputs there).</summary>
    private static CosmosStoreOptions Database => LocalCosmos.EncryptedDatabaseOptions;
    private readonly string _dir = Directory.CreateTempSubdirectory("engage-cosmos-keys-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [CosmosFact]
    public async Task Stores_WithAKey_WriteNoEmailPhoneOrNameInTheRawDocuments_AndReadThemBack()
    {
        var path = Path.Combine(_dir, "keys.json");
        using var protector = FieldProtector.From(KeyFile.CreateNew(path));
        var stores = await LocalCosmos.NewStoresAsync(Database with { Protector = protector });
        var data = Written.New();

        await data.WriteAsync(stores);

        var raw = await RawAsync(data);
        Assert.Contains(data.Customer, raw, StringComparison.Ordinal); // the documents were read
        Assert.Contains(FieldProtector.Prefix + protector.CurrentKeyId + ":", raw, StringComparison.Ordinal);
        foreach (var secret in data.Secrets)
        {
            Assert.DoesNotContain(secret, raw, StringComparison.OrdinalIgnoreCase);
        }

        await data.AssertReadBackAsync(stores);
    }

    [CosmosFact]
    public async Task Stores_WithoutAKey_WritePlainText_WhichTheScanFinds()
    {
        var stores = await LocalCosmos.NewStoresAsync(Database);
        var data = Written.New();

        await data.WriteAsync(stores);

        var raw = await RawAsync(data);
        Assert.All(data.Secrets, secret => Assert.Contains(secret, raw, StringComparison.Ordinal));
        await data.AssertReadBackAsync(stores);
    }

    [CosmosFact]
    public async Task Rotation_ToANewCurrentKey_KeepsOldDocumentsReadable_AndEncryptsNewOnesUnderTheNewKey()
    {
        var path = Path.Combine(_dir, "keys.json");
        var first = KeyFile.CreateNew(path);
        var old = Written.New();
        using (var protector = FieldProtector.From(first))
        {
            await old.WriteAsync(await LocalCosmos.NewStoresAsync(Database with { Protector = protector }));
        }

        var second = KeyFile.AddKey(path);
        Assert.NotEqual(first.Current, second.Current);
        using var rotated = FieldProtector.From(second);
        var stores = await LocalCosmos.NewStoresAsync(Database with { Protector = rotated });
        var fresh = Written.New();
        await fresh.WriteAsync(stores);

        await old.AssertReadBackAsync(stores);
        await fresh.AssertReadBackAsync(stores);
        var freshRaw = await RawAsync(fresh);
        Assert.Contains(FieldProtector.Prefix + second.Current + ":", freshRaw, StringComparison.Ordinal);
        Assert.DoesNotContain(FieldProtector.Prefix + first.Current + ":", freshRaw, StringComparison.Ordinal);
        Assert.Contains(FieldProtector.Prefix + first.Current + ":", await RawAsync(old), StringComparison.Ordinal);
    }

    [CosmosFact]
    public async Task Stores_WithoutTheKey_RefuseToReadAnEncryptedDocument()
    {
        using var protector = FieldProtector.From(KeyFile.CreateNew(Path.Combine(_dir, "keys.json")));
        var data = Written.New();
        await data.WriteAsync(await LocalCosmos.NewStoresAsync(Database with { Protector = protector }));

        var plain = await LocalCosmos.NewStoresAsync(Database);
        var error = await Assert.ThrowsAsync<ProtectedValueException>(async () => await plain.Profiles.GetAsync(data.Customer, default));
        Assert.Equal($"a document in container {Database.ProfilesContainer} is encrypted (key id {protector.CurrentKeyId}) and the stores have no key (CosmosStoreOptions.Protector; on Azure Engagement__KeyVaultUri)", error.Message);
    }

    [CosmosFact]
    public async Task Stores_WithAnotherKeyFile_NameTheMissingKeyId()
    {
        using var protector = FieldProtector.From(LocalCosmos.TemporaryKeys());
        var data = Written.New();
        await data.WriteAsync(await LocalCosmos.NewStoresAsync(Database with { Protector = protector }));

        using var other = FieldProtector.From(LocalCosmos.TemporaryKeys());
        var stores = await LocalCosmos.NewStoresAsync(Database with { Protector = other });
        var error = await Assert.ThrowsAsync<ProtectedValueException>(async () => await stores.Tasks.GetAsync(data.Customer, data.Task.TaskKey, default));

        Assert.StartsWith($"a document in container {Database.TasksContainer} is encrypted with key id {protector.CurrentKeyId}, which the key file does not hold", error.Message, StringComparison.Ordinal);
    }

    [CosmosFact]
    public async Task Erase_WithAKey_RedactsTheEncryptedTaskTitlesAndRejectedLines()
    {
        using var protector = FieldProtector.From(KeyFile.CreateNew(Path.Combine(_dir, "keys.json")));
        var stores = await LocalCosmos.NewStoresAsync(Database with { Protector = protector });
        var data = Written.New();
        await data.WriteAsync(stores);

        await stores.Profiles.EraseAsync(data.Customer, default);
        await stores.PersonalData.EraseAsync(data.Customer, data.Rejected.ReceivedAt + Duration.FromDays(1), default);

        Assert.Null(await stores.Profiles.GetAsync(data.Customer, default));
        StoreSet.SameJson(Erasure.Scrub(data.Task), await stores.Tasks.GetAsync(data.Customer, data.Task.TaskKey, default));
        Assert.Contains(Erasure.Scrub(data.Rejected), await stores.Inbox.ListRejectedAsync(CosmosEventInbox.DayOf(data.Rejected), default));
        var raw = await RawAsync(data);
        Assert.All(data.Secrets, secret => Assert.DoesNotContain(secret, raw, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every document of the customer (profiles, enrollments, ledger, tasks by customer; rejected by day), as stored.</summary>
    private static async Task<string> RawAsync(Written data)
    {
        var text = new System.Text.StringBuilder();
        var options = Database;
        foreach (var (container, partition, field) in new[]
        {
            (options.ProfilesContainer, data.Customer, "customerId"),
            (options.EnrollmentsContainer, data.Customer, "customerId"),
            (options.LedgerContainer, data.Customer, "customerId"),
            (options.TasksContainer, data.Customer, "customerId"),
            (options.RejectedContainer, CosmosEventInbox.DayOf(data.Rejected), "day"),
        })
        {
            var query = new QueryDefinition($"SELECT * FROM c WHERE c.{field} = @p").WithParameter("@p", partition);
            using var iterator = LocalCosmos.Client.GetDatabase(options.DatabaseName).GetContainer(container).GetItemQueryStreamIterator(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(partition) });
            while (iterator.HasMoreResults)
            {
                using var page = await iterator.ReadNextAsync();
                page.EnsureSuccessStatusCode();
                using var reader = new StreamReader(page.Content);
                text.Append(await reader.ReadToEndAsync());
            }
        }

        return text.ToString();
    }

    /// <summary>One customer's data with unique contact details and names, written through every store that can hold them.</summary>
    internal sealed record Written(string Customer, string Email, string Phone, string Name, CustomerProfile Profile, EnrollmentState Enrollment, LedgerEntry Ledger, HumanTask Task, RejectedEvent Rejected)
    {
        public IReadOnlyList<string> Secrets => [Email, Phone, Name];

        public static Written New()
        {
            var customer = LocalCosmos.NewId("c");
            // A day of its own: rejected inputs are listed by day, and other tests write theirs under other keys.
            var at = Start + Duration.FromDays(Random.Shared.Next(0, 100_000));
            var tag = Guid.NewGuid().ToString("N")[..8];
            var email = $"annabel.{tag}@example.com";
            var phone = "+86138" + Random.Shared.Next(10_000_000, 99_999_999);
            var name = "Annabel" + tag;
            var profile = new CustomerProfile
            {
                CustomerId = customer,
                Email = email,
                Phone = phone,
                Locale = "zh-CN",
                Attributes = ValueJson.Parse($$"""{ "firstName": "{{name}}", "tier": "gold" }"""),
            };
            var enrollment = EnrollmentState.Create("welcome", 1, customer, customer) with
            {
                Status = EnrollmentStatus.Waiting,
                AwaitingEvent = "order.placed",
                EnteredAt = at,
                Event = ValueJson.Parse($$"""{ "email": "{{email}}", "name": "{{name}}", "phone": "{{phone}}" }"""),
            };
            var ledger = new LedgerEntry
            {
                Key = enrollment.EnrollmentId + "/welcome-email/" + tag,
                CustomerId = customer,
                Journey = "welcome",
                Step = "welcome-email",
                Channel = "email",
                Status = LedgerStatus.Failed,
                At = at,
                Reason = $"550 5.1.1 <{email}>: mailbox unavailable",
            };
            var task = new HumanTask { TaskKey = customer + "/call/" + tag, CustomerId = customer, Journey = "welcome", Step = "call", Queue = "vip", Title = $"Call {name} on {phone}", Priority = "high", CreatedAt = at };
            var rejected = new RejectedEvent("http", at, $$$"""{"id":"e-{{{tag}}}","customerId":"{{{customer}}}","type":"signup","data":{"email":"{{{email}}}","name":"{{{name}}}"}}""", "time", $"time: missing (email {email})", "e-" + tag);
            return new(customer, email, phone, name, profile, enrollment, ledger, task, rejected);
        }

        public async Task WriteAsync(CosmosStores stores)
        {
            await stores.Profiles.SaveAsync(Profile, default);
            await stores.Enrollments.SaveAsync(Enrollment, default);
            Assert.True(await stores.Ledger.TryReserveAsync(Ledger, default));
            await stores.Tasks.CreateAsync(Task, default);
            await stores.Inbox.RejectAsync(Rejected, default);
        }

        public async Task AssertReadBackAsync(CosmosStores stores)
        {
            StoreSet.SameJson(Profile, await stores.Profiles.GetAsync(Customer, default));
            StoreSet.SameJson(Enrollment, await stores.Enrollments.GetAsync(Enrollment.EnrollmentId, default));
            StoreSet.SameJson(Enrollment, Assert.Single(await stores.Enrollments.ListAwaitingAsync(Customer, "order.placed", default)));
            StoreSet.SameJson(Ledger, await stores.Ledger.GetAsync(Ledger.Key, default));
            StoreSet.SameJson(Task, await stores.Tasks.GetAsync(Customer, Task.TaskKey, default));
            Assert.Contains(Rejected, await stores.Inbox.ListRejectedAsync(CosmosEventInbox.DayOf(Rejected), default));
        }
    }
}

using Engagement.Engine.Effects;
using Engagement.Engine.Events;
using Engagement.Engine.Profiles;
using Engagement.Protection;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json.Linq;
using NodaTime;

namespace Engagement.Cosmos.Tests.Protection;

/// <summary>
/// Rejected lines that name their customer only by email or phone, on the local Cosmos server: with a key they get a
/// <c>rejectedIndex</c> entry under <c>contact:</c> + the contact's blind index entry, and the customer's erasure (run as the
/// engine runs it: the eraser, then the profile's delete) redacts them through the contact entries its profile lists. Databases
/// of their own, so stores without a key never meet an item encrypted by stores with one.
/// </summary>
public sealed class RejectedContactErasureTests
{
    private static readonly CosmosStoreOptions Database = LocalCosmos.Options with { DatabaseName = LocalCosmos.Options.DatabaseName + "-rejcontact" };
    private static readonly CosmosStoreOptions PlainDatabase = Database with { DatabaseName = Database.DatabaseName + "-plain" };
    private static readonly Lazy<FieldProtector> Protector = new(() => FieldProtector.From(LocalCosmos.TemporaryKeys()));
    private static readonly Lazy<Task<CosmosStores>> Keyed = new(() => LocalCosmos.NewStoresAsync(Database with { Protector = Protector.Value }));

    [CosmosFact]
    public async Task ALineNamingTheCustomerOnlyByEmail_IsRedactedByTheirErasure_AndItsIndexEntryIsDeleted_WhileALineNamingAnotherEmailIsUntouched()
    {
        var stores = await Keyed.Value;
        var (customer, email, otherEmail) = (LocalCosmos.NewId("rc"), LocalCosmos.NewEmail(), LocalCosmos.NewEmail());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = email }, CancellationToken.None);
        var at = NewInstant();
        // Written as the sender wrote it: another case and spaces, still the same blind index entry as the profile's.
        var mine = Rejected(at, $$$"""{"id":"e1","type":"signup","data":{"email":"  {{{email.ToUpperInvariant()}}} ","name":"Ann"}}""");
        var theirs = Rejected(at + Duration.FromMinutes(1), $$$"""{"id":"e2","type":"signup","data":{"email":"{{{otherEmail}}}"}}""");
        await stores.Inbox.RejectAsync(mine, CancellationToken.None);
        await stores.Inbox.RejectAsync(theirs, CancellationToken.None);
        var key = Protector.Value.Index!.Hash("email", email)!;
        Assert.Single(await IndexEntriesAsync(Database, CosmosEventInbox.ContactPartition(key)));

        await EraseAsTheEngineDoesAsync(stores, customer, at);
        await EraseAsTheEngineDoesAsync(stores, customer, at); // idempotent

        var kept = await stores.Inbox.ListRejectedAsync(CosmosEventInbox.DayOf(mine), CancellationToken.None);
        Assert.Contains(Erasure.Scrub(mine), kept);
        Assert.DoesNotContain(mine, kept);
        Assert.DoesNotContain(kept, r => r.Raw.Contains(email, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(theirs, kept);
        Assert.Empty(await IndexEntriesAsync(Database, CosmosEventInbox.ContactPartition(key)));
        Assert.Single(await IndexEntriesAsync(Database, CosmosEventInbox.ContactPartition(Protector.Value.Index!.Hash("email", otherEmail)!)));
    }

    [CosmosFact]
    public async Task ASegmentLineNamingTheCustomerOnlyByAPhoneTrait_IsRedactedByTheirErasure()
    {
        var stores = await Keyed.Value;
        var (customer, phone) = (LocalCosmos.NewId("rp"), LocalCosmos.NewPhone());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = LocalCosmos.NewEmail(), Phone = phone }, CancellationToken.None);
        var at = NewInstant();
        var identify = Rejected(at, $$$"""{"type":"identify","traits":{"phone":"{{{phone.Insert(3, " ").Insert(7, "-")}}}"}}""");
        await stores.Inbox.RejectAsync(identify, CancellationToken.None);

        await EraseAsTheEngineDoesAsync(stores, customer, at);

        Assert.Contains(Erasure.Scrub(identify), await stores.Inbox.ListRejectedAsync(CosmosEventInbox.DayOf(identify), CancellationToken.None));
        Assert.Empty(await IndexEntriesAsync(Database, CosmosEventInbox.ContactPartition(Protector.Value.Index!.Hash("phone", phone)!)));
    }

    [CosmosFact]
    public async Task ALineNamingOneCustomerByIdAndAnotherByEmail_IsReachedByTheErasureOfEither()
    {
        var stores = await Keyed.Value;
        var (named, owner, email) = (LocalCosmos.NewId("rn"), LocalCosmos.NewId("ro"), LocalCosmos.NewEmail());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = owner, Email = email }, CancellationToken.None);
        var at = NewInstant();
        var line = Rejected(at, $$$"""{"id":"e3","type":"referral","customerId":"{{{named}}}","data":{"email":"{{{email}}}"}}""");
        await stores.Inbox.RejectAsync(line, CancellationToken.None);

        await EraseAsTheEngineDoesAsync(stores, owner, at);

        Assert.Contains(Erasure.Scrub(line), await stores.Inbox.ListRejectedAsync(CosmosEventInbox.DayOf(line), CancellationToken.None));
        Assert.Single(await IndexEntriesAsync(Database, named)); // the named customer's own entry, for their erasure
        await EraseAsTheEngineDoesAsync(stores, named, at);
        Assert.Empty(await IndexEntriesAsync(Database, named));
        Assert.Contains(Erasure.Scrub(line), await stores.Inbox.ListRejectedAsync(CosmosEventInbox.DayOf(line), CancellationToken.None));
    }

    [CosmosFact]
    public async Task ALineOfACustomerWhoseIdReadsLikeAContactPartition_IsNotTakenForALineNamingThatContact()
    {
        var stores = await Keyed.Value;
        var (customer, email) = (LocalCosmos.NewId("rl"), LocalCosmos.NewEmail());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = email }, CancellationToken.None);
        var lookalike = CosmosEventInbox.ContactPartition(Protector.Value.Index!.Hash("email", email)!);
        var at = NewInstant();
        var line = Rejected(at, $$$"""{"id":"e4","type":"x","customerId":"{{{lookalike}}}"}""");
        await stores.Inbox.RejectAsync(line, CancellationToken.None);

        await EraseAsTheEngineDoesAsync(stores, customer, at);

        Assert.Contains(line, await stores.Inbox.ListRejectedAsync(CosmosEventInbox.DayOf(line), CancellationToken.None));
        Assert.Single(await IndexEntriesAsync(Database, lookalike));
    }

    [CosmosFact]
    public async Task WithoutAKey_NothingIsIndexedByContact_AndTheErasureStillRuns_LeavingSuchALineAsItWas()
    {
        var stores = await LocalCosmos.NewStoresAsync(PlainDatabase);
        var (customer, email) = (LocalCosmos.NewId("rw"), LocalCosmos.NewEmail());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = email }, CancellationToken.None);
        var at = NewInstant();
        var line = Rejected(at, $$$"""{"id":"e5","type":"signup","data":{"email":"{{{email}}}"}}""");
        await stores.Inbox.RejectAsync(line, CancellationToken.None);

        await EraseAsTheEngineDoesAsync(stores, customer, at);

        Assert.Contains(line, await stores.Inbox.ListRejectedAsync(CosmosEventInbox.DayOf(line), CancellationToken.None)); // known: not reached
        var index = LocalCosmos.Client.GetDatabase(PlainDatabase.DatabaseName).GetContainer(PlainDatabase.RejectedIndexContainer);
        Assert.DoesNotContain(await ScanAsync(index), doc => ((string?)doc["customerId"])!.StartsWith("contact:", StringComparison.Ordinal) || doc["contact"] is not null);
    }

    /// <summary>The storage half of the engine's erasure (<c>ErasureSteps</c>): the eraser, then the profile's delete.</summary>
    private static async Task EraseAsTheEngineDoesAsync(CosmosStores stores, string customer, Instant at)
    {
        await stores.PersonalData.EraseAsync(customer, at + Duration.FromDays(1), CancellationToken.None);
        await stores.Profiles.EraseAsync(customer, CancellationToken.None);
    }

    private static RejectedEvent Rejected(Instant at, string raw) =>
        new("http", at, raw, "customerId", "customerId: missing, and no customer could be found by contact");

    /// <summary>The raw <c>rejectedIndex</c> entries of one partition.</summary>
    private static async Task<List<JObject>> IndexEntriesAsync(CosmosStoreOptions options, string partition)
    {
        var container = LocalCosmos.Client.GetDatabase(options.DatabaseName).GetContainer(options.RejectedIndexContainer);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.customerId = @p").WithParameter("@p", partition);
        return await LocalCosmos.DocumentsAsync(container.GetItemQueryStreamIterator(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(partition) }));
    }

    /// <summary>Every raw document of a container (its read feed).</summary>
    private static Task<List<JObject>> ScanAsync(Container container) => LocalCosmos.DocumentsAsync(container.GetItemQueryStreamIterator((string?)null));

    private static Instant NewInstant() => Instant.FromUtc(2034, 3, 4, 10, 0) + Duration.FromSeconds(Random.Shared.Next(0, 3600));
}

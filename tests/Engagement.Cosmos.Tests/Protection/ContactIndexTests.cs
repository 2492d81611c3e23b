using System.Net;
using Engagement.Engine.Events;
using Engagement.Engine.Profiles;
using Engagement.Protection;
using Microsoft.Azure.Cosmos;
using NodaTime;
using Newtonsoft.Json.Linq;

namespace Engagement.Cosmos.Tests.Protection;

/// <summary>
/// The <c>contacts</c> blind index on the local Cosmos server: kept by profile saves and erasure, found by email or phone with
/// point reads, never holding a contact in plain text; refused without a key. A database of its own, so the raw scan of the
/// container sees only what these tests wrote.
/// </summary>
public sealed class ContactIndexTests
{
    private static readonly CosmosStoreOptions Database = LocalCosmos.Options with { DatabaseName = LocalCosmos.Options.DatabaseName + "-contacts" };
    private static readonly Lazy<FieldProtector> Protector = new(() => FieldProtector.From(LocalCosmos.TemporaryKeys()));
    private static readonly Lazy<Task<CosmosStores>> Keyed = new(() => LocalCosmos.NewStoresAsync(Database with { Protector = Protector.Value }));

    [CosmosFact]
    public async Task FindAsync_ASavedProfile_IsFoundByItsEmailOrPhone_NormalisedAsTheEmbeddedHostDoes()
    {
        var stores = await Keyed.Value;
        var (customer, email, phone) = (LocalCosmos.NewId("ci"), LocalCosmos.NewEmail(), LocalCosmos.NewPhone());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = email, Phone = phone }, CancellationToken.None);

        Assert.Equal([customer], await stores.Contacts.FindAsync("email", "  " + email.ToUpperInvariant() + " ", CancellationToken.None));
        Assert.Equal([customer], await stores.Contacts.FindAsync("phone", phone.Insert(3, " ").Insert(7, "-"), CancellationToken.None));
        Assert.Empty(await stores.Contacts.FindAsync("email", LocalCosmos.NewEmail(), CancellationToken.None));
        Assert.Empty(await stores.Contacts.FindAsync("phone", email, CancellationToken.None)); // an email is no phone
        Assert.True(stores.Contacts.IsAvailable);
    }

    [CosmosFact]
    public async Task SaveAsync_ManyCustomersSharingAnEmail_SavedConcurrently_AreAllFound_InIdOrder()
    {
        var stores = await Keyed.Value;
        var email = LocalCosmos.NewEmail();
        var customers = Enumerable.Range(0, 8).Select(i => LocalCosmos.NewId("sh" + i)).ToList();

        await Task.WhenAll(customers.Select(c => stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = c, Email = email }, CancellationToken.None).AsTask()));

        Assert.Equal(customers.Order(StringComparer.Ordinal), await stores.Contacts.FindAsync("email", email, CancellationToken.None));
    }

    [CosmosFact]
    public async Task SaveAsync_AProfileThatChangesItsEmail_IsNoLongerFoundByTheOldOne_AndTheOldEntryIsDeleted()
    {
        var stores = await Keyed.Value;
        var (customer, old, fresh, phone) = (LocalCosmos.NewId("ch"), LocalCosmos.NewEmail(), LocalCosmos.NewEmail(), LocalCosmos.NewPhone());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = old, Phone = phone }, CancellationToken.None);

        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = fresh, Phone = phone }, CancellationToken.None);

        Assert.Empty(await stores.Contacts.FindAsync("email", old, CancellationToken.None));
        Assert.Equal([customer], await stores.Contacts.FindAsync("email", fresh, CancellationToken.None));
        Assert.Equal([customer], await stores.Contacts.FindAsync("phone", phone, CancellationToken.None));
        Assert.Null(await RawEntryAsync("email", old));
    }

    [CosmosFact]
    public async Task SaveAsync_OneOfTwoCustomersLeavesASharedEmail_TheOtherIsStillFound()
    {
        var stores = await Keyed.Value;
        var (first, second, shared) = (LocalCosmos.NewId("a"), LocalCosmos.NewId("b"), LocalCosmos.NewEmail());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = first, Email = shared }, CancellationToken.None);
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = second, Email = shared }, CancellationToken.None);

        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = first }, CancellationToken.None);

        Assert.Equal([second], await stores.Contacts.FindAsync("email", shared, CancellationToken.None));
    }

    [CosmosFact]
    public async Task Erasure_AsTheEngineRunsIt_LeavesNothingThatFindsTheCustomer()
    {
        var stores = await Keyed.Value;
        var (customer, other, email, phone) = (LocalCosmos.NewId("er"), LocalCosmos.NewId("ot"), LocalCosmos.NewEmail(), LocalCosmos.NewPhone());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = email, Phone = phone }, CancellationToken.None);
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = other, Phone = phone }, CancellationToken.None);

        await stores.PersonalData.EraseAsync(customer, Instant.FromUtc(2033, 1, 1, 0, 0), CancellationToken.None);
        Assert.Empty(await stores.Contacts.FindAsync("email", email, CancellationToken.None)); // the eraser alone removes the entries
        await stores.Profiles.EraseAsync(customer, CancellationToken.None);

        Assert.Empty(await stores.Contacts.FindAsync("email", email, CancellationToken.None));
        Assert.Equal([other], await stores.Contacts.FindAsync("phone", phone, CancellationToken.None));
        Assert.Null(await RawEntryAsync("email", email));
        Assert.DoesNotContain(customer, (string?)(await RawEntryAsync("phone", phone))?.ToString() ?? "", StringComparison.Ordinal);
    }

    [CosmosFact]
    public async Task ProfileErase_OnItsOwn_AlsoRemovesTheCustomerFromTheIndex()
    {
        var stores = await Keyed.Value;
        var (customer, email) = (LocalCosmos.NewId("pe"), LocalCosmos.NewEmail());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = email }, CancellationToken.None);

        Assert.True(await stores.Profiles.EraseAsync(customer, CancellationToken.None));

        Assert.Empty(await stores.Contacts.FindAsync("email", email, CancellationToken.None));
        Assert.Null(await RawEntryAsync("email", email));
    }

    [CosmosFact]
    public async Task AnEntryLeftBehind_ByAFailedSave_FindsNoOne_BecauseTheProfileDoesNotListIt()
    {
        var stores = await Keyed.Value;
        var (customer, email) = (LocalCosmos.NewId("lb"), LocalCosmos.NewEmail());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer }, CancellationToken.None);
        var key = Protector.Value.Index!.Hash("email", email)!;
        await Contacts().CreateItemAsync(new JObject { ["id"] = key, ["customerIds"] = new JArray(customer) }, new PartitionKey(key));

        Assert.Empty(await stores.Contacts.FindAsync("email", email, CancellationToken.None));
    }

    [CosmosFact]
    public async Task ContactsContainer_HoldsOnlyKeyedHashesAndCustomerIds_NoPlainEmailOrPhone()
    {
        var stores = await Keyed.Value;
        var written = Enumerable.Range(0, 3).Select(i => (Customer: LocalCosmos.NewId("raw" + i), Email: LocalCosmos.NewEmail(), Phone: LocalCosmos.NewPhone())).ToList();
        foreach (var (customer, email, phone) in written)
        {
            await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = email, Phone = phone }, CancellationToken.None);
        }

        var raw = await ScanAsync(Contacts());
        var profiles = await ScanAsync(LocalCosmos.Client.GetDatabase(Database.DatabaseName).GetContainer(Database.ProfilesContainer));

        foreach (var (customer, email, phone) in written)
        {
            Assert.Contains(customer, raw, StringComparison.Ordinal); // the scan saw the entries
            Assert.Contains(Protector.Value.Index!.Hash("email", email)!, raw, StringComparison.Ordinal);
            foreach (var text in new[] { raw, profiles })
            {
                Assert.DoesNotContain(email, text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(email.Split('@')[0], text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(phone, text, StringComparison.Ordinal);
                Assert.DoesNotContain(phone[1..], text, StringComparison.Ordinal);
            }
        }

        Assert.All(JArray.Parse(raw).OfType<JObject>(), doc =>
            Assert.Equal(["customerIds", "id"], doc.Properties().Select(p => p.Name).Where(n => !n.StartsWith('_')).Order(StringComparer.Ordinal)));
    }

    [CosmosFact]
    public async Task StoresWithoutAKey_KeepNoIndex_AndRefuseEveryLookupWithTheReason()
    {
        var plain = await LocalCosmos.NewStoresAsync(Database with { DatabaseName = Database.DatabaseName + "-plain" });
        var (customer, email) = (LocalCosmos.NewId("np"), LocalCosmos.NewEmail());
        await plain.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = email }, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<ContactIndexUnavailableException>(() => plain.Contacts.FindAsync("email", email, CancellationToken.None).AsTask());

        Assert.False(plain.Contacts.IsAvailable);
        Assert.Contains("no encryption key", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(email, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("[]", await ScanAsync(LocalCosmos.Client.GetDatabase(Database.DatabaseName + "-plain").GetContainer(Database.ContactsContainer)));
    }

    private static Container Contacts() => LocalCosmos.Client.GetDatabase(Database.DatabaseName).GetContainer(Database.ContactsContainer);

    private static async Task<JObject?> RawEntryAsync(string kind, string value)
    {
        var key = Protector.Value.Index!.Hash(kind, value)!;
        using var response = await Contacts().ReadItemStreamAsync(key, new PartitionKey(key));
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.InternalServerError) // the local server's 500 for a missing document
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(response.Content);
        return JObject.Parse(await reader.ReadToEndAsync());
    }

    /// <summary>Every raw document of a container (its read feed), as one JSON array.</summary>
    private static async Task<string> ScanAsync(Container container) =>
        new JArray(await LocalCosmos.DocumentsAsync(container.GetItemQueryStreamIterator((string?)null))).ToString(Newtonsoft.Json.Formatting.None);
}

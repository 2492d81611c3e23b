using Engagement.Cosmos.Tests.Contracts;
using Engagement.Engine.Delivery;
using Engagement.Engine.Tasks;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json.Linq;
using NodaTime;

namespace Engagement.Cosmos.Tests;

/// <summary>The Cosmos ledger beyond the shared contract: concurrency, ids, lookups from another instance.</summary>
public sealed class LedgerTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 1, 8, 0);

    [CosmosFact]
    public async Task Ledger_TwentyParallelReservationsOfOneKey_ExactlyOneWins()
    {
        var instances = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => LocalCosmos.NewStoresAsync()));
        var customer = LocalCosmos.NewId("c");
        var entry = LedgerContractTests.Entry(customer, $"{customer}-enr/send/1");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => instances[i % 4].Ledger.TryReserveAsync(entry with { Reason = "attempt-" + i }, default).AsTask()));

        Assert.Single(results, won => won);
    }

    [CosmosFact]
    public async Task Ledger_TwoInstancesUpdateTheSameEntry_TheSecondGetsAConflictAndTheRetryHelperRereads()
    {
        var a = await LocalCosmos.NewStoresAsync();
        var b = await LocalCosmos.NewStoresAsync();
        var customer = LocalCosmos.NewId("c");
        var enrollment = EnrollmentStoreContractTests.Waiting("welcome", customer, T0);
        await a.Enrollments.SaveAsync(enrollment, default);
        var key = enrollment.EnrollmentId + "/send/1";
        Assert.True(await a.Ledger.TryReserveAsync(LedgerContractTests.Entry(customer, key, LedgerStatus.Deferred), default));

        // Both read the deferred entry (b finds the partition through the enrollment index), then both try to move it on.
        var seenByA = (await a.Ledger.GetAsync(key, default))!;
        var seenByB = (await b.Ledger.GetAsync(key, default))!;
        await a.Ledger.UpdateAsync(seenByA with { Status = LedgerStatus.Sent, SentAt = T0, Attempts = 1 }, default);
        var conflict = await Assert.ThrowsAsync<LedgerConflictException>(async () =>
            await b.Ledger.UpdateAsync(seenByB with { Status = LedgerStatus.Suppressed, Reason = "late" }, default));
        Assert.Equal(key, conflict.Key);

        // The retry rule: re-read and decide again from what is stored (already sent: leave it).
        var stored = await b.Ledger.UpdateAsync(key, e => e.Status == LedgerStatus.Sent ? null : e with { Status = LedgerStatus.Suppressed }, cancellationToken: default);
        Assert.Equal(LedgerStatus.Sent, stored!.Status);
        var failed = await b.Ledger.UpdateAsync(key, e => e with { Status = LedgerStatus.Failed, Reason = "bounced" }, cancellationToken: default);
        Assert.Equal(LedgerStatus.Failed, (await a.Ledger.GetAsync(key, default))!.Status);
        Assert.Equal("bounced", failed!.Reason);
    }

    [CosmosFact]
    public async Task Ledger_UpdateOfAKeyNeverReserved_Throws()
    {
        var stores = await LocalCosmos.StoresAsync();
        var customer = LocalCosmos.NewId("c");
        await Assert.ThrowsAsync<KeyNotFoundException>(async () =>
            await stores.Ledger.UpdateAsync(LedgerContractTests.Entry(customer, customer + "/send/1", LedgerStatus.Sent, T0), default));
    }

    [CosmosFact]
    public async Task Ids_WithSlashesAndOtherReservedCharacters_RoundTripThroughEveryContainer()
    {
        var stores = await LocalCosmos.StoresAsync();
        var customer = LocalCosmos.NewId("c") + "/eu?x#1\\ä %20";
        var key = customer + "/send step/1@2026-03-01T08:00:00Z";
        var entry = LedgerContractTests.Entry(customer, key);
        Assert.True(await stores.Ledger.TryReserveAsync(entry, default));
        Assert.False(await stores.Ledger.TryReserveAsync(entry, default));
        StoreSet.SameJson(entry, await stores.Ledger.GetAsync(key, default));

        await stores.Profiles.SaveAsync(new Engine.Profiles.CustomerProfile { CustomerId = customer }, default);
        Assert.Equal(customer, (await stores.Profiles.GetAsync(customer, default))!.CustomerId);
        Assert.True(await stores.Profiles.EraseAsync(customer, default));

        var task = new HumanTask { TaskKey = key, CustomerId = customer, Journey = "j", Step = "s", Queue = "q", Title = "t", Priority = "low", CreatedAt = T0 };
        await stores.Tasks.CreateAsync(task, default);
        Assert.Equal(key, (await stores.Tasks.GetAsync(customer, key, default))!.TaskKey);
        Assert.True(await stores.Inbox.TryMarkProcessedAsync(key, default));
        Assert.False(await stores.Inbox.TryMarkProcessedAsync(key, default));

        // The stored document keeps the original key next to the escaped id.
        var raw = (await LocalCosmos.Container("ledger").ReadItemAsync<JObject>(CosmosIds.Encode(key), new PartitionKey(customer))).Resource;
        Assert.Equal(key, (string)raw["key"]!);
        Assert.DoesNotContain('/', (string)raw["id"]!);
    }

    [CosmosFact]
    public async Task Ledger_ErasureTombstone_IsFoundByKeyFromAnyInstanceAndNeverExpires()
    {
        var writer = await LocalCosmos.StoresAsync();
        var reader = await LocalCosmos.NewStoresAsync();
        var customer = LocalCosmos.NewId("c");
        var tombstone = LedgerContractTests.Entry(customer, "erased/" + customer, LedgerStatus.Erased) with { Channel = null };
        Assert.True(await writer.Ledger.TryReserveAsync(tombstone, default));

        Assert.Equal(LedgerStatus.Erased, (await reader.Ledger.GetAsync(tombstone.Key, default))!.Status);
        var raw = (await LocalCosmos.Container("ledger").ReadItemAsync<JObject>(CosmosIds.Encode(tombstone.Key), new PartitionKey(customer))).Resource;
        Assert.Null(raw["ttl"]);
        var sent = LedgerContractTests.Entry(customer, customer + "-enr/send/1", LedgerStatus.Sent, T0);
        await writer.Ledger.TryReserveAsync(sent, default);
        var rawSent = (await LocalCosmos.Container("ledger").ReadItemAsync<JObject>(CosmosIds.Encode(sent.Key), new PartitionKey(customer))).Resource;
        Assert.Equal(400 * 24 * 3600, (int)rawSent["ttl"]!);
        Assert.Equal("2026-03-01T08:00:00.000000000Z", (string)rawSent["sentAtKey"]!);
    }
}

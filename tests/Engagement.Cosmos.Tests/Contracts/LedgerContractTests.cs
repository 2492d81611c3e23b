using Engagement.Engine.Delivery;
using NodaTime;

namespace Engagement.Cosmos.Tests.Contracts;

/// <summary><c>IMessageLedger</c>: the same behaviour in memory and in Cosmos DB.</summary>
public sealed class LedgerContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 1, 8, 0);

    internal static LedgerEntry Entry(string customer, string key, LedgerStatus status = LedgerStatus.Reserved, Instant? sentAt = null) => new()
    {
        Key = key,
        CustomerId = customer,
        Journey = "welcome",
        Step = "send",
        Channel = "email",
        Marketing = true,
        Status = status,
        At = T0,
        SentAt = sentAt,
    };

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Ledger_ReserveTwice_SecondIsRefused(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        var customer = LocalCosmos.NewId("c");
        var entry = Entry(customer, $"{customer}-enr/send/1");

        Assert.True(await stores.Ledger.TryReserveAsync(entry, default));
        Assert.False(await stores.Ledger.TryReserveAsync(entry with { Channel = "sms" }, default));
        StoreSet.SameJson(entry, await stores.Ledger.GetAsync(entry.Key, default));
    }

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Ledger_Update_ReplacesTheEntry(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        var customer = LocalCosmos.NewId("c");
        var entry = Entry(customer, $"{customer}-enr/send/1");
        await stores.Ledger.TryReserveAsync(entry, default);
        var sent = entry with { Status = LedgerStatus.Sent, SentAt = T0, Attempts = 1, ProviderMessageId = "m-1" };
        await stores.Ledger.UpdateAsync(sent, default);
        var failed = sent with { Status = LedgerStatus.Failed, Reason = "bounced" };
        await stores.Ledger.UpdateAsync(failed, default);

        StoreSet.SameJson(failed, await stores.Ledger.GetAsync(entry.Key, default));
    }

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Ledger_UnknownKey_ReadsAsNull(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        Assert.Null(await stores.Ledger.GetAsync(LocalCosmos.NewId("enr") + "/send/1", default));
    }

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Ledger_ListSentSince_HoldsOnlyThatCustomersSentEntriesAtOrAfterTheInstant(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        var customer = LocalCosmos.NewId("c");
        var other = LocalCosmos.NewId("c");
        var since = T0 + Duration.FromDays(1);
        var entries = new[]
        {
            Entry(customer, $"{customer}/a/1", LedgerStatus.Sent, since - Duration.FromMilliseconds(1)),
            Entry(customer, $"{customer}/b/1", LedgerStatus.Sent, since),
            Entry(customer, $"{customer}/c/1", LedgerStatus.Sent, since + Duration.FromNanoseconds(1)),
            Entry(customer, $"{customer}/d/1", LedgerStatus.Sent, since + Duration.FromDays(3)),
            Entry(customer, $"{customer}/e/1", LedgerStatus.Suppressed, since + Duration.FromHours(1)),
            Entry(customer, $"{customer}/f/1", LedgerStatus.Deferred, since + Duration.FromHours(1)),
            Entry(customer, $"{customer}/g/1"),
            Entry(other, $"{other}/a/1", LedgerStatus.Sent, since + Duration.FromHours(1)),
        };
        foreach (var e in entries)
        {
            Assert.True(await stores.Ledger.TryReserveAsync(e, default));
        }

        var listed = await stores.Ledger.ListSentSinceAsync(customer, since, default);
        Assert.Equal([$"{customer}/b/1", $"{customer}/c/1", $"{customer}/d/1"], listed.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Empty(await stores.Ledger.ListSentSinceAsync(LocalCosmos.NewId("nobody"), since, default));
    }
}

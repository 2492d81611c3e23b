using Engagement.Cosmos.Tests.Contracts;
using Engagement.Journeys.Runtime;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json.Linq;
using NodaTime;

namespace Engagement.Cosmos.Tests;

/// <summary>The Cosmos enrollment store beyond the shared contract: the id index, TTLs, the awaiting-event query.</summary>
public sealed class EnrollmentTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 1, 8, 0);

    private static async Task<JObject?> RawAsync(string container, string id, string partitionKey)
    {
        try
        {
            return (await LocalCosmos.Container(container).ReadItemAsync<JObject>(id, new PartitionKey(partitionKey))).Resource;
        }
        catch (CosmosException)
        {
            return null;
        }
    }

    [CosmosFact]
    public async Task Enrollment_ReadByIdFromAnotherInstance_FindsItsCustomerThroughTheIndex()
    {
        var writer = await LocalCosmos.StoresAsync();
        var reader = await LocalCosmos.NewStoresAsync();
        // A customer id that the enrollment id only keeps sanitized and truncated.
        var customer = "Customer/With:Odd Chars " + LocalCosmos.NewId("x") + new string('y', 40);
        var state = EnrollmentStoreContractTests.Waiting("welcome", customer, T0);
        await writer.Enrollments.SaveAsync(state, default);

        StoreSet.SameJson(state, await reader.Enrollments.GetAsync(state.EnrollmentId, default));
        var index = await RawAsync("enrollmentIndex", state.EnrollmentId, state.EnrollmentId);
        Assert.Equal(customer, (string)index!["customerId"]!);
    }

    [CosmosFact]
    public async Task Enrollment_Exited_GetsTheConfiguredTtlAndAReEntryClearsIt()
    {
        var stores = await LocalCosmos.StoresAsync();
        var other = await LocalCosmos.NewStoresAsync();
        var customer = LocalCosmos.NewId("c");
        var state = EnrollmentStoreContractTests.Waiting("welcome", customer, T0);
        await stores.Enrollments.SaveAsync(state, default);
        Assert.Null((await RawAsync("enrollments", state.EnrollmentId, customer))!["ttl"]);

        await stores.Enrollments.SaveAsync(state with { Status = EnrollmentStatus.Exited, ExitedAt = T0 + Duration.FromDays(1), ExitReason = "completed" }, default);
        var ttl = 180 * 24 * 3600;
        Assert.Equal(ttl, (int)(await RawAsync("enrollments", state.EnrollmentId, customer))!["ttl"]!);
        Assert.Equal(ttl, (int)(await RawAsync("enrollmentIndex", state.EnrollmentId, state.EnrollmentId))!["ttl"]!);

        // Re-entry with the same id (a new generation), written by another instance: both documents live again.
        await other.Enrollments.SaveAsync(state with { EnteredAt = T0 + Duration.FromDays(10) }, default);
        Assert.Null((await RawAsync("enrollments", state.EnrollmentId, customer))!["ttl"]);
        Assert.Null((await RawAsync("enrollmentIndex", state.EnrollmentId, state.EnrollmentId))!["ttl"]);
    }

    [CosmosFact]
    public async Task Enrollment_ListAwaiting_HoldsOnlyTheCustomersWaitingEnrollmentsForThatEvent()
    {
        var stores = await LocalCosmos.StoresAsync();
        var customer = LocalCosmos.NewId("c");
        var awaitsOrder = EnrollmentStoreContractTests.Waiting("cart", customer, T0, awaiting: "order.placed");
        var awaitsClick = EnrollmentStoreContractTests.Waiting("promo", customer, T0, awaiting: "email.clicked");
        var exited = EnrollmentStoreContractTests.Waiting("browse", customer, T0, awaiting: "order.placed") with { Status = EnrollmentStatus.Exited };
        var otherCustomer = EnrollmentStoreContractTests.Waiting("cart", LocalCosmos.NewId("c"), T0, awaiting: "order.placed");
        foreach (var s in new[] { awaitsOrder, awaitsClick, exited, otherCustomer })
        {
            await stores.Enrollments.SaveAsync(s, default);
        }

        var waiting = await stores.Enrollments.ListAwaitingAsync(customer, "order.placed", default);
        Assert.Equal(awaitsOrder.EnrollmentId, Assert.Single(waiting).EnrollmentId);
        Assert.Empty(await stores.Enrollments.ListAwaitingAsync(customer, "customer.registered", default));
    }
}

using System.Collections.Immutable;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Cosmos.Tests.Contracts;

/// <summary><c>IEnrollmentStore</c>: the same behaviour in memory and in Cosmos DB.</summary>
public sealed class EnrollmentStoreContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 1, 8, 0);

    internal static EnrollmentState Waiting(string journey, string customer, Instant enteredAt, string? awaiting = null) =>
        EnrollmentState.Create(journey, 1, customer, customer) with
        {
            Status = EnrollmentStatus.Waiting,
            StepId = "wait",
            EnteredAt = enteredAt,
            WakeAt = enteredAt + Duration.FromDays(1),
            AwaitingEvent = awaiting,
            Occurrences = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("wait", 1)]),
            Event = ValueJson.Parse("""{ "orderId": "o-1", "total": 42.5 }"""),
        };

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Enrollment_SavedThenReadById_RoundTripsEveryField(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        var state = Waiting("welcome", LocalCosmos.NewId("c"), T0, awaiting: "order.placed");
        await stores.Enrollments.SaveAsync(state, default);

        StoreSet.SameJson(state, await stores.Enrollments.GetAsync(state.EnrollmentId, default));
    }

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Enrollment_SavedAgain_IsReplacedNotDuplicated(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        var state = Waiting("welcome", LocalCosmos.NewId("c"), T0);
        await stores.Enrollments.SaveAsync(state, default);
        var exited = state with { Status = EnrollmentStatus.Exited, StepId = "done", WakeAt = null, ExitedAt = T0 + Duration.FromDays(1), ExitReason = "completed" };
        await stores.Enrollments.SaveAsync(exited, default);

        StoreSet.SameJson(exited, await stores.Enrollments.GetAsync(state.EnrollmentId, default));
        StoreSet.SameJson(exited, Assert.Single(await stores.Enrollments.ListByCustomerAsync(state.CustomerId, default)));
    }

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Enrollment_UnknownId_ReadsAsNull(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        Assert.Null(await stores.Enrollments.GetAsync(LocalCosmos.NewId("welcome-v1"), default));
    }

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Enrollment_ListByCustomer_HoldsOnlyThatCustomersEnrollmentsInEntryOrder(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        var customer = LocalCosmos.NewId("c");
        var other = LocalCosmos.NewId("c");
        var first = Waiting("welcome", customer, T0);
        var second = Waiting("winback", customer, T0 + Duration.FromHours(1));
        var third = Waiting("anniversary", customer, T0 + Duration.FromHours(2));
        foreach (var s in new[] { first, second, Waiting("welcome", other, T0), third })
        {
            await stores.Enrollments.SaveAsync(s, default);
        }

        var listed = await stores.Enrollments.ListByCustomerAsync(customer, default);
        Assert.Equal([first.EnrollmentId, second.EnrollmentId, third.EnrollmentId], listed.Select(s => s.EnrollmentId));
        Assert.Equal(listed.Select(s => s.EnrollmentId), (await stores.Enrollments.ListByCustomerAsync(customer, default)).Select(s => s.EnrollmentId));
        Assert.Empty(await stores.Enrollments.ListByCustomerAsync(LocalCosmos.NewId("nobody"), default));
    }
}

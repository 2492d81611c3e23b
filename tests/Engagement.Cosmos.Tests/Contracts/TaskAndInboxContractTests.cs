using Engagement.Engine.Tasks;
using NodaTime;

namespace Engagement.Cosmos.Tests.Contracts;

/// <summary><c>ITaskSink</c> and <c>IEventInbox</c>: the same behaviour in memory and in Cosmos DB.</summary>
public sealed class TaskAndInboxContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 1, 8, 0);

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Task_CreatedTwiceWithOneKey_KeepsTheFirst(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        var customer = LocalCosmos.NewId("c");
        var task = new HumanTask
        {
            TaskKey = $"{customer}-enr/call/1", CustomerId = customer, Journey = "care", Step = "call", Queue = "care", Title = "Call the customer",
            Priority = "high", CreatedAt = T0, Due = T0 + Duration.FromDays(2),
        };
        await stores.Tasks.CreateAsync(task, default);
        await stores.Tasks.CreateAsync(task with { Title = "Second title", CreatedAt = T0 + Duration.FromHours(1) }, default);

        StoreSet.SameJson(task, await stores.ReadTask(customer, task.TaskKey));
    }

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Inbox_EventMarkedTwice_TheSecondIsADuplicate(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        var eventId = LocalCosmos.NewId("evt");

        Assert.True(await stores.Inbox.TryMarkProcessedAsync(eventId, default));
        Assert.False(await stores.Inbox.TryMarkProcessedAsync(eventId, default));
        Assert.True(await stores.Inbox.TryMarkProcessedAsync(eventId + "-other", default));
    }

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Inbox_EventCheckedBeforeItsWork_IsProcessedOnlyOnceMarked(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        var eventId = LocalCosmos.NewId("evt") + "/x?y";

        Assert.False(await stores.Inbox.IsProcessedAsync(eventId, default));
        Assert.False(await stores.Inbox.IsProcessedAsync(eventId, default));
        Assert.True(await stores.Inbox.TryMarkProcessedAsync(eventId, default));
        Assert.True(await stores.Inbox.IsProcessedAsync(eventId, default));
        Assert.False(await stores.Inbox.IsProcessedAsync(eventId + "-other", default));
    }
}

using Engagement.Engine.InMemory;
using Engagement.Engine.Ports;
using Engagement.Engine.Serialization;
using Engagement.Engine.Tasks;

namespace Engagement.Cosmos.Tests.Contracts;

/// <summary>One implementation of the storage ports, for the contract tests that run against both the in-memory reference
/// (<c>memory</c>) and Cosmos DB on the local server, without a key (<c>cosmos</c>) and with one (<c>cosmos-encrypted</c>).</summary>
public sealed record StoreSet(
    IProfileStore Profiles,
    IEnrollmentStore Enrollments,
    IMessageLedger Ledger,
    ITaskSink Tasks,
    IEventInbox Inbox,
    Func<string, string, ValueTask<HumanTask?>> ReadTask)
{
    public const string Memory = "memory";
    public const string Cosmos = "cosmos";
    public const string EncryptedCosmos = "cosmos-encrypted";

    public static async Task<StoreSet> OpenAsync(string kind)
    {
        if (kind == Memory)
        {
            var m = new InMemoryStores();
            return new StoreSet(m, m, m, m, m, (_, key) => ValueTask.FromResult(m.Tasks.FirstOrDefault(t => t.TaskKey == key)));
        }

        var c = kind == EncryptedCosmos ? await LocalCosmos.EncryptedStoresAsync() : await LocalCosmos.StoresAsync();
        return new StoreSet(c.Profiles, c.Enrollments, c.Ledger, c.Tasks, c.Inbox, (customer, key) => c.Tasks.GetAsync(customer, key, default));
    }

    /// <summary>Records are compared by their stored JSON form (immutable collections compare by reference).</summary>
    public static void SameJson<T>(T expected, T? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(EngineJson.Serialize(expected), EngineJson.Serialize(actual));
    }
}

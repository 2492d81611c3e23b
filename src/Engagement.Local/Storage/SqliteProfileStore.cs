using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Serialization;

namespace Engagement.Local.Storage;

/// <summary>Profiles (with their consent history) as JSON rows, inside the group transaction, read through the group cache.</summary>
internal sealed class SqliteProfileStore(GroupState state) : IProfileStore
{
    public ValueTask<CustomerProfile?> GetAsync(string customerId, CancellationToken cancellationToken)
    {
        if (!state.Profiles.TryGet(customerId, out var profile))
        {
            profile = Read(state.Session, customerId);
            state.Profiles.Loaded(customerId, profile);
        }

        return ValueTask.FromResult(profile);
    }

    public ValueTask SaveAsync(CustomerProfile profile, CancellationToken cancellationToken)
    {
        state.Session.Execute(
            "INSERT INTO profiles (customer_id, json) VALUES ($id, $json) ON CONFLICT DO UPDATE SET json = excluded.json",
            ("$id", profile.CustomerId), ("$json", EngineJson.Serialize(profile)));
        state.Profiles.Set(profile.CustomerId, profile);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> EraseAsync(string customerId, CancellationToken cancellationToken)
    {
        var removed = state.Session.Execute("DELETE FROM profiles WHERE customer_id = $id", ("$id", customerId)) > 0;
        state.Profiles.Set(customerId, null);
        return ValueTask.FromResult(removed);
    }

    /// <summary>Reads one profile on any session.</summary>
    public static CustomerProfile? Read(SqliteSession session, string customerId) =>
        session.Scalar("SELECT json FROM profiles WHERE customer_id = $id", ("$id", customerId)) is string json
            ? EngineJson.Deserialize<CustomerProfile>(json)
            : null;
}

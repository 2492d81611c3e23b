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
            ("$id", profile.CustomerId), ("$json", state.Session.SealJson(profile)));
        // The index follows the stored profile in the same transaction, so it only changes when the email or phone does
        // (most saves change attributes or consents). A file encrypted from plain text gets its entries from the rotation.
        // A profile the cache knows to be absent has no entries to replace (erasure removes them with the profile).
        var cached = state.Profiles.TryGet(profile.CustomerId, out var previous);
        if (!cached || previous is null || previous.Email != profile.Email || previous.Phone != profile.Phone)
        {
            IndexContacts(state.Session, profile, replace: !cached || previous is not null);
        }

        state.Profiles.Set(profile.CustomerId, profile);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> EraseAsync(string customerId, CancellationToken cancellationToken)
    {
        var removed = state.Session.Execute("DELETE FROM profiles WHERE customer_id = $id", ("$id", customerId)) > 0;
        state.Session.Execute("DELETE FROM contact_index WHERE customer_id = $id", ("$id", customerId));
        state.Profiles.Set(customerId, null);
        return ValueTask.FromResult(removed);
    }

    /// <summary>
    /// Keeps the profile's email and phone in the blind index (<see cref="BlindIndex"/>): keyed hashes only, never the
    /// contact itself. Without a key file (<c>--insecure-plaintext</c>) there is no index key and nothing is written.
    /// <paramref name="replace"/> false: the customer has no entries yet, so none are deleted first.
    /// </summary>
    public static void IndexContacts(SqliteSession session, CustomerProfile profile, bool replace = true)
    {
        if (session.Protector.Index is not { } index)
        {
            return;
        }

        if (replace)
        {
            session.Execute("DELETE FROM contact_index WHERE customer_id = $id", ("$id", profile.CustomerId));
        }

        foreach (var (kind, value) in new[] { ("email", profile.Email), ("phone", profile.Phone) })
        {
            if (index.Hash(kind, value) is { } hash)
            {
                session.Execute("INSERT INTO contact_index (kind, hash, customer_id) VALUES ($k, $h, $id) ON CONFLICT DO NOTHING", ("$k", kind), ("$h", hash), ("$id", profile.CustomerId));
            }
        }
    }

    /// <summary>Reads one profile on any session.</summary>
    public static CustomerProfile? Read(SqliteSession session, string customerId) =>
        session.Scalar("SELECT json FROM profiles WHERE customer_id = $id", ("$id", customerId)) is string json
            ? EngineJson.Deserialize<CustomerProfile>(session.Open(json))
            : null;
}

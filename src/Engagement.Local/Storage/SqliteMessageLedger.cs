using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Engagement.Engine.Serialization;
using NodaTime;

namespace Engagement.Local.Storage;

/// <summary>The message ledger: the key is unique, so a reservation is an insert that either happens or finds the key taken.</summary>
internal sealed class SqliteMessageLedger(GroupState state) : IMessageLedger
{
    /// <inheritdoc/>
    public ValueTask<bool> TryReserveAsync(LedgerEntry entry, CancellationToken cancellationToken) => ValueTask.FromResult(state.Session.Execute(
        """
        INSERT INTO ledger (key, customer_id, journey, step, channel, status, at, sent_at, json) VALUES ($key, $c, $j, $s, $ch, $status, $at, $sent, $json)
        ON CONFLICT (key) DO NOTHING
        """,
        Args(entry)) == 1);

    /// <inheritdoc/>
    public ValueTask UpdateAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        state.Session.Execute(
            "UPDATE ledger SET customer_id = $c, journey = $j, step = $s, channel = $ch, status = $status, at = $at, sent_at = $sent, json = $json WHERE key = $key",
            Args(entry));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<LedgerEntry?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult(
        state.Session.Scalar("SELECT json FROM ledger WHERE key = $key", ("$key", key)) is string json ? EngineJson.Deserialize<LedgerEntry>(state.Session.Open(json)) : null);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<LedgerEntry>> ListSentSinceAsync(string customerId, Instant since, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<LedgerEntry>>(state.Session.Query(
            "SELECT json FROM ledger WHERE customer_id = $c AND sent_at >= $since AND status = 'sent' ORDER BY id",
            r => EngineJson.Deserialize<LedgerEntry>(state.Session.Open(r.GetString(0))),
            ("$c", customerId), ("$since", Ticks.Of(since))));

    /// <summary>The column form of a status.</summary>
    public static string Status(LedgerStatus status) => status.ToString().ToLowerInvariant();

    private (string, object?)[] Args(LedgerEntry e) =>
    [
        ("$key", e.Key), ("$c", e.CustomerId), ("$j", e.Journey), ("$s", e.Step), ("$ch", e.Channel), ("$status", Status(e.Status)),
        ("$at", Ticks.Of(e.At)), ("$sent", Ticks.Of(e.SentAt)), ("$json", state.Session.Seal(EngineJson.Serialize(e))),
    ];
}

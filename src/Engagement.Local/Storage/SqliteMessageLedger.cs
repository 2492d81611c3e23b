using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Engagement.Engine.Serialization;
using NodaTime;

namespace Engagement.Local.Storage;

/// <summary>
/// The message ledger: the key is unique, so a reservation either takes a key no row and no reservation of this group holds, or
/// finds it taken. A reservation is held in the group (<see cref="GroupState.HeldReservations"/>) and written once, with its last
/// state, when the group commits: the pipeline reserves, sends into the outbox and records the answer in one group transaction,
/// so the reserved row was only ever written to be overwritten before anyone could read it. Reads see held entries first, and a
/// query by customer writes them before it runs.
/// </summary>
internal sealed class SqliteMessageLedger(GroupState state) : IMessageLedger
{
    /// <inheritdoc/>
    public ValueTask<bool> TryReserveAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (state.HeldReservations.ContainsKey(entry.Key) || state.Session.Scalar("SELECT 1 FROM ledger WHERE key = $key", ("$key", entry.Key)) is not null)
        {
            return ValueTask.FromResult(false);
        }

        state.HeldReservations.Add(entry.Key, entry);
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc/>
    public ValueTask UpdateAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (state.HeldReservations.ContainsKey(entry.Key))
        {
            state.HeldReservations[entry.Key] = entry;
            return ValueTask.CompletedTask;
        }

        Write(state.Session, "UPDATE ledger SET customer_id = $c, journey = $j, step = $s, channel = $ch, status = $status, at = $at, sent_at = $sent, json = $json WHERE key = $key", entry);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<LedgerEntry?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult(
        state.HeldReservations.TryGetValue(key, out var held) ? held
        : state.Session.Scalar("SELECT json FROM ledger WHERE key = $key", ("$key", key)) is string json ? EngineJson.Deserialize<LedgerEntry>(state.Session.Open(json)) : null);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<LedgerEntry>> ListSentSinceAsync(string customerId, Instant since, CancellationToken cancellationToken)
    {
        WriteHeld(state);
        return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>(state.Session.Query(
            "SELECT json FROM ledger WHERE customer_id = $c AND sent_at >= $since AND status = 'sent' ORDER BY id",
            r => EngineJson.Deserialize<LedgerEntry>(state.Session.Open(r.GetString(0))),
            ("$c", customerId), ("$since", Ticks.Of(since))));
    }

    /// <summary>Writes the group's held reservations, in reservation order, with their last state (at commit, and before any
    /// query of the ledger table on the group's connection).</summary>
    public static void WriteHeld(GroupState state)
    {
        foreach (var (_, entry) in state.HeldReservations)
        {
            Write(
                state.Session,
                """
                INSERT INTO ledger (key, customer_id, journey, step, channel, status, at, sent_at, json) VALUES ($key, $c, $j, $s, $ch, $status, $at, $sent, $json)
                ON CONFLICT (key) DO NOTHING
                """,
                entry);
        }

        state.HeldReservations.Clear();
    }

    /// <summary>The column form of a status.</summary>
    public static string Status(LedgerStatus status) => StatusNames.TryGetValue(status, out var name) ? name : status.ToString().ToLowerInvariant();

    /// <summary>Each status's column form, made once (not a string per row).</summary>
    private static readonly Dictionary<LedgerStatus, string> StatusNames = Enum.GetValues<LedgerStatus>().ToDictionary(v => v, v => v.ToString().ToLowerInvariant());

    /// <summary>Runs <paramref name="sql"/> with the entry's columns (the arguments on the stack, no array an entry).</summary>
    private static void Write(SqliteSession session, string sql, LedgerEntry e) => session.Execute(
        sql,
        ("$key", e.Key), ("$c", e.CustomerId), ("$j", e.Journey), ("$s", e.Step), ("$ch", e.Channel), ("$status", Status(e.Status)),
        ("$at", Ticks.Of(e.At)), ("$sent", Ticks.Of(e.SentAt)), ("$json", session.SealJson(e)));
}

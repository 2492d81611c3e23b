using Engagement.Local.Security;
using NodaTime;

namespace Engagement.Local.Storage;

/// <summary>
/// The audit trail in the serve database (table <c>audit</c>, schema v4): rows are only ever appended (a trigger refuses
/// updates) and deleted only by <see cref="PruneAsync"/> once older than the retention. Erasure leaves them: they name the
/// customer by id and hold no contact detail. Thread-safe; writes take the host's write gate when one is given.
/// </summary>
public sealed class SqliteAuditTrail(SqliteDatabase database, IClock clock, SemaphoreSlim? writeGate = null) : IAuditTrail
{
    /// <summary>The most entries one listing returns.</summary>
    public const int MaxLimit = 100_000;

    /// <inheritdoc/>
    public async ValueTask AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        if (writeGate is not null)
        {
            await writeGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        try
        {
            using var session = new SqliteSession(database.Connect());
            session.Begin();
            var at = clock.GetCurrentInstant();
            foreach (var e in events)
            {
                Append(session, at, e);
            }

            session.Commit();
        }
        finally
        {
            writeGate?.Release();
        }
    }

    /// <summary>Appends one entry on a session the caller writes with (its transaction, its write gate).</summary>
    internal static void Append(SqliteSession session, Instant at, AuditEvent e) =>
        session.Execute("INSERT INTO audit (at, who, action, customer_id, origin, detail) VALUES ($at, $w, $a, $c, $o, $d)",
            ("$at", Ticks.Of(at)), ("$w", e.Who), ("$a", e.Action), ("$c", e.CustomerId), ("$o", e.From), ("$d", e.Detail));

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken) => ValueTask.FromResult(List(query));

    /// <summary>The entries <paramref name="query"/> selects, oldest first.</summary>
    public IReadOnlyList<AuditEntry> List(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var session = new SqliteSession(database.Connect());
        return session.Query(
            """
            SELECT seq, at, who, action, customer_id, origin, detail FROM audit
            WHERE ($c IS NULL OR customer_id = $c) AND ($a IS NULL OR action = $a) AND ($s IS NULL OR at >= $s) AND ($w IS NULL OR who = $w)
            ORDER BY seq LIMIT $n
            """,
            r => new AuditEntry(r.GetInt64(0), Ticks.At(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)),
            ("$c", query.CustomerId), ("$a", query.Action), ("$s", Ticks.Of(query.Since)), ("$w", query.Who),
            ("$n", Math.Clamp(query.Limit, 1, MaxLimit)));
    }

    /// <summary>Deletes the entries recorded before <paramref name="before"/> (the retention); returns how many.</summary>
    public async ValueTask<int> PruneAsync(Instant before)
    {
        if (writeGate is not null)
        {
            await writeGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        try
        {
            using var session = new SqliteSession(database.Connect());
            return session.Execute("DELETE FROM audit WHERE at < $b", ("$b", Ticks.Of(before)));
        }
        finally
        {
            writeGate?.Release();
        }
    }
}

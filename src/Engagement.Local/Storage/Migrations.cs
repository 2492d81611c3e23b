using Microsoft.Data.Sqlite;

namespace Engagement.Local.Storage;

/// <summary>
/// The schema as an ordered list of migrations. Version N is <c>PRAGMA user_version = N</c>; each migration runs in its own
/// transaction together with the version bump, so a crash leaves the file at the previous version and the next start redoes
/// it. Never edit a shipped migration: append a new one.
/// </summary>
internal static class Migrations
{
    /// <summary>(version, SQL) in order.</summary>
    public static IReadOnlyList<(int Version, string Sql)> All { get; } =
    [
        (1, """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE stats (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            CREATE TABLE profiles (customer_id TEXT PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE enrollments (
                id INTEGER PRIMARY KEY, enrollment_id TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL, journey_id TEXT NOT NULL,
                journey_version INTEGER NOT NULL, status TEXT NOT NULL, step_id TEXT, wake_at INTEGER, awaiting_event TEXT,
                holdout INTEGER NOT NULL, json TEXT NOT NULL);
            CREATE INDEX ix_enrollments_customer ON enrollments (customer_id, id);
            CREATE INDEX ix_enrollments_journey ON enrollments (journey_id, journey_version, status, step_id);
            CREATE TABLE timers (
                timer_key TEXT PRIMARY KEY, kind TEXT NOT NULL, target TEXT NOT NULL, customer_id TEXT NOT NULL,
                due_at INTEGER NOT NULL, ord INTEGER NOT NULL);
            CREATE INDEX ix_timers_due ON timers (due_at, ord);
            CREATE TABLE ledger (
                id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL, journey TEXT NOT NULL, step TEXT NOT NULL,
                channel TEXT, status TEXT NOT NULL, at INTEGER NOT NULL, sent_at INTEGER, json TEXT NOT NULL);
            CREATE INDEX ix_ledger_customer ON ledger (customer_id, sent_at);
            CREATE TABLE outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, ledger_key TEXT NOT NULL UNIQUE, channel TEXT NOT NULL, customer_id TEXT NOT NULL,
                transport TEXT NOT NULL, message TEXT NOT NULL, created_at INTEGER NOT NULL, state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, last_error TEXT, delivered_at INTEGER, provider_id TEXT);
            CREATE INDEX ix_outbox_pending ON outbox (next_attempt_at, seq) WHERE state = 'pending';
            CREATE INDEX ix_outbox_state ON outbox (state);
            CREATE INDEX ix_outbox_customer ON outbox (customer_id, seq);
            CREATE TABLE tasks (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, task_key TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL, queue TEXT NOT NULL,
                created_at INTEGER NOT NULL, due_at INTEGER, json TEXT NOT NULL);
            CREATE INDEX ix_tasks_customer ON tasks (customer_id);
            CREATE TABLE inbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, origin TEXT NOT NULL, customer_id TEXT NOT NULL,
                type TEXT NOT NULL, time INTEGER NOT NULL, due_at INTEGER NOT NULL, ord INTEGER NOT NULL, status TEXT NOT NULL,
                source TEXT, line INTEGER, accepted_at INTEGER NOT NULL, processed_at INTEGER, json TEXT NOT NULL);
            CREATE INDEX ix_inbox_pending ON inbox (origin, due_at, ord) WHERE status = 'pending';
            CREATE INDEX ix_inbox_input_time ON inbox (time) WHERE origin = 'input';
            CREATE TABLE rejected (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, line INTEGER, received_at INTEGER NOT NULL,
                field TEXT, reason TEXT NOT NULL, event_id TEXT, raw TEXT NOT NULL);
            CREATE TABLE timeline_counts (
                journey TEXT NOT NULL, version INTEGER NOT NULL, step TEXT NOT NULL, kind TEXT NOT NULL, count INTEGER NOT NULL,
                PRIMARY KEY (journey, version, step, kind)) WITHOUT ROWID;
            """),
        (2, """
            CREATE TABLE profile_imports (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, hash TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL, source TEXT NOT NULL,
                status TEXT NOT NULL, json TEXT NOT NULL);
            CREATE INDEX ix_profile_imports_pending ON profile_imports (seq) WHERE status = 'pending';
            ALTER TABLE inbox ADD COLUMN error TEXT;
            """),
        (3, """
            CREATE TABLE timeline_days (
                day TEXT NOT NULL, journey TEXT NOT NULL, version INTEGER NOT NULL, step TEXT NOT NULL, kind TEXT NOT NULL,
                reason TEXT NOT NULL, channel TEXT NOT NULL, holdout INTEGER NOT NULL, variant TEXT NOT NULL, detail TEXT NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (day, journey, version, step, kind, reason, channel, holdout, variant, detail)) WITHOUT ROWID;
            """),
        (4, """
            CREATE TABLE audit (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,
                customer_id TEXT, origin TEXT, detail TEXT);
            CREATE INDEX ix_audit_at ON audit (at);
            CREATE INDEX ix_audit_customer ON audit (customer_id, seq);
            CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            """),
        (5, """
            CREATE TABLE contact_index (
                kind TEXT NOT NULL, hash TEXT NOT NULL, customer_id TEXT NOT NULL, PRIMARY KEY (kind, hash, customer_id)) WITHOUT ROWID;
            CREATE INDEX ix_contact_index_customer ON contact_index (customer_id);
            ALTER TABLE rejected ADD COLUMN customer_id TEXT;
            ALTER TABLE rejected ADD COLUMN digest TEXT;
            CREATE INDEX ix_rejected_customer ON rejected (customer_id) WHERE customer_id IS NOT NULL;
            """),
        (6, """
            ALTER TABLE rejected ADD COLUMN contact TEXT;
            CREATE INDEX ix_rejected_contact ON rejected (contact) WHERE contact IS NOT NULL;
            """),
    ];

    /// <summary>The version this program writes.</summary>
    public static int Latest => All[^1].Version;

    /// <summary>Brings the file up to <paramref name="target"/> (default: the latest); returns the version found before.</summary>
    public static int Apply(SqliteConnection connection, int? target = null)
    {
        var found = UserVersion(connection);
        var goal = target ?? Latest;
        if (found > Latest)
        {
            throw new InvalidOperationException($"{connection.DataSource}: schema version {found} is newer than this engage understands ({Latest}); upgrade engage");
        }

        foreach (var (version, sql) in All)
        {
            if (version <= found || version > goal)
            {
                continue;
            }

            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = sql + $"\nPRAGMA user_version = {version};";
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return found;
    }

    /// <summary>The file's schema version (0 for a new file).</summary>
    public static int UserVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

using Engagement.Engine.Catalog;
using Engagement.Engine.Delivery;
using Engagement.Engine.Serialization;
using Engagement.Engine.Tasks;
using Engagement.Local.Hosting;
using NodaTime;

namespace Engagement.Local.Storage;

/// <summary>The read side: every query of the API and the CLI, each on its own pooled connection (WAL: readers never wait for the writer).</summary>
public sealed class SqliteQueries(SqliteDatabase database)
{
    /// <summary>Queries on an existing file (<c>engage status</c>, <c>engage outbox</c>), migrating it when it is older.</summary>
    public static SqliteQueries OpenExisting(string path, FieldProtector? protector = null) => new(SqliteDatabase.OpenExisting(path, protector));

    /// <summary>The audit trail of this file, stamping entries with <paramref name="clock"/> (<c>engage audit</c>, <c>engage outbox</c>).</summary>
    public SqliteAuditTrail Audit(IClock clock) => new(database, clock);

    /// <summary>The status with timers due at or before <paramref name="gate"/> (ticks) counted as due.</summary>
    public HostStatus Status(long? gate) => Read(s => new HostStatus(
        PendingEvents: s.Long("SELECT COUNT(*) FROM inbox WHERE status = 'pending'"),
        ProcessedEvents: s.Long("SELECT value FROM stats WHERE name = 'processed_events'"),
        RejectedEvents: s.Long("SELECT COUNT(*) FROM rejected"),
        ScheduledTimers: s.Long("SELECT COUNT(*) FROM timers"),
        DueTimers: gate is null ? 0 : s.Long("SELECT COUNT(*) FROM timers WHERE due_at <= $g", ("$g", gate)),
        NextTimerAt: s.Scalar("SELECT MIN(due_at) FROM timers") is { } next ? Ticks.At(Convert.ToInt64(next, System.Globalization.CultureInfo.InvariantCulture)) : null,
        OutboxPending: s.Long("SELECT COUNT(*) FROM outbox WHERE state = 'pending'"),
        OutboxFailed: s.Long("SELECT COUNT(*) FROM outbox WHERE state = 'failed'"),
        ActiveEnrollments: s.Long("SELECT COUNT(*) FROM enrollments WHERE status <> 'exited'"),
        OpenTasks: s.Long("SELECT COUNT(*) FROM tasks")));

    /// <summary>Exactly-once totals.</summary>
    public StoreFigures Figures() => Read(s => new StoreFigures(
        s.Long("SELECT COUNT(*) FROM inbox WHERE origin = 'input'"),
        s.Long("SELECT COUNT(*) FROM inbox WHERE origin = 'input' AND status = 'processed'"),
        s.Long("SELECT COUNT(*) FROM inbox WHERE origin = 'emitted' AND status = 'processed'"),
        s.Long("SELECT COUNT(*) FROM inbox WHERE status = 'failed'"),
        s.Long("SELECT COUNT(*) FROM (SELECT DISTINCT source, line, coalesce(digest, raw) FROM rejected)"),
        s.Long("SELECT COUNT(*) FROM outbox"),
        s.Long("SELECT COUNT(DISTINCT ledger_key) FROM outbox"),
        s.Long("SELECT COUNT(*) FROM outbox WHERE state = 'delivered'"),
        s.Long("SELECT COUNT(*) FROM ledger WHERE status = 'sent'"),
        s.Long("SELECT COUNT(*) FROM timers")));

    /// <summary>The processor's stored virtual time, and whether the file was last served in virtual time.</summary>
    /// <summary>Whether the file was last served in virtual time, and the virtual time reached (ticks).</summary>
    public (bool Virtual, long Now) Clock() => Read(s => (
        s.Scalar("SELECT value FROM meta WHERE key = 'clock'") as string == "virtual",
        s.Long("SELECT value FROM stats WHERE name = 'virtual_now'")));

    /// <summary>The latest input event time (ticks).</summary>
    public long? LatestInputTime() => Read(s => s.Scalar("SELECT MAX(time) FROM inbox WHERE origin = 'input'") is { } v ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : (long?)null);

    /// <summary>Whether a profile or enrollment exists.</summary>
    public bool CustomerExists(string customerId) => Read(s =>
        s.Long("SELECT EXISTS (SELECT 1 FROM profiles WHERE customer_id = $c) OR EXISTS (SELECT 1 FROM enrollments WHERE customer_id = $c)", ("$c", customerId)) == 1);

    /// <summary>A customer's profile, enrollments and ledger.</summary>
    public CustomerView? Customer(string customerId) => Read(s =>
    {
        var profile = SqliteProfileStore.Read(s, customerId);
        var enrollments = SqliteEnrollmentStore.Read(s, customerId);
        var ledger = s.Query("SELECT json FROM ledger WHERE customer_id = $c ORDER BY id", r => EngineJson.Deserialize<LedgerEntry>(s.Open(r.GetString(0))), ("$c", customerId));
        return profile is null && enrollments.Count == 0 && ledger.Count == 0
            ? null
            : new CustomerView(profile ?? new Engine.Profiles.CustomerProfile { CustomerId = customerId }, enrollments, ledger);
    });

    /// <summary>
    /// The customers whose profile has this email or phone: through the blind index (a keyed hash) when the file has a key;
    /// in a plain-text file (no index key) by reading the profiles.
    /// </summary>
    public IReadOnlyList<string> CustomersByContact(string kind, string value) => Read(s =>
    {
        if (s.Protector.Index is { } index)
        {
            return index.Hash(kind, value) is { } hash
                ? s.Query("SELECT customer_id FROM contact_index WHERE kind = $k AND hash = $h ORDER BY customer_id", r => r.GetString(0), ("$k", kind), ("$h", hash))
                : [];
        }

        var wanted = BlindIndex.Normalise(kind, value);
        return wanted is null ? [] : s.Query("SELECT json FROM profiles ORDER BY customer_id", r => EngineJson.Deserialize<Engine.Profiles.CustomerProfile>(s.Open(r.GetString(0))))
            .Where(p => BlindIndex.Normalise(kind, kind == "email" ? p.Email : p.Phone) == wanted).Select(p => p.CustomerId).ToList();
    });

    /// <summary>Whether the file was last served with a key file, the key id of its last finished rotation, and the values still in plain text.</summary>
    public ProtectionStatus Protection() => Read(s => new ProtectionStatus(
        s.Scalar("SELECT value FROM meta WHERE key = 'protection'") as string == Hosting.EmbeddedHost.ProtectionEncrypted,
        s.Scalar("SELECT value FROM meta WHERE key = 'key_id'") as string,
        ProtectedColumns.All.Sum(c => s.Long($"SELECT COUNT(*) FROM {c.Table} WHERE {c.Column} IS NOT NULL AND {c.Column} NOT LIKE 'enc1:%' AND {c.Column} <> '{{}}'")),
        ProtectedColumns.All
            .SelectMany(c => s.Query(
                $"SELECT substr({c.Column}, 6, instr(substr({c.Column}, 6), ':') - 1) AS id, COUNT(*) FROM {c.Table} WHERE {c.Column} LIKE 'enc1:%' GROUP BY id",
                r => (Id: r.GetString(0), N: r.GetInt64(1))))
            .GroupBy(p => p.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.N), StringComparer.Ordinal)));

    /// <summary>Counts per journey version and step.</summary>
    public IReadOnlyList<JourneyReport> Journeys(JourneyCatalog catalog) => Read(s =>
    {
        var counts = s.Query("SELECT journey, version, step, kind, count FROM timeline_counts", r => (J: r.GetString(0), V: r.GetInt32(1), S: r.GetString(2), K: r.GetString(3), N: r.GetInt64(4)));
        var waiting = s.Query("SELECT journey_id, journey_version, step_id, COUNT(*) FROM enrollments WHERE status = 'waiting' GROUP BY journey_id, journey_version, step_id",
            r => (J: r.GetString(0), V: r.GetInt32(1), S: r.IsDBNull(2) ? string.Empty : r.GetString(2), N: r.GetInt32(3)));
        var totals = s.Query("SELECT journey_id, journey_version, SUM(status <> 'exited'), SUM(holdout) FROM enrollments GROUP BY journey_id, journey_version",
            r => (J: r.GetString(0), V: r.GetInt32(1), Active: r.GetInt32(2), Holdout: r.GetInt32(3)));
        return catalog.All.Select(j =>
        {
            var mine = counts.Where(c => c.J == j.Id && c.V == j.Version).ToList();
            var total = totals.FirstOrDefault(t => t.J == j.Id && t.V == j.Version);
            var steps = j.Steps.Values.OrderBy(v => v.Location.Line).ThenBy(v => v.Location.Column).ThenBy(v => v.Id, StringComparer.Ordinal).Select(v => v.Id).Select(step => new StepReport(
                step,
                waiting.Where(w => w.J == j.Id && w.V == j.Version && w.S == step).Sum(w => w.N),
                mine.Where(c => c.S == step).ToDictionary(c => c.K, c => c.N))).ToList();
            return new JourneyReport(j.Id, j.Version, j.Name, (int)mine.Where(c => c.K == "entered").Sum(c => c.N), total.Active, total.Holdout,
                (int)mine.Where(c => c.K == "goal").Sum(c => c.N), steps);
        }).ToList();
    });

    /// <summary>Tasks, newest first.</summary>
    public IReadOnlyList<TaskView> Tasks(TaskQuery query, Instant now) => Read(s => s.Query(
        "SELECT json FROM tasks WHERE ($q IS NULL OR queue = $q) AND ($c IS NULL OR customer_id = $c) ORDER BY seq DESC LIMIT $n",
        r =>
        {
            var task = EngineJson.Deserialize<HumanTask>(s.Open(r.GetString(0)));
            return new TaskView(task, task.Due is { } due && due < now);
        },
        ("$q", query.Queue), ("$c", query.CustomerId), ("$n", Math.Clamp(query.Limit, 1, 1000))));

    /// <summary>Outbox rows, oldest first, up to sequence number <paramref name="upTo"/> (the running host's rows on disk,
    /// <see cref="Hosting.StimulusProcessor.DurableOutboxSeq"/>).</summary>
    public IReadOnlyList<OutboxEntry> Outbox(OutboxQuery query, long upTo = long.MaxValue) => Read(s => s.Query(
        """
        SELECT o.seq, o.message, o.created_at, o.transport, o.state, o.attempts, o.last_error, o.delivered_at, o.ledger_key, o.channel, o.customer_id, l.journey, l.step
        FROM outbox o LEFT JOIN ledger l ON l.key = o.ledger_key
        WHERE o.seq > $after AND o.seq <= $upto AND ($c IS NULL OR o.customer_id = $c) AND ($ch IS NULL OR o.channel = $ch) ORDER BY o.seq LIMIT $n
        """,
        r => new OutboxEntry(r.GetInt64(0), Message(s, r), Ticks.At(r.GetInt64(2)), r.GetString(3), r.GetString(4),
            r.GetInt32(5), r.IsDBNull(6) ? null : Readable(s, r.GetString(6)), r.IsDBNull(7) ? null : Ticks.At(r.GetInt64(7))),
        ("$after", query.AfterSequence), ("$upto", upTo), ("$c", query.CustomerId), ("$ch", query.Channel), ("$n", Math.Clamp(query.Limit, 1, 1000))));

    /// <summary>What a command run without the key file shows in place of a protected value.</summary>
    public const string Encrypted = "(encrypted)";

    /// <summary>Whether this file's values are read with a key (false: <c>--insecure-plaintext</c>, or a command run without <c>--key-file</c>).</summary>
    public bool HasKey => database.Protector.Encrypts;

    private static string Readable(SqliteSession s, string stored) => s.Protector.TryUnprotect(stored, out var plain) ? plain! : Encrypted;

    private static OutboundMessage Message(SqliteSession s, SqliteRow r) => s.Protector.TryUnprotect(r.GetString(1), out var json)
        ? EngineJson.Deserialize<OutboundMessage>(json!)
        : new OutboundMessage
        {
            LedgerKey = r.GetString(8), Channel = r.GetString(9), CustomerId = r.GetString(10), To = Encrypted, Subject = Encrypted, Body = Encrypted,
            Journey = r.IsDBNull(11) ? Encrypted : r.GetString(11), Step = r.IsDBNull(12) ? Encrypted : r.GetString(12), Template = Encrypted, Locale = Encrypted,
        };

    internal T Read<T>(Func<SqliteSession, T> read)
    {
        // One read transaction: every count of a status comes from the same snapshot (WAL), however busy the writer is.
        using var session = database.Session();
        session.BeginRead();
        var result = read(session);
        session.Commit();
        return result;
    }
}

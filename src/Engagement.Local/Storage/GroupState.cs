using NodaTime;

namespace Engagement.Local.Storage;

/// <summary>
/// The stimulus processor's connection and what one group transaction carries besides its rows: the time of the stimulus being
/// handled, the agenda order counter shared by timers and emitted events, timeline counts and the processed-event count (both
/// written once at commit), and the read caches. Commit and rollback keep all of it in step with the database.
/// </summary>
internal sealed class GroupState : IDisposable
{
    /// <summary>Orders of timers and emitted events start here, above every input event (which have order 0).</summary>
    public const long FirstOrder = 1L << 40;

    private readonly Dictionary<(string Journey, int Version, string Step, string Kind), long> _counts = [];
    private readonly Dictionary<Reports.Facts.ReportFactKey, long> _days = [];
    private long _nextOrder;
    private long _processed;

    /// <summary>Takes ownership of <paramref name="session"/>; the profile and enrollment caches hold up to
    /// <paramref name="cacheCapacity"/> customers each, the owner cache four times as many enrollment ids, and up to
    /// <paramref name="handOverCapacity"/> events are handed over in memory (<see cref="HandedOver"/>).</summary>
    public GroupState(SqliteSession session, int cacheCapacity = 50_000, int handOverCapacity = HandedOverEvents.DefaultCapacity)
    {
        Session = session;
        HandedOver = new HandedOverEvents(handOverCapacity);
        Profiles = new GroupCache<Engine.Profiles.CustomerProfile>(cacheCapacity);
        Enrollments = new GroupCache<List<Journeys.Runtime.EnrollmentState>>(cacheCapacity);
        Owners = new GroupCache<string>(cacheCapacity * 4);
    }

    /// <summary>The processor's own connection; disposed with this state.</summary>
    public SqliteSession Session { get; }

    /// <summary>The time of the stimulus being handled.</summary>
    public Instant Now { get; set; }

    /// <summary>The id of the inbox event being handled, which this transaction read as pending (so it is not processed yet);
    /// null while handling anything else.</summary>
    public string? PendingEventId { get; set; }

    /// <summary>Profiles by customer id as this group has read or written them.</summary>
    public GroupCache<Engine.Profiles.CustomerProfile> Profiles { get; }

    /// <summary>A customer's enrollments in first-saved order (the lists are replaced, never changed in place).</summary>
    public GroupCache<List<Journeys.Runtime.EnrollmentState>> Enrollments { get; }

    /// <summary>Enrollment id → customer id.</summary>
    public GroupCache<string> Owners { get; }

    /// <summary>Events this processor wrote into the inbox, kept parsed until handled.</summary>
    public HandedOverEvents HandedOver { get; }

    /// <summary>Ledger entries reserved in this group and not written yet, by key in reservation order
    /// (<see cref="SqliteMessageLedger"/> writes them at commit, or before a query that must see them).</summary>
    public OrderedDictionary<string, Engine.Delivery.LedgerEntry> HeldReservations { get; } = new(StringComparer.Ordinal);

    /// <summary>A lower bound (ticks) on the due time of every timer in the table, or null when not known: the agenda skips its
    /// timers query while the bound is past its gate. Lowered by every timer scheduled (<see cref="TimerScheduled"/>), raised
    /// only by the agenda's own query, forgotten on rollback (a rolled-back delete brings a timer back).</summary>
    public long? TimersDueFrom { get; set; }

    /// <summary>As <see cref="TimersDueFrom"/>, for the pending emitted events in the inbox (<see cref="EventEmitted"/>).</summary>
    public long? EmittedDueFrom { get; set; }

    /// <summary>A timer due at <paramref name="dueTicks"/> was written in this group.</summary>
    public void TimerScheduled(long dueTicks) => TimersDueFrom = TimersDueFrom is { } bound ? Math.Min(bound, dueTicks) : null;

    /// <summary>An emitted event due at <paramref name="dueTicks"/> was written in this group.</summary>
    public void EventEmitted(long dueTicks) => EmittedDueFrom = EmittedDueFrom is { } bound ? Math.Min(bound, dueTicks) : null;

    /// <summary>Whether a group transaction is open.</summary>
    public bool InGroup => Session.Transaction is not null;

    /// <summary>Opens the group transaction, continues the agenda order from the stored <c>next_order</c>, and clears the counts.</summary>
    public void Begin()
    {
        Session.Begin();
        _nextOrder = Math.Max(FirstOrder, Session.Long("SELECT value FROM stats WHERE name = 'next_order'"));
        _counts.Clear();
        _days.Clear();
        _processed = 0;
    }

    /// <summary>The next agenda order for a timer or emitted event (never below <see cref="FirstOrder"/>; persisted at commit).</summary>
    public long NextOrder() => _nextOrder++;

    /// <summary>Adds one to the count of <paramref name="kind"/> at the step (table <c>timeline_counts</c>, written at commit).</summary>
    public void Count(string journey, int version, string step, string kind)
    {
        var key = (journey, version, step, kind);
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }

    /// <summary>Counts an entry by day, reason, channel, holdout and variant (table <c>timeline_days</c>, read by reports).</summary>
    public void CountDay(Reports.Facts.ReportFactKey key) => _days[key] = _days.GetValueOrDefault(key) + 1;

    /// <summary>Counts one input event processed (stat <c>processed_events</c>, added at commit).</summary>
    public void Processed() => _processed++;

    /// <summary>Writes the counters and commits.</summary>
    public void Commit()
    {
        SqliteMessageLedger.WriteHeld(this);
        foreach (var ((journey, version, step, kind), n) in _counts)
        {
            Session.Execute(
                "INSERT INTO timeline_counts (journey, version, step, kind, count) VALUES ($j, $v, $s, $k, $n) ON CONFLICT DO UPDATE SET count = count + excluded.count",
                ("$j", journey), ("$v", version), ("$s", step), ("$k", kind), ("$n", n));
        }

        foreach (var (k, n) in _days)
        {
            Session.Execute(
                """
                INSERT INTO timeline_days (day, journey, version, step, kind, reason, channel, holdout, variant, detail, count)
                VALUES ($d, $j, $v, $s, $k, $r, $c, $h, $x, $t, $n) ON CONFLICT DO UPDATE SET count = count + excluded.count
                """,
                ("$d", k.Day), ("$j", k.Journey), ("$v", k.Version), ("$s", k.Step), ("$k", k.Kind), ("$r", k.Reason), ("$c", k.Channel),
                ("$h", k.Holdout ? 1 : 0), ("$x", k.Variant), ("$t", k.Detail), ("$n", n));
        }

        AddStat("next_order", _nextOrder, replace: true);
        if (_processed > 0)
        {
            AddStat("processed_events", _processed, replace: false);
        }

        Session.Commit();
        HandedOver.Commit();
        Profiles.Commit();
        Enrollments.Commit();
        Owners.Commit();
        _counts.Clear();
        _days.Clear();
    }

    /// <summary>Rolls the transaction back and drops the caches' and counters' changes since <see cref="Begin"/>.</summary>
    public void Rollback()
    {
        Session.Rollback();
        HeldReservations.Clear();
        TimersDueFrom = null;
        EmittedDueFrom = null;
        HandedOver.Rollback();
        Profiles.Rollback();
        Enrollments.Rollback();
        Owners.Rollback();
        _counts.Clear();
        _days.Clear();
    }

    /// <summary>Sets (<paramref name="replace"/>) or adds to the stat <paramref name="name"/> in the open transaction.</summary>
    public void AddStat(string name, long value, bool replace) => Session.Execute(
        replace
            ? "INSERT INTO stats (name, value) VALUES ($n, $v) ON CONFLICT DO UPDATE SET value = excluded.value"
            : "INSERT INTO stats (name, value) VALUES ($n, $v) ON CONFLICT DO UPDATE SET value = value + excluded.value",
        ("$n", name), ("$v", value));

    /// <summary>Closes the connection (an open transaction is rolled back by SQLite).</summary>
    public void Dispose() => Session.Dispose();
}

using Engagement.Reports.Facts;
using NodaTime;

namespace Engagement.Local.Storage;

/// <summary>Reads the report counters (table <c>timeline_days</c>), the distinct recipients (from the ledger) and the delivery reports (from the inbox) of a serve database.</summary>
public static class SqliteReportFacts
{
    /// <summary>The facts inside <paramref name="period"/>.</summary>
    public static ReportFacts Read(SqliteQueries queries, ReportPeriod period, string source) => queries.Read(s =>
    {
        var from = period.From is { } f ? ReportPeriod.Text(f) : null;
        var to = period.To is { } t ? ReportPeriod.Text(t) : null;
        var facts = s.Query(
            """
            SELECT day, journey, version, step, kind, reason, channel, holdout, variant, detail, count FROM timeline_days
            WHERE ($f IS NULL OR day >= $f) AND ($t IS NULL OR day <= $t) ORDER BY day, journey
            """,
            r => new ReportFact(
                new ReportFactKey(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                    r.GetInt64(7) != 0, r.GetString(8), r.GetString(9)),
                r.GetInt64(10)),
            ("$f", from), ("$t", to));
        var fromTicks = period.From is { } f2 ? Ticks.Of(f2.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()) : (long?)null;
        var toTicks = period.To is { } t2 ? Ticks.Of(t2.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()) : (long?)null;
        var recipients = s.Query(
            """
            SELECT e.journey_id, e.journey_version, l.step, COUNT(DISTINCT l.customer_id) FROM ledger l
            JOIN enrollments e ON e.enrollment_id = substr(l.key, 1, instr(l.key, '/') - 1)
            WHERE l.status = 'sent' AND ($f IS NULL OR l.sent_at >= $f) AND ($t IS NULL OR l.sent_at < $t)
            GROUP BY e.journey_id, e.journey_version, l.step
            """,
            r => (Key: (r.GetString(0), r.GetInt32(1), r.GetString(2)), N: r.GetInt64(3)),
            ("$f", fromTicks), ("$t", toTicks));
        return new ReportFacts(source, period, facts, recipients.ToDictionary(x => x.Key, x => x.N))
        {
            Deliveries = SqliteDeliveryReports.Read(s, fromTicks, toTicks),
        };
    });

    /// <summary>The events (input and emitted, of the types the KPIs read) and profiles a database holds, for the retail KPIs.</summary>
    public static (IReadOnlyList<Journeys.Runtime.CustomerEvent> Events, IReadOnlyList<Engine.Profiles.CustomerProfile> Profiles) KpiSources(SqliteQueries queries) => queries.Read(s =>
    {
        var events = s.Query(
            """
            SELECT json FROM inbox WHERE type IN ('order.placed', 'survey.answered', 'complaint.opened', 'complaint.responded', 'complaint.resolved',
                'tier.upgraded', 'points.redeemed', 'customer.lifecycle.changed') ORDER BY time, seq
            """,
            r => Engine.Serialization.EngineJson.Deserialize<Journeys.Runtime.CustomerEvent>(s.Open(r.GetString(0))));
        var profiles = s.Query("SELECT json FROM profiles ORDER BY customer_id", r => Engine.Serialization.EngineJson.Deserialize<Engine.Profiles.CustomerProfile>(s.Open(r.GetString(0))));
        return ((IReadOnlyList<Journeys.Runtime.CustomerEvent>)events, (IReadOnlyList<Engine.Profiles.CustomerProfile>)profiles);
    });
}

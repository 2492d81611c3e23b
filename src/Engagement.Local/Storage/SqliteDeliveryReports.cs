using Engagement.Engine.Serialization;
using Engagement.Journeys.Runtime;
using Engagement.Reports.Facts;

namespace Engagement.Local.Storage;

/// <summary>
/// The delivery reports a serve database holds (<c>message.delivered</c>, <c>.opened</c>, <c>.clicked</c>, <c>.bounced</c> events in
/// its inbox, each naming its message by <c>data.ledgerKey</c>), counted per journey version and step: distinct messages per
/// report type, for reports dated inside the period. The step comes from the ledger, the version from the enrollment.
/// </summary>
internal static class SqliteDeliveryReports
{
    public static Dictionary<(string Journey, int Version, string Step), DeliveryCounts> Read(SqliteSession s, long? fromTicks, long? toTicks)
    {
        var reports = s.Query(
            "SELECT type, json FROM inbox WHERE type IN ($d, $o, $c, $b) AND ($f IS NULL OR time >= $f) AND ($t IS NULL OR time < $t)",
            r => (Type: r.GetString(0), Key: EngineJson.Deserialize<CustomerEvent>(s.Open(r.GetString(1))).Data["ledgerKey"].AsString()),
            ("$d", DeliveryCounts.EventTypes[0]), ("$o", DeliveryCounts.EventTypes[1]), ("$c", DeliveryCounts.EventTypes[2]), ("$b", DeliveryCounts.EventTypes[3]),
            ("$f", fromTicks), ("$t", toTicks));
        if (reports.Count == 0)
        {
            return [];
        }

        var steps = s.Query(
            """
            SELECT l.key, e.journey_id, e.journey_version, l.step FROM ledger l
            JOIN enrollments e ON e.enrollment_id = substr(l.key, 1, instr(l.key, '/') - 1)
            WHERE l.status = 'sent'
            """,
            r => (Key: r.GetString(0), Step: (r.GetString(1), r.GetInt32(2), r.GetString(3))))
            .ToDictionary(x => x.Key, x => x.Step, StringComparer.Ordinal);
        return reports
            .Where(r => r.Key is not null && steps.ContainsKey(r.Key))
            .Distinct()
            .GroupBy(r => steps[r.Key!])
            .ToDictionary(g => g.Key, g => DeliveryCounts.From(g.GroupBy(r => r.Type, StringComparer.Ordinal).ToDictionary(t => t.Key, t => (long)t.Count(), StringComparer.Ordinal)));
    }
}

using Engagement.Engine.Delivery;
using Engagement.Engine.Effects;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Serialization;
using Engagement.Engine.Tasks;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Local.Storage;

/// <summary>
/// Erasure in the SQLite file, inside the group transaction of the <c>customer.erased</c> event (so it commits with the exits,
/// the profile delete and the tombstone, or not at all), by <see cref="Erasure"/>'s rule:
/// <list type="bullet">
/// <item><c>inbox</c>: the customer's handled events keep id, type, customer id and time, their data becomes <c>{}</c>;
/// pending input events (later ones, e.g. a re-registration) are left alone; pending events the customer's journeys emitted
/// are dropped (status <c>processed</c>, error <c>erased</c>).</item>
/// <item><c>rejected</c>: lines of the customer (<see cref="Erasure.Mentions"/>, or whose event id is one of the customer's
/// inbox events, or that name one of the customer's contacts, by blind index entry) keep source, line, times, field and event id; raw becomes <c>[erased]</c>, the reason its code.</item>
/// <item><c>outbox</c>: recipient, subject and body become <c>[erased]</c>, headers are dropped, <c>last_error</c> keeps its
/// code; ledger key, channel, journey, step, template, timestamps and delivery state stay. A row still pending is not
/// handed to its transport any more (state <c>failed</c>, error <c>erased</c>).</item>
/// <item><c>tasks</c>: the title becomes <c>[erased]</c>. <c>ledger</c>: see <see cref="Erasure.Scrub(LedgerEntry)"/>.</item>
/// <item><c>profile_imports</c>: imported lines keep their hash (so feeding the same export again does not bring the customer
/// back) and customer id; the profile JSON becomes the bare id.</item>
/// </list>
/// </summary>
internal sealed class SqlitePersonalDataEraser(GroupState state) : IPersonalDataEraser
{
    public async ValueTask EraseAsync(string customerId, Instant now, CancellationToken cancellationToken)
    {
        var s = state.Session;
        var c = ("$c", (object?)customerId);
        state.HandedOver.Forget(customerId);

        // Events the customer's journeys emitted and that are still due would run after the erasure (and could enrol an erased
        // customer in another journey): they are dropped, marked processed with the error 'erased'.
        s.Execute("UPDATE inbox SET status = 'processed', processed_at = $now, error = $erased WHERE customer_id = $c AND origin = 'emitted' AND status = 'pending'",
            c, ("$now", Ticks.Of(now)), ("$erased", s.Seal(ExitReasons.Erased)));
        foreach (var (seq, json) in s.Query("SELECT seq, json FROM inbox WHERE customer_id = $c AND status <> 'pending'", r => (r.GetInt64(0), s.Open(r.GetString(1))), c))
        {
            var scrubbed = EngineJson.Serialize(Erasure.Scrub(EngineJson.Deserialize<CustomerEvent>(json)));
            if (scrubbed != json)
            {
                s.Execute("UPDATE inbox SET json = $j WHERE seq = $s", ("$j", s.Seal(scrubbed)), ("$s", seq));
            }
        }

        foreach (var (seq, raw, reason, byEvent) in s.Query(
            """
            SELECT seq, raw, reason, (event_id IS NOT NULL AND event_id IN (SELECT event_id FROM inbox WHERE customer_id = $c)) OR customer_id IS $c
                OR (contact IS NOT NULL AND contact IN (SELECT kind || ':' || hash FROM contact_index WHERE customer_id = $c)) FROM rejected
            WHERE raw <> $erased AND (customer_id IS $c OR (customer_id IS NULL AND raw NOT LIKE 'enc1:%' AND instr(raw, $c) > 0)
                OR event_id IN (SELECT event_id FROM inbox WHERE customer_id = $c)
                OR contact IN (SELECT kind || ':' || hash FROM contact_index WHERE customer_id = $c))
            """,
            r => (r.GetInt64(0), s.Open(r.GetString(1)), s.Open(r.GetString(2)), r.GetInt64(3) == 1), c, ("$erased", Erasure.Redacted)))
        {
            // The customer id column is filled whenever the line parsed far enough to name its customer, so encrypted lines are found without reading them.
            if (byEvent || Erasure.Mentions(raw, customerId))
            {
                s.Execute("UPDATE rejected SET raw = $raw, reason = $r, digest = $d WHERE seq = $s", ("$raw", s.Seal(Erasure.Redacted)), ("$d", s.Protector.Digest(Erasure.Redacted)), ("$r", s.Seal(Erasure.ReasonCode(reason) ?? Erasure.Redacted)), ("$s", seq));
            }
        }

        foreach (var (seq, message, error) in s.Query("SELECT seq, message, last_error FROM outbox WHERE customer_id = $c", r => (r.GetInt64(0), s.Open(r.GetString(1)), r.IsDBNull(2) ? null : s.Open(r.GetString(2))), c))
        {
            s.Execute(
                "UPDATE outbox SET message = $m, last_error = CASE WHEN state = 'pending' THEN $erased ELSE $e END, state = CASE WHEN state = 'pending' THEN 'failed' ELSE state END WHERE seq = $s",
                ("$m", s.Seal(EngineJson.Serialize(Erasure.Scrub(EngineJson.Deserialize<OutboundMessage>(message))))), ("$e", s.Seal(Erasure.ReasonCode(error))), ("$erased", s.Seal(ExitReasons.Erased)), ("$s", seq));
        }

        foreach (var (seq, json) in s.Query("SELECT seq, json FROM tasks WHERE customer_id = $c", r => (r.GetInt64(0), s.Open(r.GetString(1))), c))
        {
            s.Execute("UPDATE tasks SET json = $j WHERE seq = $s", ("$j", s.Seal(EngineJson.Serialize(Erasure.Scrub(EngineJson.Deserialize<HumanTask>(json))))), ("$s", seq));
        }

        var ledger = new SqliteMessageLedger(state);
        SqliteMessageLedger.WriteHeld(state); // reservations of this group are rows to scrub too
        foreach (var entry in s.Query("SELECT json FROM ledger WHERE customer_id = $c ORDER BY id", r => EngineJson.Deserialize<LedgerEntry>(s.Open(r.GetString(0))), c))
        {
            if (Erasure.Scrub(entry) is var scrubbed && !ReferenceEquals(scrubbed, entry))
            {
                await ledger.UpdateAsync(scrubbed, cancellationToken).ConfigureAwait(false);
            }
        }

        s.Execute("UPDATE profile_imports SET json = $j WHERE customer_id = $c AND status <> 'pending'",
            ("$j", s.Seal(EngineJson.Serialize(new CustomerProfile { CustomerId = customerId }))), c);
        s.Execute("DELETE FROM contact_index WHERE customer_id = $c", c);
    }
}

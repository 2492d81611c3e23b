using Engagement.Engine.Delivery;
using Engagement.Engine.Events;
using Engagement.Engine.Tasks;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NodaTime;

namespace Engagement.Engine.Effects;

/// <summary>
/// What a <c>customer.erased</c> event removes and what it leaves behind, in every host: the one place the rule is written.
/// Personal data goes: the profile (deleted), the event data kept in enrollment states, inbox rows and deferred sends, the
/// rendered messages' recipient, subject, body and headers, task titles, rejected input lines of the customer, and the free
/// text of provider answers. What proves what happened stays: ids (customer, enrollment, event, ledger and task keys),
/// journeys, versions, steps, channels, templates, statuses, reason codes, timestamps, counts and the tombstone. Pure.
/// </summary>
public static class Erasure
{
    /// <summary>The event type that erases a customer.</summary>
    public const string EventType = "customer.erased";

    /// <summary>What a redacted text field holds afterwards.</summary>
    public const string Redacted = "[erased]";

    /// <summary>The ledger tombstone that records the erasure (no personal data: the customer id and the event id only).</summary>
    public static LedgerEntry Tombstone(string customerId, string eventId, Instant now) => new()
    {
        Key = "erased/" + customerId, CustomerId = customerId, Journey = "-", Step = "erasure", Status = LedgerStatus.Erased,
        At = now, Reason = "erased:" + eventId,
    };

    /// <summary>The enrollment as an erasure leaves it when its instance could not exit by itself (a Durable instance terminated
    /// before it read its exit request): exited with reason <c>erased</c> at <paramref name="now"/>, no wake-up or awaited event,
    /// scrubbed. An enrollment already exited keeps its own exit and is only scrubbed.</summary>
    public static EnrollmentState ExitedByErasure(EnrollmentState state, Instant now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var exited = state.Status == EnrollmentStatus.Exited
            ? state
            : state with { Status = EnrollmentStatus.Exited, ExitReason = ExitReasons.Erased, ExitedAt = now, WakeAt = null, AwaitingEvent = null };
        return Scrub(exited);
    }

    /// <summary>Whether an enrollment was ended by an erasure.</summary>
    public static bool IsErased(EnrollmentState state) => state.Status == EnrollmentStatus.Exited && state.ExitReason == ExitReasons.Erased;

    /// <summary>The enrollment without personal data: its event (the trigger's or the last awaited event's data) becomes an
    /// empty object; ids, key, status, step, occurrences, variant, holdout and timestamps stay. The same instance when there is nothing to remove.</summary>
    public static EnrollmentState Scrub(EnrollmentState state) =>
        state.Event.Equals(Value.EmptyObject) ? state : state with { Event = Value.EmptyObject };

    /// <summary>The event as kept after erasure: id, type, customer id and time; its data becomes an empty object.</summary>
    public static CustomerEvent Scrub(CustomerEvent e) => e with { Data = Value.EmptyObject };

    /// <summary>A rendered message as kept after erasure: recipient, subject and body redacted, headers (unsubscribe links)
    /// dropped; ledger key, channel, customer, journey, step, template and locale stay.</summary>
    public static OutboundMessage Scrub(OutboundMessage message) => message with
    {
        To = Redacted, Subject = message.Subject is null ? null : Redacted, Body = Redacted, Headers = OutboundMessage.EmptyHeaders,
    };

    /// <summary>A task as kept after erasure: the rendered title redacted; key, journey, step, queue, priority and times stay.</summary>
    public static HumanTask Scrub(HumanTask task) => task with { Title = Redacted };

    /// <summary>
    /// A ledger entry as kept after erasure: the deferred send's event data is dropped, and a send still deferred will never go
    /// out (suppressed, reason <see cref="ExitReasons.Erased"/>: the enrollment it came from has exited); a reason keeps its code only
    /// (<see cref="ReasonCode"/>: a provider's answer may quote the address). The tombstone stays as it is.
    /// </summary>
    public static LedgerEntry Scrub(LedgerEntry entry) => entry.Status switch
    {
        LedgerStatus.Erased => entry,
        LedgerStatus.Deferred => entry with { Status = LedgerStatus.Suppressed, Reason = ExitReasons.Erased, Pending = null },
        _ => entry.Pending is null && entry.Reason == ReasonCode(entry.Reason) ? entry : entry with { Pending = null, Reason = ReasonCode(entry.Reason) },
    };

    /// <summary>A rejected input as kept after erasure: the raw text redacted, the reason cut to its code; source, times, field and event id stay.</summary>
    public static RejectedEvent Scrub(RejectedEvent rejected) => rejected with { Raw = Redacted, Reason = ReasonCode(rejected.Reason) ?? Redacted };

    /// <summary>The code of a reason or error text: what comes before the first ':' (<c>invalid-contact: 550 … jane@…</c> →
    /// <c>invalid-contact</c>); null stays null.</summary>
    public static string? ReasonCode(string? reason)
    {
        if (reason is null)
        {
            return null;
        }

        var colon = reason.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? reason : reason[..colon].Trim();
    }

    /// <summary>
    /// Whether a rejected raw line belongs to the customer. Conservative: a JSON object whose <c>customerId</c> is the id (event
    /// and profile lines), or — for text that is not valid JSON — the id as a quoted JSON string anywhere in it. A line that
    /// names the customer only in other fields (or with escapes in the id) is not matched.
    /// </summary>
    public static bool Mentions(string raw, string customerId)
    {
        ArgumentNullException.ThrowIfNull(raw);
        try
        {
            using var reader = new JsonTextReader(new StringReader(raw)) { DateParseHandling = DateParseHandling.None };
            return JToken.ReadFrom(reader) is JObject o && o["customerId"] is { Type: JTokenType.String } id && (string?)id == customerId;
        }
        catch (JsonException)
        {
            return raw.Contains(JsonConvert.ToString(customerId), StringComparison.Ordinal);
        }
    }
}

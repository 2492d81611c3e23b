using System.Globalization;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Events;

/// <summary>
/// The body of an ingest request, parsed: one event, or NDJSON (one event per line; blank lines ignored). Every line is checked
/// with <see cref="EventParser"/>; a problem names the line and the field, never the content (it may hold personal data).
/// Immutable.
/// </summary>
/// <param name="Events">The valid events, in input order.</param>
/// <param name="Problems">One text per rejected line: <c>line N: field: reason</c>.</param>
public sealed record IngestBatch(IReadOnlyList<CustomerEvent> Events, IReadOnlyList<string> Problems)
{
    /// <summary>Parses a request body, keeping every rejected line as a <see cref="RejectedEvent"/> through <paramref name="reject"/>;
    /// with a <paramref name="window"/>, an event dated outside it (against <paramref name="receivedAt"/>) is a rejected line (field <c>time</c>);
    /// with <paramref name="resolve"/>, a line without <c>customerId</c> may name its customer by contact (<see cref="EventParser"/>).</summary>
    public static IngestBatch Parse(string body, Action<RejectedEvent> reject, string source, NodaTime.Instant receivedAt, EventTimeWindow? window = null, CustomerByContact? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var events = new List<CustomerEvent>();
        var problems = new List<string>();
        var lines = body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (EventParser.TryParse(line, resolve, out var e, out var field, out var error))
            {
                error = window?.Check(e!.Time, receivedAt, "the time it was received,");
                if (error is null)
                {
                    events.Add(e!);
                    continue;
                }

                field = "time";
            }

            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            problems.Add($"line {number}: {field ?? "body"}: {error}");
            reject(new RejectedEvent($"{source}:{number}", receivedAt, line, field, error!, e?.Id));
        }

        return new IngestBatch(events, problems);
    }

    /// <summary>The contacts the lines of a request body name in place of a customer id (<see cref="EventParser.ContactNamed"/>),
    /// for <see cref="ContactPrefetch"/> before <see cref="Parse"/>.</summary>
    public static IReadOnlyList<(string Kind, string Value)> ContactsNamed(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var contacts = new List<(string Kind, string Value)>();
        foreach (var line in body.Split('\n'))
        {
            if (!string.IsNullOrWhiteSpace(line) && EventParser.ContactNamed(line.TrimEnd('\r')) is { } contact)
            {
                contacts.Add(contact);
            }
        }

        return contacts;
    }
}

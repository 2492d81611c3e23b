using System.Globalization;
using Engagement.Engine.Serialization;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Engagement.Engine.Events;

/// <summary>
/// Reads one event line <c>{ "id", "type", "customerId", "time", "data" }</c>. Strict: a problem names the field at fault and
/// what is expected, so a CRM integration can be fixed; unknown top-level fields are refused to protect data quality.
/// </summary>
public static class EventParser
{
    private static readonly string[] Fields = ["id", "type", "customerId", "time", "data"];

    /// <summary>Parses; on failure <paramref name="field"/> names the field at fault (null for malformed JSON) and <paramref name="error"/> says why.</summary>
    public static bool TryParse(string line, out CustomerEvent? customerEvent, out string? field, out string? error) =>
        TryParse(line, null, out customerEvent, out field, out error);

    /// <summary>
    /// As <see cref="TryParse(string, out CustomerEvent?, out string?, out string?)"/>; with <paramref name="resolve"/>, an event
    /// without <c>customerId</c> (absent or null) that names a contact in <c>data.email</c> or else <c>data.phone</c> is the
    /// event of the one customer with that contact (<see cref="ContactReference"/>); none or several refuse it (field <c>customerId</c>).
    /// </summary>
    public static bool TryParse(string line, CustomerByContact? resolve, out CustomerEvent? customerEvent, out string? field, out string? error)
    {
        customerEvent = null;
        field = null;
        if (InputLines.FirstInvalid(line) is var invalid and >= 0)
        {
            error = $"not valid UTF-8 at character {invalid + 1}: save the file as UTF-8";
            return false;
        }

        if (StreamingEventReader.TryRead(line, out customerEvent))
        {
            error = null;
            return true;
        }

        return TryParseStrict(line, resolve, out customerEvent, out field, out error);
    }

    /// <summary>The strict path: the line as a token tree, every rule checked in order, the first problem named. Lines the
    /// streaming reader declines come here; tests compare the two paths on the lines both accept.</summary>
    internal static bool TryParseStrict(string line, CustomerByContact? resolve, out CustomerEvent? customerEvent, out string? field, out string? error)
    {
        customerEvent = null;
        field = null;
        JObject o;
        try
        {
            var token = InputLineReader.Read(line);
            if (token is not JObject obj)
            {
                error = "an event must be a JSON object { \"id\", \"type\", \"customerId\", \"time\", \"data\" }";
                return false;
            }

            o = obj;
        }
        catch (JsonReaderException ex)
        {
            error = $"malformed JSON at position {ex.LinePosition + 1}: {ex.Message.Split(". Path")[0].TrimEnd('.')}";
            return false;
        }

        foreach (var p in o.Properties())
        {
            if (!Fields.Contains(p.Name))
            {
                field = p.Name;
                error = $"unknown field '{p.Name}': an event has id, type, customerId, time and data (put extra values in data)";
                return false;
            }
        }

        if (!Text(o, "id", "a unique event id, e.g. \"evt-123\"", out var id, ref field, out error)
            || !Text(o, "type", "an event type, e.g. \"order.placed\"", out var type, ref field, out error))
        {
            return false;
        }

        string? customerId = null;
        if (resolve is not null && o["customerId"] is null or { Type: JTokenType.Null })
        {
            customerId = ContactReference.Resolve(resolve, Contacts(o["data"] as JObject), "customerId", out var unresolved);
            if (unresolved is not null)
            {
                (field, error) = ("customerId", unresolved);
                return false;
            }
        }

        if ((customerId is null && !Text(o, "customerId", "the customer's id, e.g. \"c000123\"", out customerId, ref field, out error))
            || !Text(o, "time", "an ISO-8601 instant with Z or an offset, e.g. \"2026-03-01T09:00:00Z\"", out var time, ref field, out error))
        {
            return false;
        }

        if (!InstantText.TryParse(time, out var instant))
        {
            field = "time";
            error = $"'{time}' is not an instant: expected ISO-8601 with Z or an offset, e.g. \"2026-03-01T09:00:00Z\"";
            return false;
        }

        var data = o["data"];
        if (data is not null && data.Type != JTokenType.Object && data.Type != JTokenType.Null)
        {
            field = "data";
            error = "'data' must be an object { ... }";
            return false;
        }

        // Numbers beyond the double range (a 400-digit integer, 1e999) cannot be kept as values: refuse them by path.
        if (data is JObject dataObject && dataObject.DescendantsAndSelf().OfType<JValue>().FirstOrDefault(v => !IsFiniteNumber(v)) is { } huge)
        {
            field = huge.Path;
            error = $"'{huge.Path}' is out of range: expected a number between -1.7e308 and 1.7e308";
            return false;
        }

        customerEvent = new CustomerEvent(id!, type!, customerId!, instant, data is JObject d ? ValueJson.FromToken(d) : Value.EmptyObject);
        error = null;
        return true;
    }

    /// <summary>
    /// The contact a line would be resolved by (<see cref="TryParse(string, CustomerByContact?, out CustomerEvent?, out string?, out string?)"/>):
    /// for a JSON object without <c>customerId</c> (absent or null), the first of <c>data.email</c>, <c>data.phone</c> that holds
    /// text; otherwise null. Lets a host look contacts up asynchronously before parsing (<see cref="ContactPrefetch"/>).
    /// </summary>
    public static (string Kind, string Value)? ContactNamed(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        JObject o;
        try
        {
            if (InputLineReader.Read(line) is not JObject obj)
            {
                return null;
            }

            o = obj;
        }
        catch (JsonReaderException)
        {
            return null;
        }

        return o["customerId"] is null or { Type: JTokenType.Null } ? ContactReference.First(Contacts(o["data"] as JObject)) : null;
    }

    private static IEnumerable<(string Field, string Kind, string? Value)> Contacts(JObject? data)
    {
        foreach (var kind in (string[])["email", "phone"])
        {
            yield return ("data." + kind, kind, data?[kind] is JValue { Type: JTokenType.String or JTokenType.Integer } v ? v.ToString(CultureInfo.InvariantCulture) : null);
        }
    }

    private static bool IsFiniteNumber(JValue v) => v.Value switch
    {
        System.Numerics.BigInteger big => double.IsFinite(double.Parse(big.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
        double d => double.IsFinite(d),
        _ => true,
    };

    private static bool Text(JObject o, string name, string expected, out string? value, ref string? field, out string? error)
    {
        value = o[name]?.Type == JTokenType.String ? (string?)o[name] : null;
        if (!string.IsNullOrWhiteSpace(value))
        {
            error = null;
            return true;
        }

        field = name;
        error = o[name] is null ? $"'{name}' is missing: expected {expected}" : $"'{name}' must be non-empty text: expected {expected}";
        return false;
    }
}

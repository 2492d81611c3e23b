using Engagement.Engine.Timeline;
using Engagement.Journeys.Runtime;
using Newtonsoft.Json;

namespace Engagement.Reports.Facts;

/// <summary>Reads a timeline written by <c>engage simulate --out</c> (JSON Lines) back into entries, one line at a time.</summary>
public static class TimelineFile
{
    /// <summary>The entries of a file, lazily. A line that is not a timeline entry throws <see cref="FormatException"/> naming
    /// <c>file:line</c> and the field.</summary>
    public static IEnumerable<TimelineEntry> Read(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            TimelineEntry entry;
            try
            {
                entry = Parse(line);
            }
            catch (Exception ex) when (ex is JsonException or FormatException)
            {
                throw new FormatException($"{path}:{number}: {ex.Message}", ex);
            }

            yield return entry;
        }
    }

    /// <summary>One line as an entry.</summary>
    public static TimelineEntry Parse(string line)
    {
        using var reader = new JsonTextReader(new StringReader(line)) { DateParseHandling = DateParseHandling.None };
        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
        {
            throw new FormatException("not a JSON object");
        }

        string? at = null, kind = null, customer = null, journey = null, step = null, channel = null, template = null, locale = null, variant = null,
            reason = null, priority = null, detail = null, enrollment = null;
        int? version = null;
        bool? holdout = null;
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            reader.Read();
            switch (name)
            {
                case "version": version = Convert.ToInt32(reader.Value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "holdout": holdout = reader.Value is bool b ? b : throw new FormatException("holdout: expected true or false"); break;
                default:
                    var text = reader.TokenType == JsonToken.String ? (string)reader.Value! : reader.TokenType == JsonToken.Null ? null : throw new FormatException($"{name}: expected a string");
                    switch (name)
                    {
                        case "at": at = text; break;
                        case "kind": kind = text; break;
                        case "customerId": customer = text; break;
                        case "journey": journey = text; break;
                        case "step": step = text; break;
                        case "channel": channel = text; break;
                        case "template": template = text; break;
                        case "locale": locale = text; break;
                        case "variant": variant = text; break;
                        case "reason": reason = text; break;
                        case "priority": priority = text; break;
                        case "detail": detail = text; break;
                        case "enrollmentId": enrollment = text; break;
                    }

                    break;
            }
        }

        if (!InstantText.TryParse(at, out var instant))
        {
            throw new FormatException($"at: '{at}' is not an ISO-8601 instant");
        }

        if (kind is null || !Enum.TryParse<TimelineKind>(kind, ignoreCase: true, out var k) || !Enum.IsDefined(k) || kind.Any(char.IsDigit))
        {
            throw new FormatException($"kind: '{kind}' is not a timeline kind");
        }

        return new TimelineEntry
        {
            At = instant, Kind = k, CustomerId = customer, Journey = journey, Version = version, Step = step, Channel = channel, Template = template,
            Locale = locale, Variant = variant, Reason = reason, Priority = priority, Detail = detail, Holdout = holdout, EnrollmentId = enrollment,
        };
    }
}

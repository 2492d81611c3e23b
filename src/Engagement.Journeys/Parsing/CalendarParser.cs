using Engagement.Journeys.Definitions;
using Engagement.Journeys.Scheduling;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NodaTime;
using NodaTime.Text;

namespace Engagement.Journeys.Parsing;

/// <summary>
/// Reads a working-day calendar file (<c>calendars/cn.json</c>):
/// <c>{ "name": "cn", "weekend": ["sat", "sun"], "holidays": ["2026-10-01"], "workdays": ["2026-09-27"] }</c>.
/// </summary>
public static class CalendarParser
{
    private static readonly Dictionary<string, IsoDayOfWeek> Days = new()
    {
        ["mon"] = IsoDayOfWeek.Monday, ["tue"] = IsoDayOfWeek.Tuesday, ["wed"] = IsoDayOfWeek.Wednesday, ["thu"] = IsoDayOfWeek.Thursday,
        ["fri"] = IsoDayOfWeek.Friday, ["sat"] = IsoDayOfWeek.Saturday, ["sun"] = IsoDayOfWeek.Sunday,
    };

    /// <summary>Parses a calendar; all errors with file:line:column.</summary>
    public static bool TryParse(string path, string text, out WorkingCalendar? calendar, out IReadOnlyList<JourneyDiagnostic> diagnostics)
    {
        calendar = null;
        var source = new JsonSource(path);
        diagnostics = source.Errors;
        JObject o;
        try
        {
            o = JObject.Load(new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None }, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });
        }
        catch (JsonReaderException ex)
        {
            source.Errors.Add(new(new SourceLocation(path, Math.Max(1, ex.LineNumber), ex.LinePosition + 1), DiagnosticCodes.MalformedJson, $"malformed JSON: {ex.Message.Split(". Path")[0]}"));
            return false;
        }

        source.Fields(o, "a calendar", ["$schema", "name", "description", "weekend", "holidays", "workdays"]);
        var name = source.Text(o, "name", "a calendar", Presence.Required);
        var weekend = new List<IsoDayOfWeek>();
        foreach (var item in o["weekend"] as JArray ?? [])
        {
            if (item.Type == JTokenType.String && Days.TryGetValue((string)item!, out var day))
            {
                weekend.Add(day);
            }
            else
            {
                source.Error(item, DiagnosticCodes.BadTime, $"weekday {JsonSource.Describe(item)}: expected mon, tue, wed, thu, fri, sat or sun");
            }
        }

        var holidays = Dates(source, o, "holidays");
        var workdays = Dates(source, o, "workdays");
        if (source.Errors.Count > 0 || name is null)
        {
            return false;
        }

        calendar = new WorkingCalendar(o["weekend"] is null ? [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday] : weekend, holidays, workdays) { Name = name };
        return true;
    }

    private static List<LocalDate> Dates(JsonSource source, JObject o, string field)
    {
        var result = new List<LocalDate>();
        foreach (var item in o[field] as JArray ?? [])
        {
            var parsed = LocalDatePattern.Iso.Parse(item.ToString());
            if (item.Type == JTokenType.String && parsed.Success)
            {
                result.Add(parsed.Value);
            }
            else
            {
                source.Error(item, DiagnosticCodes.BadTime, $"{field}: {JsonSource.Describe(item)} is not a date: expected YYYY-MM-DD");
            }
        }

        return result;
    }
}

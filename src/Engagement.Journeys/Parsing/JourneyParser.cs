using System.Collections.Immutable;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Scheduling;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NodaTime;

namespace Engagement.Journeys.Parsing;

/// <summary>
/// Parses and validates a journey file: parse once, run many. Every problem of the file is returned at once as a
/// <see cref="JourneyDiagnostic"/> with file:line:column; nothing throws for bad input. Pure: takes the text, reads no files.
/// </summary>
public static class JourneyParser
{
    internal static readonly string[] JourneyFields =
        ["$schema", "id", "version", "name", "description", "category", "priority", "trigger", "reentry", "audience", "holdout",
         "exitOn", "goal", "maxDuration", "timeZone", "defaultLocale", "calendars", "start", "steps"];

    /// <summary>Parses <paramref name="text"/> read from <paramref name="path"/>.</summary>
    public static bool TryParse(string path, string text, JourneyParseContext context, out JourneyDefinition? journey, out IReadOnlyList<JourneyDiagnostic> diagnostics)
    {
        journey = null;
        var source = new JsonSource(path);
        diagnostics = source.Errors;
        JObject root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            var token = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
            if (token is not JObject o)
            {
                source.Error(token, DiagnosticCodes.WrongType, $"a journey file must hold one object {{ \"id\": ..., \"steps\": {{ ... }} }}, not {JsonSource.Describe(token)}");
                return false;
            }

            root = o;
        }
        catch (JsonReaderException ex)
        {
            source.Errors.Add(new(new SourceLocation(path, Math.Max(1, ex.LineNumber), ex.LinePosition + 1), DiagnosticCodes.MalformedJson,
                $"malformed JSON: {ex.Message.Split(" Path '")[0].Split(". Path")[0].TrimEnd('.')}"));
            return false;
        }

        source.Fields(root, "the journey", JourneyFields);
        var id = source.Text(root, "id", "the journey", Presence.Required);
        if (id is not null && !IsValidId(id))
        {
            source.Error(root["id"]!, DiagnosticCodes.InvalidId, $"id '{id}' may only use lower-case letters, digits and '-', e.g. \"complaint-recovery\"");
        }

        var version = source.Integer(root, "version", "the journey", Presence.Required, 1, int.MaxValue);
        var name = source.Text(root, "name", "the journey", Presence.Required);
        var description = source.Text(root, "description", "the journey", Presence.Optional);
        var category = Choice(source, root, "category", ["marketing", "transactional"], "marketing");
        var priority = source.Integer(root, "priority", "the journey", Presence.Optional, 0, 100) ?? 50;
        var holdout = source.Integer(root, "holdout", "the journey", Presence.Optional, 0, 100) ?? 0;
        var trigger = Trigger(source, root);
        var reentry = Reentry(source, root);
        var audience = source.Expression(root["audience"], "audience");
        var exitOn = ExitRules(source, root);
        var goal = Goal(source, root);
        var maxDuration = Duration(source, root["maxDuration"], "maxDuration");
        var timeZone = source.Text(root, "timeZone", "the journey", Presence.Optional);
        if (timeZone is not null && !TimeZones.IsValid(timeZone))
        {
            var hint = TimeZones.Suggest(timeZone);
            source.Error(root["timeZone"]!, DiagnosticCodes.BadTimeZone, $"unknown time zone '{timeZone}': expected an IANA id such as Asia/Shanghai{(hint is null ? string.Empty : $" (did you mean '{hint}'?)")}");
        }

        var defaultLocale = source.Text(root, "defaultLocale", "the journey", Presence.Optional) ?? "en";
        var calendars = Calendars(source, root, context);
        var start = source.Text(root, "start", "the journey", Presence.Required);
        var steps = StepParser.Steps(source, root, context, calendars);
        if (steps is not null && start is not null)
        {
            GraphValidator.Validate(source, root, start, steps);
        }

        if (source.Errors.Count > 0 || id is null || version is null || name is null || trigger is null || start is null || steps is null)
        {
            if (source.Errors.Count == 0)
            {
                source.Error(root, DiagnosticCodes.Missing, "the journey is incomplete: it needs id, version, name, trigger, start and steps");
            }

            return false;
        }

        journey = new JourneyDefinition
        {
            Id = id,
            Version = version.Value,
            Name = name,
            Description = description,
            Category = category == "transactional" ? JourneyCategory.Transactional : JourneyCategory.Marketing,
            Priority = priority,
            Trigger = trigger,
            Reentry = reentry,
            Audience = audience,
            Holdout = holdout,
            ExitOn = exitOn,
            Goal = goal,
            MaxDuration = maxDuration,
            TimeZone = timeZone,
            DefaultLocale = defaultLocale,
            Calendars = calendars,
            Start = start,
            Steps = steps,
            Location = source.At(root),
        };
        return true;
    }

    internal static string? Choice(JsonSource source, JObject o, string name, string[] allowed, string? fallback)
    {
        var text = source.Text(o, name, name, Presence.Optional);
        if (text is null)
        {
            return fallback;
        }

        if (allowed.Contains(text))
        {
            return text;
        }

        var hint = Expressions.Suggestions.Closest(text, allowed);
        source.Error(o[name]!, DiagnosticCodes.BadChoice, $"'{name}' is \"{text}\": expected one of {string.Join(", ", allowed)}{(hint is null ? string.Empty : $" (did you mean '{hint}'?)")}");
        return fallback;
    }

    internal static Period? Duration(JsonSource source, JToken? token, string name)
    {
        if (token is null)
        {
            return null;
        }

        string? error = "expected an ISO-8601 duration in text, such as \"P1D\"";
        if (token.Type == JTokenType.String && IsoDuration.TryParse((string)token!, out var period, out error))
        {
            return period;
        }

        source.Error(token, DiagnosticCodes.BadDuration, $"'{name}': {error}");
        return null;
    }

    private static TriggerDefinition? Trigger(JsonSource source, JObject root)
    {
        var o = source.Object(root, "trigger", "the journey", Presence.Required);
        if (o is null)
        {
            return null;
        }

        source.Fields(o, "the trigger", ["event", "when", "key"]);
        var events = new List<string>();
        switch (o["event"])
        {
            case null:
                source.Error(o, DiagnosticCodes.Missing, "the trigger needs 'event': an event type such as \"order.placed\", or a list of them");
                break;
            case JValue { Type: JTokenType.String } single when ((string)single!).Length > 0:
                events.Add((string)single!);
                break;
            case JArray list when list.Count > 0 && list.All(t => t.Type == JTokenType.String):
                events.AddRange(list.Select(t => (string)t!));
                break;
            case var other:
                source.Error(other, DiagnosticCodes.WrongType, $"'event' must be an event type or a non-empty list of them, not {JsonSource.Describe(other)}");
                break;
        }

        var when = source.Expression(o["when"], "trigger.when");
        var key = source.Expression(o["key"], "trigger.key");
        return events.Count == 0 ? null : new TriggerDefinition(events[0], when, key, source.At(o)) { AlsoOn = events.Skip(1).ToImmutableArray() };
    }

    private static ReentryPolicy Reentry(JsonSource source, JObject root)
    {
        var token = root["reentry"];
        if (token is JObject o)
        {
            source.Fields(o, "reentry", ["cooldown"]);
            var cooldown = Duration(source, o["cooldown"], "reentry.cooldown");
            if (o["cooldown"] is null)
            {
                source.Error(o, DiagnosticCodes.Missing, "reentry as an object needs 'cooldown', e.g. { \"cooldown\": \"P30D\" }");
            }

            return new ReentryPolicy(ReentryMode.Cooldown, cooldown);
        }

        return Choice(source, root, "reentry", ["always", "never", "afterExit", "restart"], "afterExit") switch
        {
            "always" => new ReentryPolicy(ReentryMode.Always),
            "never" => new ReentryPolicy(ReentryMode.Never),
            "restart" => new ReentryPolicy(ReentryMode.Restart),
            _ => ReentryPolicy.Default,
        };
    }

    private static ImmutableArray<ExitRule> ExitRules(JsonSource source, JObject root)
    {
        if (root["exitOn"] is null)
        {
            return ImmutableArray<ExitRule>.Empty;
        }

        if (root["exitOn"] is not JArray list)
        {
            source.Error(root["exitOn"]!, DiagnosticCodes.WrongType, "'exitOn' must be a list such as [ { \"event\": \"customer.erased\" } ]");
            return ImmutableArray<ExitRule>.Empty;
        }

        var rules = ImmutableArray.CreateBuilder<ExitRule>();
        foreach (var item in list)
        {
            if (item is not JObject o)
            {
                source.Error(item, DiagnosticCodes.WrongType, "each exitOn rule must be an object { \"event\": ..., \"when\": ..., \"reason\": ... }");
                continue;
            }

            source.Fields(o, "an exitOn rule", ["event", "when", "reason"]);
            var type = source.Text(o, "event", "an exitOn rule", Presence.Required);
            var when = source.Expression(o["when"], "exitOn.when");
            var reason = source.Text(o, "reason", "an exitOn rule", Presence.Optional);
            if (type is not null)
            {
                rules.Add(new ExitRule(type, when, reason ?? ExitReasons.ExitOn(type)));
            }
        }

        return rules.ToImmutable();
    }

    private static GoalDefinition? Goal(JsonSource source, JObject root)
    {
        var o = source.Object(root, "goal", "the journey", Presence.Optional);
        if (o is null)
        {
            return null;
        }

        source.Fields(o, "the goal", ["event", "when", "within", "exit"]);
        var type = source.Text(o, "event", "the goal", Presence.Required);
        var when = source.Expression(o["when"], "goal.when");
        var within = Duration(source, o["within"], "goal.within");
        var exit = o["exit"] switch
        {
            null => false,
            JValue { Type: JTokenType.Boolean } b => (bool)b!,
            var other => Fail(source, other, "'exit' must be true or false"),
        };
        return type is null ? null : new GoalDefinition(type, when, within, exit);
    }

    private static ImmutableDictionary<string, WorkingCalendar> Calendars(JsonSource source, JObject root, JourneyParseContext context)
    {
        var result = ImmutableDictionary.CreateBuilder<string, WorkingCalendar>(StringComparer.Ordinal);
        if (root["calendars"] is null)
        {
            return result.ToImmutable();
        }

        foreach (var item in root["calendars"] as JArray ?? [])
        {
            var name = item.Type == JTokenType.String ? (string)item! : null;
            if (name is not null && context.Calendars.TryGetValue(name, out var calendar))
            {
                result[name] = calendar;
            }
            else
            {
                source.Error(item, DiagnosticCodes.UnknownCalendar, $"unknown calendar {JsonSource.Describe(item)}: expected one of the files in calendars/ ({string.Join(", ", context.Calendars.Keys.Order())})");
            }
        }

        if (root["calendars"] is not JArray)
        {
            source.Error(root["calendars"]!, DiagnosticCodes.WrongType, "'calendars' must be a list of calendar names, e.g. [\"cn\"]");
        }

        return result.ToImmutable();
    }

    private static bool Fail(JsonSource source, JToken token, string message)
    {
        source.Error(token, DiagnosticCodes.WrongType, message);
        return false;
    }

    /// <summary><c>[a-z0-9]+(-[a-z0-9]+)*</c>, checked by hand: generated regex code would reference the environment.</summary>
    private static bool IsValidId(string id) =>
        id.Length > 0 && id[0] != '-' && id[^1] != '-' && !id.Contains("--", StringComparison.Ordinal)
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}

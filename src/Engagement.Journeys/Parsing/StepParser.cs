using System.Collections.Immutable;
using Engagement.Journeys.Channels;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Expressions;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Scheduling;
using Engagement.Journeys.Values;
using Newtonsoft.Json.Linq;
using NodaTime;

namespace Engagement.Journeys.Parsing;

/// <summary>Parses the <c>steps</c> object: one reader per step type, every error collected.</summary>
internal static class StepParser
{
    internal static readonly string[] Types = [.. StepKinds.All];
    internal static readonly IReadOnlyDictionary<string, string[]> FieldsByType = new Dictionary<string, string[]>
    {
        [StepKinds.Send] = ["type", "description", "channel", "template", "fallback", "next"],
        [StepKinds.Wait] = ["type", "description", "duration", "until", "annual", "at", "offset", "leapDay", "onMissing", "days", "workingDays", "calendar", "next"],
        [StepKinds.WaitForEvent] = ["type", "description", "event", "match", "timeout", "next", "onTimeout"],
        [StepKinds.Branch] = ["type", "description", "cases", "otherwise"],
        [StepKinds.Split] = ["type", "description", "variants"],
        [StepKinds.Update] = ["type", "description", "set", "tags", "emit", "next"],
        [StepKinds.Task] = ["type", "description", "queue", "title", "due", "priority", "next"],
        [StepKinds.Exit] = ["type", "description", "reason"],
    };

    private static readonly Dictionary<string, IsoDayOfWeek> Weekdays = new()
    {
        ["mon"] = IsoDayOfWeek.Monday, ["tue"] = IsoDayOfWeek.Tuesday, ["wed"] = IsoDayOfWeek.Wednesday, ["thu"] = IsoDayOfWeek.Thursday,
        ["fri"] = IsoDayOfWeek.Friday, ["sat"] = IsoDayOfWeek.Saturday, ["sun"] = IsoDayOfWeek.Sunday,
    };

    /// <summary>Every step reference with where it was written, for the graph checks.</summary>
    internal sealed record Reference(string From, string Target, JToken Token);

    /// <summary>The journey's steps by id, from the required <c>steps</c> object of <paramref name="root"/>; a step that fails
    /// to parse is left out (its errors are on <paramref name="source"/>). Null when <c>steps</c> is missing or not an object.</summary>
    public static ImmutableDictionary<string, StepDefinition>? Steps(JsonSource source, JObject root, JourneyParseContext context, IReadOnlyDictionary<string, WorkingCalendar> calendars)
    {
        var o = source.Object(root, "steps", "the journey", Presence.Required);
        if (o is null)
        {
            return null;
        }

        var steps = ImmutableDictionary.CreateBuilder<string, StepDefinition>(StringComparer.Ordinal);
        foreach (var property in o.Properties())
        {
            if (property.Value is not JObject step)
            {
                source.Error(property.Value, DiagnosticCodes.WrongType, $"step '{property.Name}' must be an object with a \"type\"");
                continue;
            }

            var parsed = Step(source, property.Name, step, context, calendars);
            if (parsed is not null)
            {
                steps[property.Name] = parsed;
            }
        }

        if (o.Count == 0)
        {
            source.Error(o, DiagnosticCodes.Missing, "'steps' is empty: a journey needs at least one step");
        }

        return steps.ToImmutable();
    }

    private static StepDefinition? Step(JsonSource source, string id, JObject o, JourneyParseContext context, IReadOnlyDictionary<string, WorkingCalendar> calendars)
    {
        var where = $"step '{id}'";
        var type = JourneyParser.Choice(source, o, "type", Types, null);
        if (o["type"] is null)
        {
            source.Error(o, DiagnosticCodes.Missing, $"{where} needs 'type': one of {string.Join(", ", Types)}");
        }

        if (type is null)
        {
            return null;
        }

        source.Fields(o, $"a {type} step", FieldsByType[type]);
        var location = source.At(o.Parent!);
        string? Next(string name = "next") => source.Text(o, name, where, Presence.Required);
        switch (type)
        {
            case StepKinds.Send:
                string[] channels = [.. context.Channels.Names, ChannelRegistry.Preferred];
                var channel = JourneyParser.Choice(source, o, "channel", channels, null);
                if (o["channel"] is null)
                {
                    source.Error(o, DiagnosticCodes.Missing, $"{where} needs 'channel': one of {string.Join(", ", channels)}");
                }

                var template = source.Text(o, "template", where, Presence.Required);
                if (template is not null && context.KnownTemplates is { } known && !known.Contains(template))
                {
                    var hint = Suggestions.Closest(template, known);
                    source.Error(o["template"]!, DiagnosticCodes.UnknownTemplate, $"unknown template '{template}': no file templates/{template}.<channel>.<locale>.liquid{(hint is null ? string.Empty : $" (did you mean '{hint}'?)")}");
                }

                var fallback = ChannelList(source, o, context.Channels);
                var next = Next();
                return channel is null || template is null || next is null ? null : new SendStep(id, location, channel, template, fallback, next);
            case StepKinds.Wait:
                return Wait(source, id, o, location, calendars);
            case StepKinds.WaitForEvent:
                var awaited = source.Text(o, "event", where, Presence.Required);
                var match = source.Expression(o["match"], $"steps.{id}.match");
                Period? timeout = null;
                WorkingDaysWait? sla = null;
                if (o["timeout"] is null)
                {
                    source.Error(o, DiagnosticCodes.MissingTimeout, $"{where} waits for '{awaited}' without 'timeout': every waitForEvent needs one, e.g. \"timeout\": \"P3D\" with \"onTimeout\"");
                }
                else if (o["timeout"] is JObject slaObject)
                {
                    source.Fields(slaObject, "a working-day timeout", ["workingDays", "calendar"]);
                    var days = source.Integer(slaObject, "workingDays", "a working-day timeout", Presence.Required, 1, 365);
                    var calendar = CalendarName(source, slaObject, calendars);
                    sla = days is null || calendar is null ? null : new WorkingDaysWait(days.Value, calendar);
                    timeout = Period.Zero;
                }
                else
                {
                    timeout = JourneyParser.Duration(source, o["timeout"], $"steps.{id}.timeout");
                }

                var afterEvent = Next();
                var onTimeout = Next("onTimeout");
                return awaited is null || timeout is null || afterEvent is null || onTimeout is null
                    ? null
                    : new WaitForEventStep(id, location, awaited, match, timeout, afterEvent, onTimeout) { WorkingDaysTimeout = sla };
            case StepKinds.Branch:
                var cases = ImmutableArray.CreateBuilder<BranchCase>();
                foreach (var item in o["cases"] as JArray ?? [])
                {
                    if (item is not JObject c)
                    {
                        source.Error(item, DiagnosticCodes.WrongType, "each case must be an object { \"when\": ..., \"next\": ... }");
                        continue;
                    }

                    source.Fields(c, "a branch case", ["when", "next"]);
                    var when = source.Expression(c["when"], $"steps.{id}.cases.when");
                    if (c["when"] is null)
                    {
                        source.Error(c, DiagnosticCodes.Missing, "a branch case needs 'when'");
                    }

                    var target = source.Text(c, "next", "a branch case", Presence.Required);
                    if (when is not null && target is not null)
                    {
                        cases.Add(new BranchCase(when, target));
                    }
                }

                if (o["cases"] is not JArray { Count: > 0 })
                {
                    source.Error(o["cases"] ?? o, DiagnosticCodes.Missing, $"{where} needs 'cases': a non-empty list of {{ \"when\", \"next\" }}");
                }

                var otherwise = Next("otherwise");
                return otherwise is null ? null : new BranchStep(id, location, cases.ToImmutable(), otherwise);
            case StepKinds.Split:
                var variants = ImmutableArray.CreateBuilder<SplitVariant>();
                foreach (var item in o["variants"] as JArray ?? [])
                {
                    if (item is not JObject v)
                    {
                        source.Error(item, DiagnosticCodes.WrongType, "each variant must be an object { \"name\", \"weight\", \"next\" }");
                        continue;
                    }

                    source.Fields(v, "a split variant", ["name", "weight", "next"]);
                    var name = source.Text(v, "name", "a split variant", Presence.Required);
                    var weight = source.Integer(v, "weight", "a split variant", Presence.Required, 1, 1_000_000);
                    var target = source.Text(v, "next", "a split variant", Presence.Required);
                    if (name is not null && weight is not null && target is not null)
                    {
                        variants.Add(new SplitVariant(name, weight.Value, target));
                    }
                }

                if (o["variants"] is not JArray { Count: > 0 })
                {
                    source.Error(o["variants"] ?? o, DiagnosticCodes.Missing, $"{where} needs 'variants': a non-empty list of {{ \"name\", \"weight\", \"next\" }}");
                }

                return variants.Count == 0 ? null : new SplitStep(id, location, variants.ToImmutable());
            case StepKinds.Update:
                return Update(source, id, o, location);
            case StepKinds.Task:
                var queue = source.Text(o, "queue", where, Presence.Required);
                var title = source.Text(o, "title", where, Presence.Required);
                var due = JourneyParser.Duration(source, o["due"], $"steps.{id}.due");
                var priority = JourneyParser.Choice(source, o, "priority", ["low", "normal", "high", "urgent"], "normal")!;
                var afterTask = Next();
                return queue is null || title is null || afterTask is null ? null : new TaskStep(id, location, queue, title, due, priority, afterTask);
            case StepKinds.Exit:
                return new ExitStep(id, location, source.Text(o, "reason", where, Presence.Optional) ?? ExitReasons.Completed);
            default:
                throw new InvalidOperationException($"step kind '{type}' is listed in StepKinds but has no reader in StepParser");
        }
    }

    private static ImmutableArray<string> ChannelList(JsonSource source, JObject o, ChannelRegistry registry)
    {
        if (o["fallback"] is null)
        {
            return ImmutableArray<string>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var item in o["fallback"] as JArray ?? [])
        {
            var c = item.Type == JTokenType.String ? (string)item! : null;
            if (c is not null && registry.Contains(c))
            {
                result.Add(c);
            }
            else
            {
                source.Error(item, DiagnosticCodes.BadChoice, $"fallback channel {JsonSource.Describe(item)}: expected {registry.Describe()}");
            }
        }

        if (o["fallback"] is not JArray)
        {
            source.Error(o["fallback"]!, DiagnosticCodes.WrongType, "'fallback' must be a list of channels, e.g. [\"email\", \"sms\"]");
        }

        return result.ToImmutable();
    }

    private static StepDefinition? Wait(JsonSource source, string id, JObject o, SourceLocation location, IReadOnlyDictionary<string, WorkingCalendar> calendars)
    {
        var where = $"step '{id}'";
        var forms = new[] { "duration", "until", "workingDays" }.Where(f => o[f] is not null).ToList();
        if (forms.Count == 0 && o["at"] is not null)
        {
            forms.Add("at");
        }

        if (forms.Count != 1)
        {
            source.Error(o, DiagnosticCodes.AmbiguousWait, $"{where} needs exactly one of: \"duration\", \"until\" (a profile date), \"at\" (a time of day, with optional \"days\"), or \"workingDays\"{(forms.Count > 1 ? $"; it has {string.Join(" and ", forms)}" : string.Empty)}");
            return null;
        }

        var next = source.Text(o, "next", where, Presence.Required);
        WaitSchedule? schedule = forms[0] switch
        {
            "duration" => JourneyParser.Duration(source, o["duration"], $"steps.{id}.duration") is { } p ? new DurationWait(p) : null,
            "workingDays" => source.Integer(o, "workingDays", where, Presence.Required, 1, 365) is { } days && CalendarName(source, o, calendars) is { } cal ? new WorkingDaysWait(days, cal) : null,
            "at" => TimeOfDay(source, o) is { } t ? new TimeOfDayWait(t, Days(source, o)) : null,
            _ => DateWait(source, id, o),
        };
        return schedule is null || next is null ? null : new WaitStep(id, location, schedule, next);
    }

    private static DateWait? DateWait(JsonSource source, string id, JObject o)
    {
        var until = source.Text(o, "until", $"step '{id}'", Presence.Required);
        if (until is null || !until.StartsWith("profile.", StringComparison.Ordinal) || until.Length <= 8)
        {
            if (until is not null)
            {
                source.Error(o["until"]!, DiagnosticCodes.WrongType, $"'until' is \"{until}\": expected a profile date such as \"profile.birthday\"");
            }

            return null;
        }

        var annual = o["annual"]?.Type == JTokenType.Boolean && (bool)o["annual"]!;
        var at = o["at"] is null ? new LocalTime(9, 0) : TimeOfDay(source, o);
        var offset = 0;
        if (o["offset"] is { } offsetToken && !(offsetToken.Type == JTokenType.String && IsoDuration.TryParseDayOffset((string)offsetToken!, out offset, out _)))
        {
            source.Error(offsetToken, DiagnosticCodes.BadDuration, $"'offset' must be whole days or weeks, before (-P30D) or after (P1D) the date, not {JsonSource.Describe(offsetToken)}");
        }

        var leap = JourneyParser.Choice(source, o, "leapDay", ["feb28", "mar1"], "feb28") == "mar1" ? LeapDayRule.March1 : LeapDayRule.February28;
        var onMissing = source.Text(o, "onMissing", $"step '{id}'", Presence.Optional);
        return at is null ? null : new DateWait(until["profile.".Length..], annual, at.Value, offset, leap, onMissing);
    }

    private static LocalTime? TimeOfDay(JsonSource source, JObject o)
    {
        var token = o["at"]!;
        if (token.Type == JTokenType.String && LocalTimes.TryParse((string)token!, out var time))
        {
            return time;
        }

        source.Error(token, DiagnosticCodes.BadTime, $"'at' is {JsonSource.Describe(token)}: expected a local time of day such as \"09:00\" (00:00 to 23:59)");
        return null;
    }

    private static ImmutableArray<IsoDayOfWeek> Days(JsonSource source, JObject o)
    {
        var result = ImmutableArray.CreateBuilder<IsoDayOfWeek>();
        foreach (var item in o["days"] as JArray ?? [])
        {
            if (item.Type == JTokenType.String && Weekdays.TryGetValue(((string)item!).ToLowerInvariant(), out var day))
            {
                result.Add(day);
            }
            else
            {
                source.Error(item, DiagnosticCodes.BadTime, $"weekday {JsonSource.Describe(item)}: expected mon, tue, wed, thu, fri, sat or sun");
            }
        }

        return result.ToImmutable();
    }

    private static string? CalendarName(JsonSource source, JObject o, IReadOnlyDictionary<string, WorkingCalendar> calendars)
    {
        var name = source.Text(o, "calendar", "a working-day wait", Presence.Required);
        if (name is not null && !calendars.ContainsKey(name))
        {
            source.Error(o["calendar"]!, DiagnosticCodes.UnknownCalendar, $"calendar '{name}' is not listed in the journey's \"calendars\" (or has no file in calendars/)");
            return null;
        }

        return name;
    }

    private static StepDefinition? Update(JsonSource source, string id, JObject o, SourceLocation location)
    {
        var set = Assignments(source, id, source.Object(o, "set", $"step '{id}'", Presence.Optional), "set");
        var add = ImmutableArray<string>.Empty;
        var remove = ImmutableArray<string>.Empty;
        if (source.Object(o, "tags", $"step '{id}'", Presence.Optional) is { } tags)
        {
            source.Fields(tags, "tags", ["add", "remove"]);
            add = (tags["add"] as JArray ?? []).Select(t => t.ToString()).ToImmutableArray();
            remove = (tags["remove"] as JArray ?? []).Select(t => t.ToString()).ToImmutableArray();
        }

        EmitDefinition? emit = null;
        if (source.Object(o, "emit", $"step '{id}'", Presence.Optional) is { } e)
        {
            source.Fields(e, "emit", ["type", "data"]);
            var type = source.Text(e, "type", "emit", Presence.Required);
            var data = Assignments(source, id, source.Object(e, "data", "emit", Presence.Optional), "emit.data");
            emit = type is null ? null : new EmitDefinition(type, data);
        }

        var next = source.Text(o, "next", $"step '{id}'", Presence.Required);
        return next is null ? null : new UpdateStep(id, location, set, add, remove, emit, next);
    }

    /// <summary>In <c>set</c> and <c>emit.data</c> text is an expression; numbers, booleans and null are literals.</summary>
    private static ImmutableDictionary<string, Expression> Assignments(JsonSource source, string id, JObject? o, string what)
    {
        var result = ImmutableDictionary.CreateBuilder<string, Expression>(StringComparer.Ordinal);
        foreach (var p in o?.Properties() ?? [])
        {
            var expression = p.Value.Type switch
            {
                JTokenType.String => source.Expression(p.Value, $"steps.{id}.{what}.{p.Name}"),
                JTokenType.Integer or JTokenType.Float or JTokenType.Boolean or JTokenType.Null =>
                    Expression.Literal(ValueJson.FromToken(p.Value), p.Value.ToString(Newtonsoft.Json.Formatting.None)),
                _ => Invalid(source, p.Value, $"'{p.Name}' must be an expression in text, a number, true, false or null"),
            };
            if (expression is not null)
            {
                result[p.Name] = expression;
            }
        }

        return result.ToImmutable();
    }

    private static Expression? Invalid(JsonSource source, JToken token, string message)
    {
        source.Error(token, DiagnosticCodes.WrongType, message);
        return null;
    }
}

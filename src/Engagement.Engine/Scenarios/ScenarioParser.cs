using System.Collections.Immutable;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Parsing;
using Engagement.Journeys.Runtime;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NodaTime;
using NodaTime.Text;

namespace Engagement.Engine.Scenarios;

/// <summary>
/// Reads <c>*.scenarios.json</c> files. Errors are values with file:line:column; every error of a file is reported.
/// When a suite names exactly one journey, expectations without a <c>journey</c> refer to it.
/// </summary>
public static class ScenarioParser
{
    private static readonly string[] SuiteFields = ["$schema", "journeys", "scenarios"];
    private static readonly string[] ScenarioFields = ["name", "description", "profiles", "events", "until", "holdout", "expect", "expectNot"];
    private static readonly string[] ExpectationFields =
        ["kind", "customerId", "journey", "step", "channel", "template", "locale", "variant", "reason", "priority", "detail", "at", "tolerance", "after", "before", "count"];

    /// <summary>Parses a suite.</summary>
    public static bool TryParse(string path, string text, out ScenarioSuite? suite, out IReadOnlyList<JourneyDiagnostic> diagnostics) =>
        TryParse(path, text, null, out suite, out diagnostics);

    /// <summary>Parses a suite; with <paramref name="knownJourneys"/>, journey ids it does not hold are errors (SCN009) with a did-you-mean.</summary>
    public static bool TryParse(string path, string text, IReadOnlySet<string>? knownJourneys, out ScenarioSuite? suite, out IReadOnlyList<JourneyDiagnostic> diagnostics)
    {
        var errors = new List<JourneyDiagnostic>();
        suite = null;
        JObject root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            root = JObject.Load(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, CommentHandling = CommentHandling.Ignore });
        }
        catch (JsonReaderException ex)
        {
            errors.Add(new(new SourceLocation(path, ex.LineNumber, Math.Max(1, ex.LinePosition)), "SCN001", $"malformed JSON: {ex.Message.Split(" Path ")[0]}"));
            diagnostics = errors;
            return false;
        }

        Unknown(path, root, SuiteFields, errors);
        var journeys = root["journeys"] is JArray js ? js.Select(j => j.ToString()).ToImmutableArray() : ImmutableArray<string>.Empty;
        if (knownJourneys is not null)
        {
            foreach (var j in root["journeys"] as JArray ?? [])
            {
                KnownJourney(path, j, knownJourneys, errors);
            }
        }

        var defaultJourney = journeys.Length == 1 ? journeys[0] : null;
        var scenarios = ImmutableArray.CreateBuilder<Scenario>();
        if (root["scenarios"] is not JArray list || list.Count == 0)
        {
            errors.Add(Error(path, root["scenarios"] ?? root, "SCN002", "'scenarios' must be a non-empty array of scenarios"));
        }
        else
        {
            foreach (var item in list)
            {
                if (item is JObject o)
                {
                    scenarios.Add(ParseScenario(path, o, defaultJourney, knownJourneys, errors));
                }
                else
                {
                    errors.Add(Error(path, item, "SCN002", "each scenario must be an object with name, profiles, events and expect"));
                }
            }
        }

        diagnostics = errors;
        if (errors.Count > 0)
        {
            return false;
        }

        suite = new ScenarioSuite(path, journeys, scenarios.ToImmutable());
        return true;
    }

    private static Scenario ParseScenario(string path, JObject o, string? defaultJourney, IReadOnlySet<string>? knownJourneys, List<JourneyDiagnostic> errors)
    {
        Unknown(path, o, ScenarioFields, errors);
        var name = o["name"]?.Type == JTokenType.String ? o["name"]!.ToString() : null;
        if (name is null)
        {
            errors.Add(Error(path, o, "SCN003", "a scenario needs a 'name' (text)"));
        }

        return new Scenario
        {
            Name = name ?? "(unnamed)",
            Location = Loc(path, o),
            Profiles = Lines(o["profiles"]),
            Events = Lines(o["events"]),
            Until = o["until"] is { } until ? ParseInstant(path, until, errors) : null,
            Holdout = ScenarioHoldout.Parse(path, o, errors),
            Expect = Expectations(path, o["expect"], defaultJourney, knownJourneys, errors),
            ExpectNot = Expectations(path, o["expectNot"], defaultJourney, knownJourneys, errors),
        };
    }

    private static ImmutableArray<TimelineExpectation> Expectations(string path, JToken? token, string? defaultJourney, IReadOnlySet<string>? knownJourneys, List<JourneyDiagnostic> errors)
    {
        if (token is null)
        {
            return ImmutableArray<TimelineExpectation>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<TimelineExpectation>();
        foreach (var item in token as JArray ?? [])
        {
            if (item is not JObject o)
            {
                errors.Add(Error(path, item, "SCN004", "an expectation must be an object such as { \"kind\": \"sent\", \"step\": \"ack\" }"));
                continue;
            }

            Unknown(path, o, ExpectationFields, errors);
            if (knownJourneys is not null && o["journey"] is { } named)
            {
                KnownJourney(path, named, knownJourneys, errors);
            }

            TimelineKind? kind = null;
            if (o["kind"] is { } k)
            {
                if (Enum.TryParse<TimelineKind>(k.ToString(), true, out var parsed) && !int.TryParse(k.ToString(), out _))
                {
                    kind = parsed;
                }
                else
                {
                    errors.Add(Error(path, k, "SCN005", $"unknown kind '{k}': expected one of {string.Join(", ", Enum.GetNames<TimelineKind>().Select(n => n.ToLowerInvariant()))}"));
                }
            }

            result.Add(new TimelineExpectation
            {
                Location = Loc(path, o),
                Kind = kind,
                CustomerId = Text(o, "customerId"),
                Journey = Text(o, "journey") ?? defaultJourney,
                Step = Text(o, "step"),
                Channel = Text(o, "channel"),
                Template = Text(o, "template"),
                Locale = Text(o, "locale"),
                Variant = Text(o, "variant"),
                Reason = Text(o, "reason"),
                Priority = Text(o, "priority"),
                Detail = Text(o, "detail"),
                At = o["at"] is { } at ? ParseInstant(path, at, errors) : null,
                Tolerance = o["tolerance"] is { } tol ? ParseDuration(path, tol, errors) : Duration.Zero,
                After = o["after"] is { } after ? ParseInstant(path, after, errors) : null,
                Before = o["before"] is { } before ? ParseInstant(path, before, errors) : null,
                Count = o["count"]?.Type == JTokenType.Integer ? o["count"]!.Value<int>() : null,
            });
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<string> Lines(JToken? token) =>
        token is JArray a ? a.Select(t => t.ToString(Formatting.None)).ToImmutableArray() : ImmutableArray<string>.Empty;

    private static string? Text(JObject o, string name) => o[name]?.Type == JTokenType.String ? o[name]!.ToString() : null;

    private static Instant? ParseInstant(string path, JToken token, List<JourneyDiagnostic> errors)
    {
        if (InstantText.TryParse(token.ToString(), out var instant))
        {
            return instant;
        }

        errors.Add(Error(path, token, "SCN006", $"'{token}' is not an instant: expected ISO-8601 UTC such as 2026-03-02T09:00:00Z"));
        return null;
    }

    private static Duration ParseDuration(string path, JToken token, List<JourneyDiagnostic> errors)
    {
        var iso = PeriodPattern.NormalizingIso.Parse(token.ToString());
        if (iso.Success && iso.Value.Years == 0 && iso.Value.Months == 0)
        {
            return iso.Value.ToDuration();
        }

        errors.Add(Error(path, token, "SCN007", $"'{token}' is not a tolerance: expected an ISO-8601 duration in weeks, days or time such as PT5M"));
        return Duration.Zero;
    }

    private static void Unknown(string path, JObject o, string[] known, List<JourneyDiagnostic> errors)
    {
        foreach (var p in o.Properties().Where(p => !known.Contains(p.Name, StringComparer.Ordinal)))
        {
            var hint = Journeys.Expressions.Suggestions.Closest(p.Name, known);
            errors.Add(Error(path, p, "SCN008", hint is null
                ? $"unknown field '{p.Name}': expected one of {string.Join(", ", known)}"
                : $"unknown field '{p.Name}' (did you mean '{hint}'?)"));
        }
    }

    private static void KnownJourney(string path, JToken token, IReadOnlySet<string> known, List<JourneyDiagnostic> errors)
    {
        var id = token.ToString();
        if (!known.Contains(id))
        {
            var hint = Journeys.Expressions.Suggestions.Closest(id, known);
            errors.Add(Error(path, token, "SCN009", $"unknown journey '{id}': no journey file has this id{(hint is null ? string.Empty : $" (did you mean '{hint}'?)")}"));
        }
    }

    private static SourceLocation Loc(string path, JToken token) =>
        token is IJsonLineInfo li && li.HasLineInfo() ? new SourceLocation(path, li.LineNumber, li.LinePosition) : new SourceLocation(path, 1, 1);

    private static JourneyDiagnostic Error(string path, JToken token, string code, string message) => new(Loc(path, token), code, message);
}

using System.Collections.Immutable;
using Engagement.Journeys.Channels;
using Engagement.Journeys.Expressions;
using Engagement.Journeys.Parsing;
using Engagement.Journeys.Scheduling;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NodaTime;


namespace Engagement.Engine.Policies;

/// <summary>
/// Parses journeys/policies.json into a <see cref="DeliveryPolicy"/>: every problem is a diagnostic with file:line:column, and
/// suppression expressions are parsed once here. Stateless and thread-safe.
/// </summary>
public static partial class PolicyParser
{

    /// <summary>Parses; false with diagnostics (codes <c>POL001</c>..<c>POL009</c>) when anything is wrong.</summary>
    public static bool TryParse(string path, string text, out DeliveryPolicy? policy, out IReadOnlyList<JourneyDiagnostic> diagnostics)
    {
        var json = new PolicyJson(path);
        diagnostics = json.Diagnostics;
        policy = null;
        JToken root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            root = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error, CommentHandling = CommentHandling.Ignore });
        }
        catch (JsonReaderException ex)
        {
            json.Diagnostics.Add(new JourneyDiagnostic(new(path, ex.LineNumber, ex.LinePosition), "POL001", $"not valid JSON: {ex.Message.Split(" Path ")[0]}"));
            return false;
        }

        if (root is not JObject obj)
        {
            json.Error(root, "POL003", "the policies file must be a JSON object");
            return false;
        }

        json.OnlyFields(obj, "the policies file", "$schema", "consentDefault", "suppressions", "quietHours", "caps", "transactional", "retry");
        var transactional = json.Object(obj["transactional"], "'transactional'");
        if (transactional is not null)
        {
            json.OnlyFields(transactional, "'transactional'", "exemptFromQuietHours", "exemptFromCaps");
        }

        var result = new DeliveryPolicy
        {
            ConsentDefault = ReadConsent(json, json.Object(obj["consentDefault"], "'consentDefault'")),
            Suppressions = ReadSuppressions(json, json.Array(obj["suppressions"], "'suppressions'")),
            QuietHours = ReadQuietHours(json, json.Object(obj["quietHours"], "'quietHours'")) with
            {
                TransactionalExempt = transactional is null || json.Bool(transactional, "exemptFromQuietHours", true),
            },
            Caps = ReadCaps(json, json.Array(obj["caps"], "'caps'")),
            TransactionalExemptFromCaps = transactional is null || json.Bool(transactional, "exemptFromCaps", true),
            Retry = ReadRetry(json, json.Object(obj["retry"], "'retry'")),
        };
        policy = json.Diagnostics.Count == 0 ? result : null;
        return policy is not null;
    }

    private static ConsentDefaults ReadConsent(PolicyJson json, JObject? obj)
    {
        if (obj is null)
        {
            return ConsentDefaults.Standard;
        }

        json.OnlyFields(obj, "'consentDefault'", "marketing", "transactional");
        return new ConsentDefaults(AllowDeny(json, obj, "marketing", false), AllowDeny(json, obj, "transactional", true));
    }

    private static bool AllowDeny(PolicyJson json, JObject obj, string name, bool fallback)
    {
        var text = json.String(obj, name, "'consentDefault'", required: false);
        if (text is null or "allow" or "deny")
        {
            return text is null ? fallback : text == "allow";
        }

        json.Error(obj[name]!, "POL005", $"consentDefault.{name} is '{text}': expected allow or deny");
        return fallback;
    }

    private static ImmutableArray<SuppressionRule> ReadSuppressions(PolicyJson json, JArray? array)
    {
        var rules = ImmutableArray.CreateBuilder<SuppressionRule>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array ?? [])
        {
            if (json.Object(item, "a suppression rule") is not { } rule)
            {
                continue;
            }

            json.OnlyFields(rule, "a suppression rule", "name", "when", "appliesTo", "description");
            var name = json.String(rule, "name", "a suppression rule", required: true);
            var when = json.String(rule, "when", "a suppression rule", required: true);
            var scope = json.Scope(rule, "a suppression rule");
            if (name is not null && !names.Add(name))
            {
                json.Error(rule["name"]!, "POL006", $"suppression rule '{name}' is defined twice");
            }

            if (when is null || name is null)
            {
                continue;
            }

            if (Expression.TryParse(when, out var expression, out var errors))
            {
                rules.Add(new SuppressionRule(name, expression!, scope));
            }
            else
            {
                foreach (var error in errors)
                {
                    json.Error(rule["when"]!, "POL007", $"in rule '{name}', at character {error.Offset + 1} of \"{when}\": {error.Message}");
                }
            }
        }

        return rules.ToImmutable();
    }

    private static ImmutableArray<FrequencyCap> ReadCaps(PolicyJson json, JArray? array)
    {
        var caps = ImmutableArray.CreateBuilder<FrequencyCap>();
        foreach (var item in array ?? [])
        {
            if (json.Object(item, "a frequency cap") is not { } cap)
            {
                continue;
            }

            json.OnlyFields(cap, "a frequency cap", "name", "appliesTo", "channel", "max", "window", "description");
            var name = json.String(cap, "name", "a frequency cap", required: true);
            var what = name is null ? "a frequency cap" : $"cap '{name}'";
            var scope = json.Scope(cap, what);
            var channel = json.String(cap, "channel", what, required: false);
            if (channel is not null && !ChannelRegistry.Shared.Contains(channel))
            {
                json.Error(cap["channel"]!, "POL008", $"'channel' in {what} is '{channel}': expected {ChannelRegistry.Shared.Describe()}");
            }

            var max = json.Int(cap, "max", what, 0, 10_000);
            var window = Window(json, cap, what);
            if (name is not null && max is not null && window is not null)
            {
                caps.Add(new FrequencyCap(name, scope, channel, max.Value, window));
            }
        }

        return caps.ToImmutable();
    }

    private static CapWindow? Window(PolicyJson json, JObject cap, string what)
    {
        var text = json.String(cap, "window", what, required: true);
        switch (text)
        {
            case null: return null;
            case "day": return CapWindow.Day;
            case "week": return CapWindow.Week;
            case "month": return CapWindow.Month;
        }

        if (IsoDuration.TryParse(text, out var period, out var error))
        {
            return CapWindow.Rolling(period, text);
        }

        json.Error(cap["window"]!, "POL009", $"'window' in {what} is '{text}': expected day, week, month or an ISO-8601 duration such as P7D ({error})");
        return null;
    }

    private static RetryPolicy ReadRetry(PolicyJson json, JObject? obj)
    {
        if (obj is null)
        {
            return RetryPolicy.Default;
        }

        json.OnlyFields(obj, "'retry'", "maxAttempts", "baseDelay", "maxDelay");
        var attempts = obj["maxAttempts"] is null ? RetryPolicy.Default.MaxAttempts : json.Int(obj, "maxAttempts", "'retry'", 1, 20) ?? 1;
        return new RetryPolicy(attempts, Delay(json, obj, "baseDelay", RetryPolicy.Default.BaseDelay), Delay(json, obj, "maxDelay", RetryPolicy.Default.MaxDelay));
    }

    private static TimeSpan Delay(PolicyJson json, JObject obj, string name, TimeSpan fallback)
    {
        var text = json.String(obj, name, "'retry'", required: false);
        if (text is null)
        {
            return fallback;
        }

        if (IsoDuration.TryParse(text, out var period, out var error) && period.Months == 0 && period.Years == 0)
        {
            return period.ToDuration().ToTimeSpan();
        }

        json.Error(obj[name]!, "POL009", $"'{name}' in 'retry' is '{text}': expected an ISO-8601 duration such as PT1S ({error ?? "no months or years"})");
        return fallback;
    }
}

using Engagement.Journeys.Definitions;
using Engagement.Journeys.Parsing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Engagement.Engine.Policies;

/// <summary>Reading helpers for policies.json: typed fields with file:line:column diagnostics.</summary>
internal sealed class PolicyJson
{
    private readonly string _path;

    public PolicyJson(string path) => _path = path;

    public List<JourneyDiagnostic> Diagnostics { get; } = [];

    public SourceLocation At(JToken token)
    {
        var info = (IJsonLineInfo)token;
        return info.HasLineInfo() ? new SourceLocation(_path, info.LineNumber, info.LinePosition) : new SourceLocation(_path, 1, 1);
    }

    public void Error(JToken token, string code, string message) => Diagnostics.Add(new JourneyDiagnostic(At(token), code, message));

    /// <summary>Reports fields not in <paramref name="allowed"/>.</summary>
    public void OnlyFields(JObject obj, string what, params string[] allowed)
    {
        foreach (var property in obj.Properties())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                Error(property, "POL002", $"unknown field '{property.Name}' in {what}: expected one of {string.Join(", ", allowed)}");
            }
        }
    }

    public JObject? Object(JToken? token, string what)
    {
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        if (token is JObject obj)
        {
            return obj;
        }

        Error(token, "POL003", $"{what} must be an object");
        return null;
    }

    public JArray? Array(JToken? token, string what)
    {
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        if (token is JArray array)
        {
            return array;
        }

        Error(token, "POL003", $"{what} must be a list");
        return null;
    }

    public string? String(JObject obj, string name, string what, bool required)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            if (required)
            {
                Error(obj, "POL004", $"{what} needs '{name}'");
            }

            return null;
        }

        if (token.Type != JTokenType.String)
        {
            Error(token, "POL003", $"'{name}' in {what} must be text");
            return null;
        }

        return (string)token!;
    }

    public bool Bool(JObject obj, string name, bool fallback)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            return fallback;
        }

        if (token.Type != JTokenType.Boolean)
        {
            Error(token, "POL003", $"'{name}' must be true or false");
            return fallback;
        }

        return (bool)token;
    }

    public int? Int(JObject obj, string name, string what, int min, int max)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            Error(obj, "POL004", $"{what} needs '{name}'");
            return null;
        }

        if (token.Type != JTokenType.Integer || (long)token < min || (long)token > max)
        {
            Error(token, "POL003", $"'{name}' in {what} must be a whole number from {min} to {max}");
            return null;
        }

        return (int)token;
    }

    public PolicyScope Scope(JObject obj, string what)
    {
        var text = String(obj, "appliesTo", what, required: false);
        switch (text)
        {
            case null or "marketing": return PolicyScope.Marketing;
            case "transactional": return PolicyScope.Transactional;
            case "all": return PolicyScope.All;
            default:
                Error(obj["appliesTo"]!, "POL005", $"'appliesTo' in {what} is '{text}': expected marketing, transactional or all");
                return PolicyScope.Marketing;
        }
    }
}

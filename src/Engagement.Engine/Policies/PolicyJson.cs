using Engagement.Journeys.Definitions;
using Engagement.Journeys.Parsing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Engagement.Engine.Policies;

/// <summary>Reading helpers for policies.json: typed fields with file:line:column diagnostics.</summary>
internal sealed class PolicyJson
{
    private readonly string _path;

    /// <summary>Helpers for the file at <paramref name="path"/> (the path diagnostics name).</summary>
    public PolicyJson(string path) => _path = path;

    /// <summary>Every problem found so far, in the order found.</summary>
    public List<JourneyDiagnostic> Diagnostics { get; } = [];

    /// <summary>Where <paramref name="token"/> is (Newtonsoft's line and position); line 1, column 1 without line information.</summary>
    public SourceLocation At(JToken token)
    {
        var info = (IJsonLineInfo)token;
        return info.HasLineInfo() ? new SourceLocation(_path, info.LineNumber, info.LinePosition) : new SourceLocation(_path, 1, 1);
    }

    /// <summary>Records a problem with diagnostic <paramref name="code"/> at <paramref name="token"/>.</summary>
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

    /// <summary>The token as an object; null when absent or JSON null, and null with a POL003 error when it is not an object.</summary>
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

    /// <summary>The token as a list; null when absent or JSON null, and null with a POL003 error when it is not a list.</summary>
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

    /// <summary>The text property <paramref name="name"/> (empty text allowed); null when absent or JSON null (a POL004 error
    /// when <paramref name="required"/>), and null with a POL003 error when it is not text.</summary>
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

    /// <summary>The boolean property <paramref name="name"/>; <paramref name="fallback"/> when absent or JSON null, and
    /// <paramref name="fallback"/> with a POL003 error when it is not a boolean.</summary>
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

    /// <summary>The required whole-number property <paramref name="name"/> within <paramref name="min"/>..<paramref name="max"/>
    /// inclusive; null with a POL004 error when absent, or a POL003 error when not an integer in range.</summary>
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

    /// <summary>The rule's <c>appliesTo</c>: marketing (also when absent), transactional or all; anything else is a POL005 error
    /// and reads as marketing.</summary>
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

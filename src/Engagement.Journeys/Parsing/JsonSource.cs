using Engagement.Journeys.Definitions;
using Engagement.Journeys.Expressions;
using Newtonsoft.Json.Linq;

namespace Engagement.Journeys.Parsing;

/// <summary>Reads typed fields out of a line-annotated JSON document, collecting every error with its file:line:column.</summary>
internal sealed class JsonSource(string path)
{
    /// <summary>The file path diagnostics name (as given, not normalised).</summary>
    public string Path { get; } = path;

    /// <summary>Every error found so far, in the order found.</summary>
    public List<JourneyDiagnostic> Errors { get; } = [];

    /// <summary>Where <paramref name="token"/> starts (1-based line and column); line 1, column 1 when the token has no line
    /// information (for example one built in code).</summary>
    public SourceLocation At(JToken token)
    {
        if (token is not Newtonsoft.Json.IJsonLineInfo li || !li.HasLineInfo())
        {
            return new SourceLocation(Path, 1, 1);
        }

        // Newtonsoft reports the position of a token's last character.
        var column = token switch
        {
            JProperty p => li.LinePosition - p.Name.Length - 2,
            JValue { Type: JTokenType.String } v => li.LinePosition - ((string)v.Value!).Length - 1,
            JValue v => li.LinePosition - (v.ToString(Newtonsoft.Json.Formatting.None).Length - 1),
            _ => li.LinePosition,
        };
        return new SourceLocation(Path, li.LineNumber, Math.Max(1, column));
    }

    /// <summary>Records an error with diagnostic <paramref name="code"/> at <paramref name="token"/>.</summary>
    public void Error(JToken token, string code, string message) => Errors.Add(new(At(token), code, message));

    /// <summary>Records an <see cref="DiagnosticCodes.UnknownField"/> error for every property of <paramref name="o"/> not in
    /// <paramref name="known"/>, with the closest known name as a hint; <paramref name="what"/> names the object in the message.</summary>
    public void Fields(JObject o, string what, IReadOnlyCollection<string> known)
    {
        foreach (var p in o.Properties())
        {
            if (!known.Contains(p.Name))
            {
                var hint = Suggestions.Closest(p.Name, known);
                Error(p, DiagnosticCodes.UnknownField, $"unknown field '{p.Name}' in {what}{(hint is null ? string.Empty : $": did you mean '{hint}'?")} Expected one of: {string.Join(", ", known)}");
            }
        }
    }

    /// <summary>The object-valued property <paramref name="name"/> of <paramref name="parent"/>; null, with an error when
    /// it is required and missing or when it is not an object.</summary>
    public JObject? Object(JObject parent, string name, string what, Presence presence)
    {
        var token = parent[name];
        if (token is null)
        {
            if (presence == Presence.Required)
            {
                Error(parent, DiagnosticCodes.Missing, $"{what} needs '{name}'");
            }

            return null;
        }

        if (token is JObject o)
        {
            return o;
        }

        Error(token, DiagnosticCodes.WrongType, $"'{name}' must be an object {{ ... }}, not {Describe(token)}");
        return null;
    }

    /// <summary>The non-empty text property <paramref name="name"/>; null when missing or JSON null (an error if required),
    /// and null with an error when it is not text or is empty.</summary>
    public string? Text(JObject parent, string name, string what, Presence presence)
    {
        var token = parent[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            if (presence == Presence.Required)
            {
                Error(parent, DiagnosticCodes.Missing, $"{what} needs '{name}'");
            }

            return null;
        }

        if (token.Type == JTokenType.String && ((string)token!).Length > 0)
        {
            return (string)token!;
        }

        Error(token, DiagnosticCodes.WrongType, $"'{name}' must be non-empty text, not {Describe(token)}");
        return null;
    }

    /// <summary>The whole-number property <paramref name="name"/> within <paramref name="min"/>..<paramref name="max"/>
    /// inclusive; null when missing (an error if required), and null with an error when it is not an integer or out of range.</summary>
    public int? Integer(JObject parent, string name, string what, Presence presence, int min, int max)
    {
        var token = parent[name];
        if (token is null)
        {
            if (presence == Presence.Required)
            {
                Error(parent, DiagnosticCodes.Missing, $"{what} needs '{name}'");
            }

            return null;
        }

        if (token.Type != JTokenType.Integer)
        {
            Error(token, DiagnosticCodes.WrongType, $"'{name}' must be a whole number from {min} to {max}, not {Describe(token)}");
            return null;
        }

        var value = token.Value<long>();
        if (value < min || value > max)
        {
            Error(token, DiagnosticCodes.OutOfRange, $"'{name}' is {value}: expected a whole number from {min} to {max}");
            return null;
        }

        return (int)value;
    }

    /// <summary>Parses <paramref name="token"/> as a condition expression; null when absent, and null with one error per
    /// problem (located at the offending character) when it is not text or does not parse. <paramref name="name"/> names the field.</summary>
    public Expression? Expression(JToken? token, string name)
    {
        if (token is null)
        {
            return null;
        }

        if (token.Type != JTokenType.String)
        {
            Error(token, DiagnosticCodes.WrongType, $"'{name}' must be a condition in text, such as \"profile.tier == 'Gold'\", not {Describe(token)}");
            return null;
        }

        var text = (string)token!;
        if (Expressions.Expression.TryParse(text, out var expression, out var errors))
        {
            return expression;
        }

        var start = At(token);
        foreach (var e in errors)
        {
            Errors.Add(new(start with { Column = start.Column + 1 + e.Offset }, DiagnosticCodes.BadExpression, $"in '{name}': {e.Message}"));
        }

        return null;
    }

    /// <summary>A short description of what a token is, for messages: "an object", "a list", "the text \"x\"", "null", or
    /// its type and value ("integer 5").</summary>
    public static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "a list",
        JTokenType.String => $"the text \"{token}\"",
        JTokenType.Null => "null",
        _ => $"{token.Type.ToString().ToLowerInvariant()} {token.ToString(Newtonsoft.Json.Formatting.None)}",
    };
}

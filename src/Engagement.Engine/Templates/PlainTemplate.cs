using System.Globalization;
using Engagement.Journeys.Values;

namespace Engagement.Engine.Templates;

/// <summary>
/// A Liquid source that is only text and plain outputs (<c>{{ profile.tier }}</c>, <c>{{ links.unsubscribe }}</c>): no tags,
/// filters, brackets or whitespace control. It renders by putting the text and the values together, without building the
/// DotLiquid model or running DotLiquid, and gives exactly what DotLiquid gives for the same model. Most shipped templates
/// are of this form. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// A render that meets anything whose DotLiquid output this class does not reproduce answers false
/// (<see cref="TryRender"/>), and the caller renders with DotLiquid instead: a path that goes through a list, a string, a
/// number or a boolean; a value that ends on an object or a list; a negative whole number (DotLiquid writes it in the current
/// culture). A missing key or a null renders empty, as in DotLiquid. Keys DotLiquid answers itself (<c>size</c>, <c>first</c>,
/// <c>last</c>) and roots other than <c>profile</c>, <c>event</c>, <c>enrollment</c> and <c>links</c> (which also rules out
/// literals such as <c>true</c>, <c>nil</c> and <c>empty</c>) make a source not plain (<see cref="TryCompile"/> answers null).
/// </remarks>
internal sealed class PlainTemplate
{
    private static readonly HashSet<string> Special = new(StringComparer.Ordinal) { "size", "first", "last" };
    private static readonly HashSet<string> KnownRoots = new(StringComparer.Ordinal) { "profile", "event", "enrollment", "links" };

    /// <summary>The text before each output, then the text after the last one (one more than <see cref="_paths"/>).</summary>
    private readonly string[] _texts;
    private readonly string[][] _paths;
    private readonly int _textLength;

    private PlainTemplate(string[] texts, string[][] paths)
    {
        _texts = texts;
        _paths = paths;
        _textLength = texts.Sum(t => t.Length);
    }

    /// <summary>The plain form of <paramref name="source"/>, or null when it holds anything but text and plain outputs.</summary>
    public static PlainTemplate? TryCompile(string source)
    {
        var texts = new List<string>();
        var paths = new List<string[]>();
        var at = 0;
        while (true)
        {
            var open = source.IndexOf("{{", at, StringComparison.Ordinal);
            var text = source[at..(open < 0 ? source.Length : open)];
            if (text.Contains("}}", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal) || text.Contains("%}", StringComparison.Ordinal))
            {
                return null;
            }

            texts.Add(text);
            if (open < 0)
            {
                return new PlainTemplate([.. texts], [.. paths]);
            }

            var close = source.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0 || (close + 2 < source.Length && source[close + 2] == '}') || Path(source.AsSpan(open + 2, close - open - 2)) is not { } path)
            {
                return null;
            }

            paths.Add(path);
            at = close + 2;
        }
    }

    /// <summary>The dotted path of an output's markup (spaces around it allowed), or null when the markup is anything else.</summary>
    private static string[]? Path(ReadOnlySpan<char> markup)
    {
        var name = markup.Trim(' ');
        if (name.IsEmpty)
        {
            return null;
        }

        var segments = name.ToString().Split('.');
        foreach (var segment in segments)
        {
            if (!IsName(segment) || Special.Contains(segment))
            {
                return null;
            }
        }

        return KnownRoots.Contains(segments[0]) ? segments : null;
    }

    /// <summary>A name as DotLiquid reads one in a path: a letter or underscore, then letters, digits, underscores and dashes.</summary>
    private static bool IsName(string segment)
    {
        if (segment.Length == 0 || !(char.IsAsciiLetter(segment[0]) || segment[0] == '_'))
        {
            return false;
        }

        foreach (var c in segment)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Renders from the request's values; false when a value needs DotLiquid (see the remarks).</summary>
    public bool TryRender(TemplateRequest request, out string text)
    {
        text = string.Empty;
        if (_paths.Length == 0)
        {
            text = _texts[0];
            return true;
        }

        var values = new string[_paths.Length];
        var length = _textLength;
        for (var i = 0; i < _paths.Length; i++)
        {
            if (Resolve(request, _paths[i]) is not { } value)
            {
                return false;
            }

            values[i] = value;
            length += value.Length;
        }

        text = string.Create(length, (Texts: _texts, Values: values), static (chars, parts) =>
        {
            var at = 0;
            for (var i = 0; i < parts.Values.Length; i++)
            {
                parts.Texts[i].CopyTo(chars[at..]);
                at += parts.Texts[i].Length;
                parts.Values[i].CopyTo(chars[at..]);
                at += parts.Values[i].Length;
            }

            parts.Texts[^1].CopyTo(chars[at..]);
        });
        return true;
    }

    /// <summary>The text DotLiquid writes for <paramref name="path"/>, or null when only DotLiquid can say.</summary>
    private static string? Resolve(TemplateRequest request, string[] path)
    {
        if (path[0] == "links")
        {
            return path.Length != 2 ? null : request.Links.TryGetValue(path[1], out var link) ? link : string.Empty;
        }

        var value = path[0] switch
        {
            "profile" => request.Profile,
            "event" => request.Event,
            _ => request.Enrollment,
        };
        if (path.Length == 1)
        {
            return null; // a root written whole
        }

        for (var i = 1; i < path.Length; i++)
        {
            if (value.IsNullOrMissing)
            {
                return string.Empty;
            }

            if (value.Kind != ValueKind.Object)
            {
                return null;
            }

            value = value.Fields.TryGetValue(path[i], out var field) ? field : Value.Missing;
        }

        return Text(value);
    }

    /// <summary>A value's output as DotLiquid writes what <see cref="LiquidTemplateRenderer"/> converts it to; null for objects,
    /// lists and negative whole numbers.</summary>
    private static string? Text(Value value) => value.Kind switch
    {
        ValueKind.String => value.AsString(),
        ValueKind.Boolean => value.AsBoolean() == true ? "true" : "false",
        ValueKind.Number => LiquidTemplateRenderer.NumberForLiquid(value.AsNumber()!.Value) switch
        {
            long whole => whole >= 0 ? whole.ToString(CultureInfo.InvariantCulture) : null,
            var other => (string)other,
        },
        ValueKind.Null or ValueKind.Missing => string.Empty,
        _ => null,
    };
}

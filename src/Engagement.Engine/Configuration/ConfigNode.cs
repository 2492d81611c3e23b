using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Engagement.Engine.Configuration;

/// <summary>
/// One section of the configuration with its documented path (<c>channels.sms.webhook</c>), and typed reads that add an error
/// naming the path instead of throwing. Error texts never quote a value, since values may be secrets. Shared by engage.json
/// (Engagement.Local) and the Azure host's app settings (functions/), which read the same sections.
/// </summary>
public sealed class ConfigNode(IConfiguration section, string path, List<string> errors)
{
    /// <summary>The documented path of this section (<c>channels.sms.webhook</c>; empty at the root).</summary>
    public string Path { get; } = path;

    /// <summary>The errors found so far, shared by every node of one read, each starting with its setting's path.</summary>
    public List<string> Errors { get; } = errors;

    /// <summary>The section <paramref name="name"/> under this one (present or not).</summary>
    public ConfigNode Child(string name) => new(section.GetSection(name), At(name), Errors);

    /// <summary>Whether <paramref name="name"/> has a non-empty value or children.</summary>
    public bool Exists(string name)
    {
        var child = section.GetSection(name);
        return child.Value is { Length: > 0 } || child.GetChildren().Any();
    }

    /// <summary>The path of <paramref name="name"/> under this section.</summary>
    public string At(string name) => Path.Length == 0 ? name : Path + "." + name;

    /// <summary>Adds an error about <paramref name="name"/>: its path, then <paramref name="message"/>.</summary>
    public void Error(string name, string message) => Errors.Add(At(name) + ": " + message);

    /// <summary>A trimmed string, null when missing or blank; an error when it is an object or a list.</summary>
    public string? String(string name)
    {
        var child = section.GetSection(name);
        if (child.Value is null && child.GetChildren().Any())
        {
            Error(name, "expected a string, found an object or a list");
            return null;
        }

        return string.IsNullOrWhiteSpace(child.Value) ? null : child.Value.Trim();
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, <paramref name="fallback"/> when missing; an error otherwise.</summary>
    public long Integer(string name, long fallback, long min, long max)
    {
        var text = String(name);
        if (text is null) return fallback;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        Error(name, $"expected a whole number from {min} to {max}");
        return fallback;
    }

    /// <summary>true or false, null when missing; an error otherwise.</summary>
    public bool? Boolean(string name)
    {
        var text = String(name);
        if (text is null) return null;
        if (bool.TryParse(text, out var value)) return value;
        Error(name, "expected true or false");
        return null;
    }

    /// <summary>One of the enum's names (any case), <paramref name="fallback"/> when missing; an error otherwise.</summary>
    public TEnum Choice<TEnum>(string name, TEnum fallback)
        where TEnum : struct, Enum
    {
        var text = String(name);
        if (text is null) return fallback;
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase)) return candidate;
        }

        Error(name, "expected one of " + string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant())));
        return fallback;
    }

    /// <summary>A JSON list (<c>["a","b"]</c>, or <c>NAME__0</c>, <c>NAME__1</c> variables), or one string split at <c>;</c>.</summary>
    public IReadOnlyList<string>? List(string name)
    {
        var child = section.GetSection(name);
        if (child.Value is { } single)
        {
            return single.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var items = child.GetChildren().ToList();
        if (items.Count == 0) return null;
        var values = new List<string>();
        foreach (var item in items.OrderBy(i => int.TryParse(i.Key, out var n) ? n : int.MaxValue))
        {
            if (!int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _) || item.Value is null)
            {
                Error(name, "expected a list of strings");
                return null;
            }

            values.Add(item.Value.Trim());
        }

        return values;
    }

    /// <summary>The names of an object's members.</summary>
    public IReadOnlyList<string> Keys() => [.. section.GetChildren().Select(c => c.Key)];

    /// <summary>The name → value pairs of an object.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs(string name) =>
        [.. section.GetSection(name).GetChildren().Select(c => new KeyValuePair<string, string>(c.Key, c.Value ?? ""))];

    /// <summary>An absolute http(s) URL, null when missing; an error otherwise.</summary>
    public Uri? HttpUrl(string name)
    {
        var text = String(name);
        if (text is null) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)) return uri;
        Error(name, "expected an absolute http(s) URL");
        return null;
    }

    /// <summary>Adds an error for each key that is not one of <paramref name="known"/> (a typo would otherwise be ignored silently).</summary>
    public void RejectUnknown(params string[] known)
    {
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                Error(child.Key, "unknown setting; expected one of " + string.Join(", ", known));
            }
        }
    }
}

using System.Diagnostics.CodeAnalysis;

namespace Engagement.Engine.Serialization;

/// <summary>
/// One string instance for text that repeats across input lines (a consent's source, a locale, a time zone, a tag), so a
/// large import or simulation keeps one copy of "registration-form" instead of one per member. Each thread keeps its own
/// table of at most <see cref="MaxEntries"/> strings of at most <see cref="MaxLength"/> characters; beyond that, text is
/// returned as it is. Thread-safe (nothing is shared between threads).
/// </summary>
internal static class SharedText
{
    /// <summary>The most strings a thread's table holds.</summary>
    public const int MaxEntries = 4096;

    /// <summary>The longest text shared.</summary>
    public const int MaxLength = 64;

    [ThreadStatic]
    private static Dictionary<string, string>? t_table;

    /// <summary>The shared instance equal to <paramref name="text"/> (null stays null).</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Share(string? text)
    {
        if (text is null || text.Length > MaxLength)
        {
            return text;
        }

        var table = t_table ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (table.TryGetValue(text, out var shared))
        {
            return shared;
        }

        if (table.Count < MaxEntries)
        {
            table.Add(text, text);
        }

        return text;
    }

    /// <summary>The shared instance of the characters (a new string only the first time, or when the table is full).</summary>
    public static string Share(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength)
        {
            return text.ToString();
        }

        var table = t_table ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = table.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var shared))
        {
            return shared;
        }

        var made = text.ToString();
        if (table.Count < MaxEntries)
        {
            table.Add(made, made);
        }

        return made;
    }
}

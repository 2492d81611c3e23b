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

    private static Dictionary<string, string> Table => t_table ??= new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The shared instance equal to <paramref name="text"/> (null stays null).</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Share(string? text) =>
        text is null || text.Length > MaxLength ? text : Table.TryGetValue(text, out var shared) ? shared : Remember(text);

    /// <summary>The shared instance of the characters (a new string only the first time, or when the table is full).</summary>
    public static string Share(ReadOnlySpan<char> text) =>
        text.Length > MaxLength ? text.ToString()
        : Table.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var shared) ? shared : Remember(text.ToString());

    /// <summary>Keeps <paramref name="text"/> as the shared instance while the table has room.</summary>
    private static string Remember(string text)
    {
        if (Table.Count < MaxEntries)
        {
            Table.Add(text, text);
        }

        return text;
    }
}

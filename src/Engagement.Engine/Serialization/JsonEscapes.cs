using System.Buffers;
using System.Globalization;

namespace Engagement.Engine.Serialization;

/// <summary>
/// What Newtonsoft.Json escapes inside a double-quoted string by default, and how it writes each: the control characters
/// (<c>\b \t \n \f \r</c> by name, the others as <c>\u00xx</c>), the quote, the back slash, and U+0085, U+2028 and U+2029 (as
/// <c>\u</c> escapes); nothing else. For the writers that must write the text Newtonsoft writes (<see cref="StoredJsonWriter"/>,
/// <see cref="Simulation.TimelineLineWriter"/>).
/// </summary>
internal static class JsonEscapes
{
    private static readonly char[] Escaped =
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), '"', '\\', '\u0085', '\u2028', '\u2029'];

    private static readonly Dictionary<char, string> Sequences = Escaped.ToDictionary(c => c, c => c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\b' => "\\b",
        '\t' => "\\t",
        '\n' => "\\n",
        '\f' => "\\f",
        '\r' => "\\r",
        _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
    });

    /// <summary>The characters that are escaped (search with <c>IndexOfAny</c>).</summary>
    public static SearchValues<char> Needed { get; } = SearchValues.Create(Escaped);

    /// <summary>The escape sequence of <paramref name="c"/>, one of <see cref="Needed"/>.</summary>
    public static string Of(char c) => Sequences[c];
}

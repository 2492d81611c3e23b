using System.Globalization;
using System.Net;

namespace Engagement.Reports.Output;

/// <summary>HTML/SVG text helpers: every value from journeys, events or profiles goes through <see cref="E"/>.</summary>
public static class Html
{
    /// <summary>Escapes text for element content and double-quoted attributes (&amp; &lt; &gt; " ').</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>An integer with thousands separators.</summary>
    public static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A number for SVG coordinates.</summary>
    public static string F(double x) => x.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A proportion as a percentage with one decimal.</summary>
    public static string Pct(double p) => (p * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

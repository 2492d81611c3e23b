using System.Globalization;

namespace Engagement.Journeys.Runtime;

/// <summary>
/// Deterministic, host-safe enrollment ids: the same (journey, version, customer, key) always gives the same id, so a duplicate
/// start is harmless. The id uses only <c>[a-z0-9-]</c> and is at most 100 characters (valid as a Durable instance id,
/// a Cosmos id and a SQLite key). Pure.
/// </summary>
public static class EnrollmentIds
{
    private const int JourneyChars = 40;
    private const int CustomerChars = 30;

    /// <summary>The id for an enrollment: <c>journey-v&lt;version&gt;-customer-&lt;hash&gt;</c>, the journey and customer ids
    /// lowercased with every character other than an ASCII letter or digit as <c>-</c> (at most 40 and 30 characters), and the
    /// <see cref="StableHash"/> of the four parts in 16 hex digits. Built in one string, without intermediate ones (every new
    /// enrollment asks for one).</summary>
    public static string For(string journeyId, int version, string customerId, string key)
    {
        Span<char> versionText = stackalloc char[11];
        version.TryFormat(versionText, out var versionLength, default, CultureInfo.InvariantCulture);
        versionText = versionText[..versionLength];
        var hash = StableHash.Of(journeyId, versionText, customerId, key);
        var journeyLength = Math.Min(journeyId.Length, JourneyChars);
        var customerLength = Math.Min(customerId.Length, CustomerChars);
        return string.Create(journeyLength + 2 + versionLength + 1 + customerLength + 1 + 16, (journeyId, journeyLength, version, customerId, customerLength, hash), static (span, parts) =>
        {
            var at = Sanitize(parts.journeyId.AsSpan(0, parts.journeyLength), span);
            span[at++] = '-';
            span[at++] = 'v';
            parts.version.TryFormat(span[at..], out var written, default, CultureInfo.InvariantCulture);
            at += written;
            span[at++] = '-';
            at += Sanitize(parts.customerId.AsSpan(0, parts.customerLength), span[at..]);
            span[at++] = '-';
            parts.hash.TryFormat(span[at..], out _, "x16", CultureInfo.InvariantCulture);
        });
    }

    private static int Sanitize(ReadOnlySpan<char> text, Span<char> into)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            into[i] = char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-';
        }

        return text.Length;
    }
}

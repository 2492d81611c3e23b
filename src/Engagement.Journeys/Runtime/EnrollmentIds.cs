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
        return Format(journeyId, version, customerId, StableHash.Of(journeyId, versionText[..versionLength], customerId, key));
    }

    /// <summary>The id <see cref="For"/> gives when the four parts hash to <paramref name="hash"/>: lets a store keep the hash
    /// (8 bytes) instead of the id text and build the id again when asked.</summary>
    public static string Format(string journeyId, int version, string customerId, ulong hash)
    {
        ArgumentNullException.ThrowIfNull(journeyId);
        ArgumentNullException.ThrowIfNull(customerId);
        return string.Create(Length(journeyId, version, customerId), (journeyId, version, customerId, hash), static (span, parts) =>
            Write(span, parts.journeyId, parts.version, parts.customerId, parts.hash));
    }

    /// <summary>Whether <paramref name="enrollmentId"/> is exactly the id <see cref="Format"/> gives for these parts and some
    /// hash, and that hash (0 when not). Allocates nothing.</summary>
    public static bool TryHashOf(string enrollmentId, string journeyId, int version, string customerId, out ulong hash)
    {
        if (HashDigits(enrollmentId, Length(journeyId, version, customerId)) is { } parsed && Matches(enrollmentId, journeyId, version, customerId, parsed))
        {
            hash = parsed;
            return true;
        }

        hash = 0;
        return false;
    }

    /// <summary>Whether <paramref name="enrollmentId"/> is exactly the id <see cref="Format"/> gives for these parts and
    /// <paramref name="hash"/>: the hash digits are compared before the rest is formatted. Allocates nothing.</summary>
    public static bool Is(string enrollmentId, string journeyId, int version, string customerId, ulong hash) =>
        HashDigits(enrollmentId, Length(journeyId, version, customerId)) == hash && Matches(enrollmentId, journeyId, version, customerId, hash);

    /// <summary>The last 16 characters as a hex number when the id has <paramref name="length"/> characters; else null.</summary>
    private static ulong? HashDigits(string enrollmentId, int length) =>
        enrollmentId.Length == length
        && ulong.TryParse(enrollmentId.AsSpan(length - 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hash)
            ? hash
            : null;

    private static bool Matches(string enrollmentId, string journeyId, int version, string customerId, ulong hash)
    {
        Span<char> expected = stackalloc char[enrollmentId.Length]; // at most 101 characters: the caller checked the length
        Write(expected, journeyId, version, customerId, hash);
        return enrollmentId.AsSpan().SequenceEqual(expected);
    }

    private static int Length(string journeyId, int version, string customerId)
    {
        Span<char> versionText = stackalloc char[11];
        version.TryFormat(versionText, out var versionLength, default, CultureInfo.InvariantCulture);
        return Math.Min(journeyId.Length, JourneyChars) + 2 + versionLength + 1 + Math.Min(customerId.Length, CustomerChars) + 1 + 16;
    }

    private static void Write(Span<char> span, string journeyId, int version, string customerId, ulong hash)
    {
        var at = Sanitize(journeyId.AsSpan(0, Math.Min(journeyId.Length, JourneyChars)), span);
        span[at++] = '-';
        span[at++] = 'v';
        version.TryFormat(span[at..], out var written, default, CultureInfo.InvariantCulture);
        at += written;
        span[at++] = '-';
        at += Sanitize(customerId.AsSpan(0, Math.Min(customerId.Length, CustomerChars)), span[at..]);
        span[at++] = '-';
        hash.TryFormat(span[at..], out _, "x16", CultureInfo.InvariantCulture);
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

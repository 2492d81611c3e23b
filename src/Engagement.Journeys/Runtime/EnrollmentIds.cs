using System.Text;

namespace Engagement.Journeys.Runtime;

/// <summary>
/// Deterministic, host-safe enrollment ids: the same (journey, version, customer, key) always gives the same id, so a duplicate
/// start is harmless. The id uses only <c>[a-z0-9-]</c> and is at most 100 characters (valid as a Durable instance id,
/// a Cosmos id and a SQLite key). Pure.
/// </summary>
public static class EnrollmentIds
{
    /// <summary>The id for an enrollment.</summary>
    public static string For(string journeyId, int version, string customerId, string key)
    {
        var hash = StableHash.Of(journeyId, version.ToString(System.Globalization.CultureInfo.InvariantCulture), customerId, key);
        var readable = Sanitize(journeyId, 40) + "-v" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Sanitize(customerId, 30);
        return readable + "-" + hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Sanitize(string text, int max)
    {
        var sb = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text)
        {
            if (sb.Length == max)
            {
                break;
            }

            sb.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        return sb.ToString();
    }
}

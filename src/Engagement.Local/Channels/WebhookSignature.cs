using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Engagement.Local.Channels;

/// <summary>
/// The <c>X-Engage-Signature</c> header of webhook requests: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where v1 is the lowercase
/// hex HMAC-SHA256, keyed with the shared secret (UTF-8), of <c>t + "." + body</c> (the raw request body bytes). A receiver
/// recomputes it with <see cref="Verify(string, string?, ReadOnlySpan{byte}, DateTimeOffset, TimeSpan)"/> and rejects old
/// timestamps so a captured request cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The request header that carries the signature.</summary>
    public const string HeaderName = "X-Engage-Signature";

    /// <summary>The tolerance receivers should use when they have no reason to pick another: 5 minutes.</summary>
    public static TimeSpan DefaultTolerance { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="unixSeconds"/>.</summary>
    public static string Create(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return "t=" + unixSeconds.ToString(CultureInfo.InvariantCulture) + ",v1=" + Convert.ToHexStringLower(Compute(secret, unixSeconds, body));
    }

    /// <summary>
    /// True when <paramref name="header"/> holds a v1 signature of <paramref name="body"/> made with <paramref name="secret"/>, and its
    /// timestamp is within <paramref name="tolerance"/> of <paramref name="now"/> (either side). Several v1 entries are allowed (one
    /// matching is enough), so a sender can sign with an old and a new secret while they are rotated. Never throws for a malformed header.
    /// </summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrEmpty(header)) return false;
        long? timestamp = null;
        var candidates = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) return false;
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "t")
            {
                if (timestamp is not null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t)) return false;
                timestamp = t;
            }
            else if (key == "v1" && value.Length == 64)
            {
                try { candidates.Add(Convert.FromHexString(value)); }
                catch (FormatException) { return false; }
            }
        }

        if (timestamp is not { } seconds || candidates.Count == 0) return false;
        if (seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()) return false;
        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > tolerance) return false;
        var expected = Compute(secret, seconds, body);
        var matched = false;
        foreach (var candidate in candidates) matched |= CryptographicOperations.FixedTimeEquals(candidate, expected);
        return matched;
    }

    /// <summary><see cref="Verify(string, string?, ReadOnlySpan{byte}, DateTimeOffset, TimeSpan)"/> for a body already decoded as text (UTF-8).</summary>
    public static bool Verify(string secret, string? header, string body, DateTimeOffset now, TimeSpan tolerance) =>
        Verify(secret, header, Encoding.UTF8.GetBytes(body), now, tolerance);

    private static byte[] Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}

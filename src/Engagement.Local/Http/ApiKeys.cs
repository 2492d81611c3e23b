using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Engagement.Local.Http;

/// <summary>
/// Checks the key a request presents (<c>X-Api-Key: KEY</c>, <c>Authorization: Bearer KEY</c>, or HTTP Basic with the key as
/// the user name and an empty password, as Segment clients send their write key) against the configured
/// ones in constant time: both sides are hashed to SHA-256 and every configured key is compared, match or not. Thread-safe.
/// </summary>
internal sealed class ApiKeys
{
    private const string HeaderName = "X-Api-Key";
    private readonly byte[][] _hashes;

    public ApiKeys(IEnumerable<string> keys) => _hashes = keys.Select(Hash).ToArray();

    /// <summary>True when no key is configured (the API was started with <c>--insecure-no-auth</c>).</summary>
    public bool Open => _hashes.Length == 0;

    public bool Allows(HttpRequest request)
    {
        if (Open)
        {
            return true;
        }

        var presented = Presented(request);
        if (presented is null)
        {
            return false;
        }

        var hash = Hash(presented);
        var match = false;
        foreach (var known in _hashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, known);
        }

        return match;
    }

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers[HeaderName];
        if (header.Count == 1 && !string.IsNullOrEmpty(header[0]))
        {
            return header[0];
        }

        var authorization = request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value
            && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && value.Length > 7)
        {
            return value[7..].Trim();
        }

        return authorization.Count == 1 ? BasicUser(authorization[0]) : null;
    }

    /// <summary>HTTP Basic as Segment clients send it: the write key (an API key here) as the user name, the password empty.</summary>
    private static string? BasicUser(string? value)
    {
        if (value is null || !value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var buffer = new byte[value.Length];
        if (!Convert.TryFromBase64String(value[6..].Trim(), buffer, out var written))
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? text : colon > 0 && colon == text.Length - 1 ? text[..colon] : null;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

using System.Security.Cryptography;
using System.Text;

namespace Engagement.Engine.Integrations;

/// <summary>
/// The keys an ingest caller may present, checked in constant time (both sides hashed to SHA-256, every key compared): as
/// <c>X-Api-Key</c>, <c>Authorization: Bearer KEY</c>, or HTTP Basic with the key as the user name and an empty password
/// (how Segment and RudderStack clients send their write key). No keys configured means nobody gets in. Thread-safe.
/// </summary>
public sealed class WriteKeys
{
    private readonly byte[][] _hashes;

    /// <summary>The accepted keys.</summary>
    public WriteKeys(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _hashes = [.. keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(Hash)];
    }

    /// <summary>Whether any key is configured.</summary>
    public bool Any => _hashes.Length > 0;

    /// <summary>Whether the request's <c>X-Api-Key</c> or <c>Authorization</c> header value presents a configured key.</summary>
    public bool Allows(string? apiKeyHeader, string? authorizationHeader)
    {
        var presented = !string.IsNullOrEmpty(apiKeyHeader) ? apiKeyHeader : FromAuthorization(authorizationHeader);
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

    /// <summary>The key in <c>Bearer KEY</c> or <c>Basic base64(KEY:)</c>; null for anything else.</summary>
    public static string? FromAuthorization(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && value.Length > 7)
        {
            return value[7..].Trim();
        }

        if (!value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
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

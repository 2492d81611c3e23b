using System.Security.Cryptography;
using System.Text;
using Engagement.Local.Security;
using Microsoft.AspNetCore.Http;

namespace Engagement.Local.Http;

/// <summary>
/// Finds who presents a key (<c>X-Api-Key: KEY</c>, <c>Authorization: Bearer KEY</c>, or HTTP Basic with the key as the user
/// name and an empty password, as Segment clients send their write key): the presented key is hashed to SHA-256 and compared
/// with every configured hash in constant time, match or not. Named keys (<c>http.keys</c>) carry their own role; the plain
/// keys of <c>http.apiKeys</c> and <c>--api-key</c> are admins named <c>api-key-1</c>, <c>api-key-2</c>, …. Thread-safe.
/// </summary>
internal sealed class ApiKeys
{
    private const string HeaderName = "X-Api-Key";
    private readonly (byte[] Hash, ApiCaller Caller)[] _keys;

    public ApiKeys(IEnumerable<string> plain, IEnumerable<ApiKeyEntry> named)
    {
        var keys = plain.Select((k, i) => (ApiKeySecrets.HashBytes(k), new ApiCaller($"api-key-{i + 1}", EngageRole.Admin))).ToList();
        foreach (var entry in named)
        {
            if (!ApiKeySecrets.TryReadHash(entry.Hash, out var hash))
            {
                throw new InvalidOperationException($"The API key '{entry.Name}' has no usable hash: expected sha256: and 64 hex digits (engage api-keys new makes one).");
            }

            keys.Add((hash, new ApiCaller(entry.Name, entry.Role)));
        }

        _keys = [.. keys];
    }

    /// <summary>True when no key is configured (the API was started with <c>--insecure-no-auth</c>).</summary>
    public bool Open => _keys.Length == 0;

    /// <summary>Who presents a key in <paramref name="request"/>; null when none or an unknown one.</summary>
    public ApiCaller? Identify(HttpRequest request) =>
        Open ? ApiCaller.Unauthenticated : Presented(request) is { } presented ? Identify(presented) : null;

    /// <summary>Whose key <paramref name="presented"/> is (constant time over every configured key); null when unknown.</summary>
    public ApiCaller? Identify(string presented)
    {
        if (Open)
        {
            return ApiCaller.Unauthenticated;
        }

        var hash = ApiKeySecrets.HashBytes(presented);
        ApiCaller? found = null;
        foreach (var (known, caller) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, known))
            {
                found ??= caller;
            }
        }

        return found;
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
}

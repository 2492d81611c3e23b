using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Engagement.Engine.Unsubscribe;

/// <summary>
/// Signed, expiring unsubscribe tokens: <c>base64url(customerId).channel.expiresUnixSeconds.base64url(HMAC-SHA256)</c>, the
/// MAC over the first three parts. Validation rejects malformed, tampered and expired tokens and compares MACs in constant
/// time. Thread-safe; the key is copied.
/// </summary>
public sealed class UnsubscribeTokens
{
    /// <summary>Reason: the token is not in the expected form.</summary>
    public const string Malformed = "malformed";
    /// <summary>Reason: the signature does not match (changed token or another key).</summary>
    public const string Tampered = "tampered";
    /// <summary>Reason: the token's expiry has passed.</summary>
    public const string Expired = "expired";

    private readonly byte[] _key;

    /// <summary>Creates tokens with an HMAC key of at least 32 bytes (keep it secret; rotate by accepting old links until they expire).</summary>
    public UnsubscribeTokens(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The unsubscribe key must be at least 32 bytes.", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>A token for a customer and channel (<c>email</c>, <c>sms</c>, <c>push</c> or <c>all</c>) valid until <paramref name="expires"/>.</summary>
    public string Create(string customerId, string channel, Instant expires)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (string.IsNullOrEmpty(channel) || channel.Any(c => c is not (>= 'a' and <= 'z')))
        {
            throw new ArgumentException("The channel must be lower-case letters, such as email.", nameof(channel));
        }

        var payload = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(customerId))}.{channel}.{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        return $"{payload}.{Base64Url.EncodeToString(Mac(payload))}";
    }

    /// <summary>Validates; on success gives the customer and channel, otherwise <paramref name="reason"/> is malformed, tampered or expired.</summary>
    public bool TryValidate(string? token, Instant now, out string? customerId, out string? channel, out string? reason)
    {
        customerId = null;
        channel = null;
        reason = Malformed;
        var parts = token?.Split('.');
        if (parts is not { Length: 4 } || parts[3].Length > 64)
        {
            return false;
        }

        byte[] mac;
        byte[] id;
        try
        {
            mac = Base64Url.DecodeFromChars(parts[3]);
            id = Base64Url.DecodeFromChars(parts[0]);
        }
        catch (FormatException)
        {
            return false;
        }

        if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || parts[1].Length == 0 || id.Length == 0)
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, Mac($"{parts[0]}.{parts[1]}.{parts[2]}")))
        {
            reason = Tampered;
            return false;
        }

        if (seconds > 253_402_300_799 || now >= Instant.FromUnixTimeSeconds(seconds))
        {
            reason = Expired;
            return false;
        }

        customerId = Encoding.UTF8.GetString(id);
        channel = parts[1];
        reason = null;
        return true;
    }

    private byte[] Mac(string payload) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload));
}

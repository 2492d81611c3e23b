using System.Security.Cryptography;
using System.Text;

namespace Engagement.Protection;

/// <summary>
/// The contact blind index: HMAC-SHA-256 of a normalised email address or phone number under the key file's index key, so
/// a customer can be found by contact without the contact in plain text in the database. Emails are trimmed and lower-cased;
/// phone numbers keep their digits and a leading '+'. The kind is part of the hashed text, so an email and a phone never collide.
/// </summary>
public sealed class BlindIndex(byte[] key)
{
    private readonly byte[] _key = (byte[])key.Clone();

    /// <summary>The contact kinds the index holds.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["email", "phone"];

    /// <summary>The normalised form of a contact (what is hashed), or null when nothing is left.</summary>
    public static string? Normalise(string kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (kind == "phone")
        {
            var trimmed = value.Trim();
            var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
            return digits.Length == 0 ? null : (trimmed.StartsWith('+') ? "+" : string.Empty) + digits;
        }

        return value.Trim().ToLowerInvariant();
    }

    /// <summary>A keyed digest of any text (lower-case hex), to compare stored values without keeping them readable.</summary>
    public string Digest(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("text:" + text)));

    /// <summary>The index entry (lower-case hex) of a contact, or null for an empty one.</summary>
    public string? Hash(string kind, string? value)
    {
        if (Normalise(kind, value) is not { } normal)
        {
            return null;
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(kind + ":" + normal)));
    }
}

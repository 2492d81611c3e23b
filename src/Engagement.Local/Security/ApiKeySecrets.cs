using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Engagement.Local.Security;

/// <summary>Makes API key secrets and the hashes configuration stores for them.</summary>
public static partial class ApiKeySecrets
{
    /// <summary>The prefix of a stored hash.</summary>
    public const string HashPrefix = "sha256:";

    /// <summary>A new secret: <c>ek_</c> and 256 random bits, base64url (46 characters).</summary>
    public static string New() =>
        "ek_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The stored form of <paramref name="secret"/>: <c>sha256:</c> and its lower-case hex SHA-256.</summary>
    public static string Hash(string secret) => HashPrefix + Convert.ToHexStringLower(HashBytes(secret));

    /// <summary>The raw SHA-256 of <paramref name="secret"/>'s UTF-8 bytes.</summary>
    public static byte[] HashBytes(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>The 32 bytes of a stored hash; false when <paramref name="stored"/> is not <c>sha256:</c> and 64 hex digits.</summary>
    public static bool TryReadHash(string? stored, out byte[] hash)
    {
        hash = [];
        if (stored is null || !StoredHash().IsMatch(stored))
        {
            return false;
        }

        hash = Convert.FromHexString(stored.AsSpan(HashPrefix.Length));
        return true;
    }

    /// <summary>Whether <paramref name="name"/> is a usable key name: 1 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit.</summary>
    public static bool IsValidName(string? name) => name is not null && KeyName().IsMatch(name);

    [GeneratedRegex("^sha256:[0-9a-fA-F]{64}$")]
    private static partial Regex StoredHash();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex KeyName();
}

using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Engagement.Protection;

/// <summary>
/// The contact blind index: HMAC-SHA-256 of a normalised email address or phone number under the key file's index key, so
/// a customer can be found by contact without the contact in plain text in the database. Emails are trimmed and lower-cased;
/// phone numbers keep their digits and a leading '+'. The kind is part of the hashed text, so an email and a phone never collide.
/// </summary>
/// <remarks>The hash of a contact is made in buffers on the stack (rented for very long input): the only object it allocates
/// is the hex text, since every new customer's profile is indexed on the processor's hot path.</remarks>
public sealed class BlindIndex(byte[] key)
{
    /// <summary>Contacts up to this many characters are normalised and hashed in stack buffers.</summary>
    private const int StackChars = 256;

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

        var buffer = new char[value.Length + 1];
        var length = Normalise(kind, value, buffer);
        return length == 0 ? null : new string(buffer, 0, length);
    }

    /// <summary>A keyed digest of any text (lower-case hex), to compare stored values without keeping them readable.</summary>
    public string Digest(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("text:" + text)));

    /// <summary>The index entry (lower-case hex) of a contact, or null for an empty one.</summary>
    public string? Hash(string kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var needed = kind.Length + 2 + value.Length;
        char[]? rentedChars = null;
        var text = needed <= StackChars ? stackalloc char[StackChars] : (rentedChars = ArrayPool<char>.Shared.Rent(needed));
        try
        {
            kind.CopyTo(text);
            text[kind.Length] = ':';
            var normal = Normalise(kind, value, text[(kind.Length + 1)..]);
            return normal == 0 ? null : HashText(text[..(kind.Length + 1 + normal)]);
        }
        finally
        {
            if (rentedChars is not null)
            {
                rentedChars.AsSpan(0, needed).Clear();
                ArrayPool<char>.Shared.Return(rentedChars);
            }
        }
    }

    /// <summary>HMAC-SHA-256 of <paramref name="text"/>'s UTF-8 bytes under the index key, as lower-case hex.</summary>
    private string HashText(ReadOnlySpan<char> text)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rentedBytes = null;
        var bytes = needed <= StackChars * 3 ? stackalloc byte[StackChars * 3] : (rentedBytes = ArrayPool<byte>.Shared.Rent(needed));
        try
        {
            var written = Encoding.UTF8.GetBytes(text, bytes);
            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(_key, bytes[..written], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            bytes.Clear();
            if (rentedBytes is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedBytes);
            }
        }
    }

    /// <summary>Writes the normalised form of <paramref name="value"/> into <paramref name="destination"/> (at least one character
    /// longer than the value) and answers its length; 0 when nothing is left. Phone numbers: a leading '+' of the trimmed
    /// value, then its ASCII digits. Anything else: trimmed and lower-cased with the invariant culture.</summary>
    private static int Normalise(string kind, ReadOnlySpan<char> value, Span<char> destination)
    {
        var trimmed = value.Trim();
        if (kind != "phone")
        {
            return trimmed.ToLowerInvariant(destination);
        }

        var length = trimmed.StartsWith('+') ? 1 : 0;
        destination[0] = '+';
        var digits = 0;
        foreach (var c in trimmed)
        {
            if (char.IsAsciiDigit(c))
            {
                destination[length++] = c;
                digits++;
            }
        }

        return digits == 0 ? 0 : length;
    }
}

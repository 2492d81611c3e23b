using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Engagement.Protection;

/// <summary>
/// Encrypts stored values with AES-256-GCM. A protected value reads <c>enc1:&lt;key id&gt;:&lt;base64 of nonce (12 bytes),
/// ciphertext, tag (16 bytes)&gt;</c>; the prefix and key id are authenticated too. A value without the prefix is plain text
/// (written by <c>--insecure-plaintext</c> or before a key was configured) and reads as it is. <see cref="Plaintext"/> (no key)
/// writes plain text and cannot read encrypted values. Thread-safe; one <see cref="AesGcm"/> per key, kept for the protector's life.
/// </summary>
public sealed class FieldProtector : IDisposable
{
    /// <summary>What every protected value starts with.</summary>
    public const string Prefix = "enc1:";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Dictionary<string, AesGcm> _keys;
    private readonly Dictionary<string, byte[]> _aad;
    private readonly string? _current;
    private readonly string? _currentPrefix;
    private readonly byte[]? _currentAad;
    private readonly NonceSource _nonces = new();

    private FieldProtector(IEnumerable<DataKey> keys, string? current, byte[]? indexKey)
    {
        _keys = keys.ToDictionary(k => k.Id, k => new AesGcm(k.Key, TagSize), StringComparer.Ordinal);
        _aad = _keys.Keys.ToDictionary(id => id, id => Encoding.ASCII.GetBytes(Prefix + id + ":"), StringComparer.Ordinal);
        _current = current;
        _currentPrefix = current is null ? null : Prefix + current + ":";
        _currentAad = _currentPrefix is null ? null : Encoding.ASCII.GetBytes(_currentPrefix);
        Index = indexKey is null ? null : new BlindIndex(indexKey);
    }

    /// <summary>No key: values are written in plain text; reading an encrypted one throws.</summary>
    public static FieldProtector Plaintext { get; } = new([], null, null);

    /// <summary>Whether new values are encrypted.</summary>
    public bool Encrypts => _current is not null;

    /// <summary>The key id new values are encrypted with (null: plain text).</summary>
    public string? CurrentKeyId => _current;

    /// <summary>The ids of every key this protector can read.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>The contact blind index (null without a key file).</summary>
    public BlindIndex? Index { get; }

    /// <summary>A keyed digest of <paramref name="text"/> (to tell equal values apart without reading them); null without a key file.</summary>
    public string? Digest(string? text) => text is null ? null : Index?.Digest(text);

    /// <summary>A protector with the keys of <paramref name="file"/>, encrypting with its current key.</summary>
    public static FieldProtector From(KeyFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new(file.Keys, file.Current, file.IndexKey);
    }

    /// <summary>Whether a stored value is encrypted (under any key).</summary>
    public static bool IsProtected(string? stored) => stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The key id of an encrypted value; null for plain text.</summary>
    public static string? KeyIdOf(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!IsProtected(stored))
        {
            return null;
        }

        var end = stored.IndexOf(':', Prefix.Length);
        return end < 0 ? null : stored[Prefix.Length..end];
    }

    /// <summary>Whether the value is stored as this protector would write it now (encrypted under the current key, or plain text without a key).</summary>
    public bool IsCurrent(string stored) => _currentPrefix is null ? !IsProtected(stored) : stored.StartsWith(_currentPrefix, StringComparison.Ordinal);

    /// <summary>The value to store: encrypted under the current key, or the value itself without a key. Null stays null.</summary>
    public string? Protect(string? plain)
    {
        if (plain is null || _current is null)
        {
            return plain;
        }

        return string.Create(ProtectedLength(plain), (Protector: this, Plain: plain), static (chars, state) => state.Protector.Protect(state.Plain, chars));
    }

    /// <summary>How many characters <see cref="Protect(ReadOnlySpan{char}, Span{char})"/> writes for <paramref name="plain"/>.</summary>
    public int ProtectedLength(ReadOnlySpan<char> plain) =>
        _currentPrefix is null ? plain.Length : _currentPrefix.Length + ((NonceSize + Encoding.UTF8.GetByteCount(plain) + TagSize + 2) / 3 * 4);

    /// <summary>As <see cref="Protect(string?)"/>, into <paramref name="destination"/> (at least
    /// <see cref="ProtectedLength"/> characters) instead of a new string; returns the characters written.</summary>
    public int Protect(ReadOnlySpan<char> plain, Span<char> destination)
    {
        if (_current is null)
        {
            plain.CopyTo(destination);
            return plain.Length;
        }

        var length = Encoding.UTF8.GetByteCount(plain);
        var size = NonceSize + length + TagSize;
        var written = _currentPrefix!.Length + ((size + 2) / 3 * 4);
        if (destination.Length < written)
        {
            throw new ArgumentException($"the destination holds {destination.Length} characters; the protected value needs {written}", nameof(destination));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(size + length);
        try
        {
            var nonce = buffer.AsSpan(0, NonceSize);
            _nonces.Fill(nonce);
            var input = buffer.AsSpan(size, length);
            Encoding.UTF8.GetBytes(plain, input);
            var aes = _keys[_current];
            lock (aes)
            {
                aes.Encrypt(nonce, input, buffer.AsSpan(NonceSize, length), buffer.AsSpan(NonceSize + length, TagSize), _currentAad);
            }

            input.Clear();
            // The prefix and the base64 written straight into the destination (no intermediate base64 string).
            _currentPrefix.AsSpan().CopyTo(destination);
            Convert.TryToBase64Chars(buffer.AsSpan(0, size), destination[_currentPrefix.Length..], out _);
            return written;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The plain value of a stored one (plain text reads as it is). Throws <see cref="ProtectedValueException"/> when
    /// the key is unknown or the value was changed. Null stays null.</summary>
    public string? Unprotect(string? stored)
    {
        if (stored is null || !IsProtected(stored))
        {
            return stored;
        }

        var end = stored.IndexOf(':', Prefix.Length);
        if (end < 0)
        {
            throw new ProtectedValueException("an encrypted value is malformed (no key id)");
        }

        var id = stored[Prefix.Length..end];
        if (!_keys.TryGetValue(id, out var aes) || !_aad.TryGetValue(id, out var aad))
        {
            throw new ProtectedValueException(_keys.Count == 0
                ? $"a value is encrypted (key id {id}) and no key file was given (--key-file)"
                : $"a value is encrypted with key id {id}, which the key file does not hold");
        }

        var encoded = stored.AsSpan(end + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(encoded.Length * 2);
        try
        {
            if (!Convert.TryFromBase64Chars(encoded, buffer, out var size) || size < NonceSize + TagSize)
            {
                throw new ProtectedValueException($"an encrypted value (key id {id}) is malformed");
            }

            var length = size - NonceSize - TagSize;
            var plain = buffer.AsSpan(size, length);
            try
            {
                lock (aes)
                {
                    aes.Decrypt(buffer.AsSpan(0, NonceSize), buffer.AsSpan(NonceSize, length), buffer.AsSpan(NonceSize + length, TagSize), plain, aad);
                }
            }
            catch (AuthenticationTagMismatchException ex)
            {
                throw new ProtectedValueException($"an encrypted value (key id {id}) fails its integrity check: it was changed, or the key file holds another key under that id", ex);
            }

            var text = Encoding.UTF8.GetString(plain);
            plain.Clear();
            return text;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Like <see cref="Unprotect"/>, but answers false instead of throwing (a command run without the key file).</summary>
    public bool TryUnprotect(string? stored, out string? plain)
    {
        try
        {
            plain = Unprotect(stored);
            return true;
        }
        catch (ProtectedValueException)
        {
            plain = null;
            return false;
        }
    }

    /// <summary>Releases the keys.</summary>
    public void Dispose()
    {
        if (ReferenceEquals(this, Plaintext))
        {
            return;
        }

        foreach (var aes in _keys.Values)
        {
            aes.Dispose();
        }
    }
}

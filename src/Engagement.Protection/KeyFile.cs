using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Engagement.Protection;

/// <summary>
/// The key file of <c>engage serve --key-file</c> (docs/security.md): JSON with the AES-256 data keys (the newest is
/// <see cref="Current"/>, older ones stay to read values not yet re-encrypted), the HMAC key of the contact blind index and the
/// unsubscribe link signing key. Written with file mode 600 where the OS has modes; never stored in the database.
/// </summary>
public sealed class KeyFile
{
    /// <summary>The value of the file's <c>format</c> member.</summary>
    public const string Format = "engage-keys/1";

    /// <summary>Bytes of every key in the file.</summary>
    public const int KeySize = 32;

    private KeyFile(string path, string current, IReadOnlyList<DataKey> keys, byte[] indexKey, byte[] unsubscribeKey)
    {
        Path = path;
        Current = current;
        Keys = keys;
        IndexKey = indexKey;
        UnsubscribeKey = unsubscribeKey;
    }

    /// <summary>The file's full path (or, for <see cref="Parse"/>, the source it was read from).</summary>
    public string Path { get; }

    /// <summary>The id of the key new values are encrypted with.</summary>
    public string Current { get; }

    /// <summary>Every data key, oldest first.</summary>
    public IReadOnlyList<DataKey> Keys { get; }

    /// <summary>The HMAC-SHA-256 key of the contact blind index (does not rotate with the data keys).</summary>
    public byte[] IndexKey { get; }

    /// <summary>The HMAC key unsubscribe links are signed with.</summary>
    public byte[] UnsubscribeKey { get; }

    /// <summary>Writes a new key file with one data key; refuses to overwrite an existing file.</summary>
    public static KeyFile CreateNew(string path, TimeProvider? time = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var file = new KeyFile(full, string.Empty, [NewKey(now)], RandomNumberGenerator.GetBytes(KeySize), RandomNumberGenerator.GetBytes(KeySize));
        file = new KeyFile(full, file.Keys[0].Id, file.Keys, file.IndexKey, file.UnsubscribeKey);
        file.Write(overwrite: false);
        return file;
    }

    /// <summary>Adds a new data key to the file at <paramref name="path"/> and makes it current (rotation); the file is replaced atomically.</summary>
    public static KeyFile AddKey(string path, TimeProvider? time = null)
    {
        var old = Load(path);
        var key = NewKey((time ?? TimeProvider.System).GetUtcNow());
        var file = new KeyFile(old.Path, key.Id, [.. old.Keys, key], old.IndexKey, old.UnsubscribeKey);
        file.Write(overwrite: true);
        return file;
    }

    /// <summary>Reads and checks a key file; throws <see cref="KeyFileException"/> with one line naming the file.</summary>
    public static KeyFile Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KeyFileException($"{full}: key file not found (create one with: engage keys new --out {path})", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException($"{full}: cannot read the key file: {ex.Message}", ex);
        }

        return Parse(text, full);
    }

    /// <summary>Checks the text of a key file read from elsewhere (a Key Vault secret); <paramref name="source"/> names it in
    /// errors and becomes <see cref="Path"/>. Throws <see cref="KeyFileException"/> with one line naming the source.</summary>
    public static KeyFile Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var full = source;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(full, "expected a JSON object");
            }

            if (Text(root, "format", full) != Format)
            {
                throw Bad(full, $"format: expected \"{Format}\"");
            }

            var keys = new List<DataKey>();
            if (!root.TryGetProperty("keys", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            {
                throw Bad(full, "keys: expected a non-empty array");
            }

            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var where = $"keys[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Bad(full, $"{where}: expected an object");
                }

                var id = Text(item, "id", full, where + ".");
                if (id.Length == 0 || id.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_'))
                {
                    throw Bad(full, $"{where}.id: expected letters, digits, '-' or '_'");
                }

                if (keys.Any(k => k.Id == id))
                {
                    throw Bad(full, $"{where}.id: {id} appears twice");
                }

                var created = DateTimeOffset.TryParse(Text(item, "created", full, where + "."), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var c) ? c : throw Bad(full, $"{where}.created: expected an ISO 8601 time");
                keys.Add(new DataKey(id, created, Bytes(item, "key", full, where + ".")));
            }

            var current = Text(root, "current", full);
            if (keys.All(k => k.Id != current))
            {
                throw Bad(full, $"current: {current} is not one of the keys");
            }

            return new KeyFile(full, current, keys, Bytes(root, "indexKey", full), Bytes(root, "unsubscribeKey", full));
        }
        catch (JsonException ex)
        {
            throw new KeyFileException($"{full}: not valid JSON (line {ex.LineNumber + 1}): expected a key file written by engage keys new", ex);
        }
    }

    private static DataKey NewKey(DateTimeOffset now) =>
        new("k" + now.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)), now, RandomNumberGenerator.GetBytes(KeySize));

    private static KeyFileException Bad(string path, string what) => new($"{path}: {what}");

    private static string Text(JsonElement element, string name, string path, string prefix = "") =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Bad(path, $"{prefix}{name}: expected a string");

    private static byte[] Bytes(JsonElement element, string name, string path, string prefix = "")
    {
        var text = Text(element, name, path, prefix);
        var bytes = new byte[KeySize + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written) || written != KeySize)
        {
            throw Bad(path, $"{prefix}{name}: expected {KeySize} bytes in base64 (a 256-bit key)");
        }

        return bytes[..KeySize];
    }

    private void Write(bool overwrite)
    {
        var json = JsonSerializer.Serialize(new
        {
            format = Format,
            current = Current,
            keys = Keys.Select(k => new { id = k.Id, created = k.Created.ToString("O", CultureInfo.InvariantCulture), key = Convert.ToBase64String(k.Key) }),
            indexKey = Convert.ToBase64String(IndexKey),
            unsubscribeKey = Convert.ToBase64String(UnsubscribeKey),
        }, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var target = overwrite ? Path + ".new" : Path;
        var options = new FileStreamOptions { Mode = overwrite ? FileMode.Create : FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using (var stream = new FileStream(target, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(json);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            if (overwrite)
            {
                File.Move(target, Path, overwrite: true);
            }
        }
        catch (IOException) when (!overwrite && File.Exists(Path))
        {
            throw new KeyFileException($"{Path}: already exists; engage keys new never overwrites a key file (add a key with engage keys add --key-file {Path})");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException($"{Path}: cannot write the key file: {ex.Message}", ex);
        }
    }
}

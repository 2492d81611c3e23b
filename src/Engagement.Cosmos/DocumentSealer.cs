using Engagement.Protection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Engagement.Cosmos;

/// <summary>
/// Encrypts the fields of a document that can hold personal data: every member of the record's JSON form except the ones
/// named plain (ids, status, times and the other fields queries, indexes and counts need) moves into one member,
/// <c>sealed</c>, holding <see cref="FieldProtector.Protect(string?)"/> of their JSON (<c>enc1:&lt;key id&gt;:…</c>, AES-256-GCM).
/// <see cref="Open"/> puts them back. A document without <c>sealed</c> (written without a key) reads as it is; a protector
/// without a key (<see cref="FieldProtector.Plaintext"/>) seals nothing. <see cref="Reseal"/> moves a stored document to the
/// current key (<see cref="CosmosReencryptor"/>). Thread-safe.
/// </summary>
internal sealed class DocumentSealer(FieldProtector protector, IReadOnlySet<string> plain, string container)
{
    /// <summary>The member that holds the encrypted fields.</summary>
    public const string SealedField = "sealed";

    /// <summary>Moves every member not named plain (nor <c>id</c>) into <see cref="SealedField"/>, encrypted.</summary>
    public void Seal(JObject doc)
    {
        if (!protector.Encrypts)
        {
            return;
        }

        var hidden = new JObject();
        foreach (var property in doc.Properties().Where(p => p.Name != "id" && !plain.Contains(p.Name)).ToList())
        {
            property.Remove();
            hidden.Add(property);
        }

        if (hidden.Count > 0)
        {
            doc[SealedField] = protector.Protect(hidden.ToString(Formatting.None));
        }
    }

    /// <summary>Decrypts <see cref="SealedField"/> back into the document's members (nothing to do without it). Throws
    /// <see cref="ProtectedValueException"/> when the key is unknown or the value was changed.</summary>
    public void Open(JObject doc)
    {
        if (doc[SealedField] is not JValue { Type: JTokenType.String } value)
        {
            return;
        }

        var text = Decrypt((string)value!);
        doc.Remove(SealedField);
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        foreach (var property in JObject.Load(reader).Properties().ToList())
        {
            property.Remove();
            doc[property.Name] = property.Value;
        }
    }

    /// <summary>The key id a stored document's <see cref="SealedField"/> is encrypted under; null when it has none (written
    /// without a key) or it is not encrypted.</summary>
    public static string? SealedKeyId(JObject doc) =>
        doc[SealedField] is JValue { Type: JTokenType.String } value ? FieldProtector.KeyIdOf((string)value!) : null;

    /// <summary>
    /// Encrypts a stored document's <see cref="SealedField"/> again under the current key when it is under another one (key
    /// rotation); every other member stays as it is. True when the document changed; false when it is already current, has
    /// nothing sealed, or the protector has no key. Throws <see cref="ProtectedValueException"/> like <see cref="Open"/>.
    /// </summary>
    public bool Reseal(JObject doc)
    {
        if (!protector.Encrypts || doc[SealedField] is not JValue { Type: JTokenType.String } value)
        {
            return false;
        }

        var stored = (string)value!;
        if (!FieldProtector.IsProtected(stored) || protector.IsCurrent(stored))
        {
            return false;
        }

        doc[SealedField] = protector.Protect(Decrypt(stored));
        return true;
    }

    private string Decrypt(string stored)
    {
        if (FieldProtector.KeyIdOf(stored) is { } keyId && !protector.KeyIds.Contains(keyId))
        {
            throw new ProtectedValueException(protector.KeyIds.Count == 0
                ? $"a document in container {container} is encrypted (key id {keyId}) and the stores have no key (CosmosStoreOptions.Protector; on Azure Engagement__KeyVaultUri)"
                : $"a document in container {container} is encrypted with key id {keyId}, which the key file does not hold (keep old keys in it after a rotation)");
        }

        try
        {
            return protector.Unprotect(stored)!;
        }
        catch (ProtectedValueException ex)
        {
            throw new ProtectedValueException($"a document in container {container}: {ex.Message}", ex);
        }
    }
}

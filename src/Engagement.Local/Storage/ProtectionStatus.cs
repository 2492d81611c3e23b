namespace Engagement.Local.Storage;

/// <summary>How a database is protected (<c>engage status</c>): encrypted or plain text, the key id the last finished rotation
/// recorded, how many values of the protected columns are still in plain text, and how many are under each key id (more
/// than one id: a rotation is running or pending — its progress, readable without the key file).</summary>
public sealed record ProtectionStatus(bool Encrypted, string? KeyId, long PlaintextValues, IReadOnlyDictionary<string, long> ValuesByKey);

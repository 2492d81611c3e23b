namespace Engagement.Local.Storage;

/// <summary>How a database is protected (<c>engage status</c>): encrypted or plain text, the key id the last finished rotation
/// recorded, and how many values of the protected columns are still in plain text.</summary>
public sealed record ProtectionStatus(bool Encrypted, string? KeyId, long PlaintextValues);

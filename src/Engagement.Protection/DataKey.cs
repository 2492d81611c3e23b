namespace Engagement.Protection;

/// <summary>One AES-256 data key of a key file: its id (stored beside every value it encrypts), when it was made, and its 32 bytes.</summary>
public sealed record DataKey(string Id, DateTimeOffset Created, byte[] Key);

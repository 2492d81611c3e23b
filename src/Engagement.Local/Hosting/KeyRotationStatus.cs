namespace Engagement.Local.Hosting;

/// <summary>
/// Progress of a key rotation (<c>GET /admin/keys</c>, <c>engage status</c>): the state (<c>idle</c>, <c>running</c>,
/// <c>done</c>, <c>failed</c>), the key new values are encrypted with, rows looked at out of the total, values re-encrypted,
/// and when it started and finished. <see cref="Error"/> is one line, without values.
/// </summary>
public sealed record KeyRotationStatus(string State, string? CurrentKeyId, long RowsScanned, long RowsTotal, long ValuesReencrypted,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error)
{
    /// <summary>Nothing has run since the host started.</summary>
    public static KeyRotationStatus Idle(string? keyId) => new("idle", keyId, 0, 0, 0, null, null, null);
}

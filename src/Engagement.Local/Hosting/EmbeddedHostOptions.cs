using NodaTime;

namespace Engagement.Local.Hosting;

/// <summary>How an <see cref="EmbeddedHost"/> runs. Immutable.</summary>
public sealed record EmbeddedHostOptions
{
    /// <summary>The SQLite file (created and migrated when needed).</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Real (default) or virtual time.</summary>
    public ClockMode Clock { get; init; } = ClockMode.Real;

    /// <summary>At most this many stimuli per transaction (group commit).</summary>
    public int MaxGroupSize { get; init; } = 256;

    /// <summary>A group closes after this long even when more stimuli are waiting. 50 ms by default: a commit costs one fsync
    /// (about 14 ms on the build machines), so with 5 ms groups three quarters of the time went to syncing; with 50 ms about a
    /// fifth. An event arriving alone is still committed at once (a group ends when nothing is pending).</summary>
    public TimeSpan MaxGroupDuration { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Tests only: the fsync of the write-ahead log (<see cref="Storage.WalSync"/>); null: the real one.</summary>
    internal Action<Microsoft.Win32.SafeHandles.SafeFileHandle>? WalFlush { get; init; }

    /// <summary>How long the processor and the dispatcher sleep at most when idle (they also wake when work arrives).</summary>
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The public unsubscribe endpoint, e.g. <c>https://shop.example/u</c>; null: no unsubscribe links in messages.</summary>
    public string? UnsubscribeBaseUrl { get; init; }

    /// <summary>How long audit entries are kept (engage.json's <c>auditRetentionDays</c>); default 365 days.</summary>
    public TimeSpan AuditRetention { get; init; } = TimeSpan.FromDays(365);

    /// <summary>The key file (docs/security.md): contact details and names are stored encrypted under its current key, contacts
    /// are indexed by keyed hash, and unsubscribe links are signed with its unsubscribe key. Null: plain text (the CLI's
    /// <c>--insecure-plaintext</c>, tests); a file holding encrypted values then refuses to open.</summary>
    public KeyFile? Keys { get; init; }

    /// <summary>The unsubscribe token key (at least 32 bytes); null: the key file's, else (plain text only) a random key kept in the database.</summary>
    public byte[]? UnsubscribeKey { get; init; }

    /// <summary>How long unsubscribe links stay valid.</summary>
    public Duration UnsubscribeLinkLifetime { get; init; } = Duration.FromDays(400);

    /// <summary>The plausible input event times; the reference is the receipt time (real clock) or the latest accepted input
    /// event time (virtual clock). Events outside it are kept as rejected with their reason. Null (default):
    /// <see cref="Engine.Events.EventTimeWindow.Default"/> under the real clock, <see cref="Engine.Events.EventTimeWindow.DefaultStreamed"/> under the virtual one.</summary>
    public Engine.Events.EventTimeWindow? EventWindow { get; init; }

    /// <summary>Profiles and enrollment lists kept in the processor's cache (per kind).</summary>
    public int CacheCapacity { get; init; } = 50_000;

    /// <summary>Events the processor keeps parsed between writing them into the inbox and handling them, so it does not read,
    /// decrypt and parse them back (<see cref="Storage.HandedOverEvents"/>); 0 reads every event back.</summary>
    public int HandOverCapacity { get; init; } = Storage.HandedOverEvents.DefaultCapacity;
}

namespace Engagement.Local.Hosting;

/// <summary>
/// The stimuli this host process has committed since it started, by kind, as <c>GET /metrics</c> reports them
/// (<c>engage_stimuli_total</c>). A group rolled back and run again counts once, when it commits; an item set aside after
/// failing counts as <see cref="SetAside"/> only. Immutable: a snapshot taken by <see cref="IEmbeddedHost.Stimuli"/>.
/// </summary>
/// <param name="Events">Events from the inbox run through the engine (duplicates included: they were taken and checked).</param>
/// <param name="WakeUps">Enrollment wake-ups run (stale ones too).</param>
/// <param name="DeferredSends">Sends deferred by quiet hours, delivered when due.</param>
/// <param name="ProfileImports">Profiles merged in by <c>engage import</c>.</param>
/// <param name="SetAside">Items that failed and were set aside (quarantined) instead of committed.</param>
/// <param name="HandedOver">Events handled as this process accepted or emitted them, without reading their stored JSON back
/// (<c>engage_events_handed_over_total</c>; counted when taken, also in a group that is then rolled back).</param>
public sealed record StimulusCounts(long Events, long WakeUps, long DeferredSends, long ProfileImports, long SetAside, long HandedOver = 0)
{
    /// <summary>No stimuli yet.</summary>
    public static StimulusCounts None { get; } = new(0, 0, 0, 0, 0);
}

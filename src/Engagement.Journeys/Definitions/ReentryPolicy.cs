using NodaTime;

namespace Engagement.Journeys.Definitions;

/// <summary>The journey's re-entry rule. Immutable.</summary>
/// <param name="Mode">The mode.</param>
/// <param name="Cooldown">For <see cref="ReentryMode.Cooldown"/>: the minimum period between two entries.</param>
public sealed record ReentryPolicy(ReentryMode Mode, Period? Cooldown = null)
{
    /// <summary>The default: enter again after the previous enrollment exited.</summary>
    public static ReentryPolicy Default { get; } = new(ReentryMode.AfterExit);
}

using NodaTime;

namespace Engagement.Local.Storage;

/// <summary>Instants in columns: Unix ticks (100 ns), exact for every instant the engine makes from a tick-precise clock.</summary>
internal static class Ticks
{
    public static long Of(Instant instant) => instant.ToUnixTimeTicks();

    public static object? Of(Instant? instant) => instant?.ToUnixTimeTicks();

    public static Instant At(long ticks) => Instant.FromUnixTimeTicks(ticks);

    /// <summary>The instant cut to whole ticks, so it survives a round trip through a column unchanged.</summary>
    public static Instant Truncate(Instant instant) => Instant.FromUnixTimeTicks(instant.ToUnixTimeTicks());
}

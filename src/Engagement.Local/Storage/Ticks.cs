using NodaTime;

namespace Engagement.Local.Storage;

/// <summary>Instants in columns: Unix ticks (100 ns), exact for every instant the engine makes from a tick-precise clock.</summary>
internal static class Ticks
{
    /// <summary>The column value of <paramref name="instant"/>: 100 ns ticks since the Unix epoch (sub-tick precision is dropped).</summary>
    public static long Of(Instant instant) => instant.ToUnixTimeTicks();

    /// <summary>As <see cref="Of(Instant)"/>; null (SQL NULL) for null.</summary>
    public static object? Of(Instant? instant) => instant?.ToUnixTimeTicks();

    /// <summary>The instant a column value of Unix ticks stands for.</summary>
    public static Instant At(long ticks) => Instant.FromUnixTimeTicks(ticks);

    /// <summary>The instant cut to whole ticks, so it survives a round trip through a column unchanged.</summary>
    public static Instant Truncate(Instant instant) => Instant.FromUnixTimeTicks(instant.ToUnixTimeTicks());
}

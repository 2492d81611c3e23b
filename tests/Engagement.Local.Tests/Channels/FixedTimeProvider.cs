namespace Engagement.Local.Tests.Channels;

/// <summary>A clock that always reads the same instant (timers still run on real time).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; } = now;

    public static FixedTimeProvider At2026 { get; } = new(new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => Now;
}

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>Thread-safe record of fired messages: the count, the first and last fire time, and each one's lateness
/// (fire time minus due time). The "send" of the Hangfire and Quartz runs is <see cref="Fire"/>: a counter increment.</summary>
internal sealed class FireRecorder(int capacity)
{
    private readonly double[] _latenessMs = new double[capacity];
    private long _count;
    private long _firstTicks;
    private long _lastTicks;

    /// <summary>The recorder the Hangfire and Quartz jobs report to (one system per process).</summary>
    public static FireRecorder? Current { get; set; }

    /// <summary>Messages fired.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>When the first message fired (UTC), if any.</summary>
    public DateTime? First => _firstTicks == 0 ? null : new DateTime(Interlocked.Read(ref _firstTicks), DateTimeKind.Utc);

    /// <summary>When the last message fired (UTC), if any.</summary>
    public DateTime? Last => _lastTicks == 0 ? null : new DateTime(Interlocked.Read(ref _lastTicks), DateTimeKind.Utc);

    /// <summary>Records one fired message that was due at <paramref name="dueTicks"/> (UTC ticks).</summary>
    public void Fire(long dueTicks)
    {
        var now = DateTime.UtcNow.Ticks;
        var i = Interlocked.Increment(ref _count) - 1;
        if (i < _latenessMs.Length)
        {
            _latenessMs[i] = (now - dueTicks) / (double)TimeSpan.TicksPerMillisecond;
        }

        Interlocked.CompareExchange(ref _firstTicks, now, 0);
        long last;
        while ((last = Interlocked.Read(ref _lastTicks)) < now && Interlocked.CompareExchange(ref _lastTicks, now, last) != last)
        {
        }
    }

    /// <summary>The lateness percentile <paramref name="p"/> (0..100) in ms over the messages fired, or null if none.</summary>
    public double? LatenessPercentile(double p)
    {
        var n = (int)Math.Min(Count, _latenessMs.Length);
        if (n == 0)
        {
            return null;
        }

        var sorted = _latenessMs[..n];
        Array.Sort(sorted);
        return Percentiles.Of(sorted, p);
    }
}

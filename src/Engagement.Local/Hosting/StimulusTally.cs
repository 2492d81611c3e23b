namespace Engagement.Local.Hosting;

/// <summary>Thread-safe running totals behind <see cref="StimulusCounts"/>: the processor adds a group's counts when it commits,
/// readers take snapshots from any thread.</summary>
internal sealed class StimulusTally
{
    private readonly long[] _committed = new long[Enum.GetValues<AgendaKind>().Length];
    private long _setAside;

    /// <summary>Adds a committed group's counts, indexed by <see cref="AgendaKind"/>.</summary>
    public void AddCommitted(ReadOnlySpan<int> byKind)
    {
        for (var i = 0; i < byKind.Length; i++)
        {
            if (byKind[i] != 0)
            {
                Interlocked.Add(ref _committed[i], byKind[i]);
            }
        }
    }

    /// <summary>Counts one item set aside after failing.</summary>
    public void AddSetAside() => Interlocked.Increment(ref _setAside);

    /// <summary>The totals now.</summary>
    public StimulusCounts Snapshot() => new(
        Read(AgendaKind.Event), Read(AgendaKind.WakeUp), Read(AgendaKind.DeferredSend), Read(AgendaKind.ProfileImport), Interlocked.Read(ref _setAside));

    private long Read(AgendaKind kind) => Interlocked.Read(ref _committed[(int)kind]);
}

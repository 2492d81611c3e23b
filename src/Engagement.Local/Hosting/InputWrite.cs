using Engagement.Local.Storage;

namespace Engagement.Local.Hosting;

/// <summary>
/// One input write (accepted events, profile lines, their rejections) waiting for the stimulus processor's connection, and its
/// caller's answer: (added, duplicates) once the transaction holding it has committed, or the exception the write threw. Taken by the processor or withdrawn by a caller who gave up waiting, never both.
/// </summary>
internal sealed class InputWrite(Func<SqliteSession, (int Added, int Duplicates)> write, bool urgent = true)
{
    /// <summary>A caller is waiting to answer a client with it (an ingest request): once it waits, the processor's group ends
    /// <see cref="StimulusProcessor.InputWait"/> in. False (the outbox dispatcher's records of transport answers): it is
    /// written at the group's natural end, so a steady stream of them does not cut every group short.</summary>
    public bool Urgent { get; } = urgent;

    private const int Waiting = 0;
    private const int Taken = 1;
    private const int Withdrawn = 2;

    private int _state;

    /// <summary>Completed after the commit (or with the exception); continuations run off the processor's thread.</summary>
    public TaskCompletionSource<(int Added, int Duplicates)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The processor takes it; false when the caller withdrew it first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Waiting) == Waiting;

    /// <summary>The caller withdraws it (cancelled while waiting); false when the processor has taken it, so it will be answered.</summary>
    public bool TryWithdraw() => Interlocked.CompareExchange(ref _state, Withdrawn, Waiting) == Waiting;

    /// <summary>Runs the write on the group's session.</summary>
    public (int Added, int Duplicates) Run(SqliteSession session) => write(session);
}

using Engagement.Local.Storage;
using Microsoft.Extensions.Logging;

namespace Engagement.Local.Hosting;

/// <summary>Commits made durable off the processor's thread (<see cref="WalSync"/>) while the loop runs.</summary>
internal sealed partial class StimulusProcessor
{
    private readonly Queue<UnsyncedCommit> _unsynced = new();
    private WalSync? _sync;
    private long _commits;
    private long _durableOutboxSeq = long.MaxValue;
    private Action? _synced;

    /// <summary>The highest outbox sequence number whose commit is on disk: the dispatcher and <c>GET /outbox</c> see no row
    /// above it. Every row (<see cref="long.MaxValue"/>) while the loop is not running: each commit is then synced before it
    /// returns.</summary>
    public long DurableOutboxSeq => Interlocked.Read(ref _durableOutboxSeq);

    /// <summary>At the loop's start: syncs what earlier processes left in the log, then commits without waiting for the disk;
    /// <paramref name="synced"/> (the dispatcher's wake-up) runs after each sync that covered stimuli.</summary>
    private void StartSync(Action synced)
    {
        _synced = synced;
        _sync = new WalSync(_databasePath, Synced, _options.WalFlush);
        _sync.FlushNow();
        Interlocked.Exchange(ref _durableOutboxSeq, OutboxSeq());
        _state.Session.Execute("PRAGMA synchronous = NORMAL");
    }

    /// <summary>At the loop's end (after the last group): syncs and reports the last commits, then commits wait for the disk
    /// again.</summary>
    private void StopSync()
    {
        _sync?.Dispose();
        _sync = null;
        _state.Session.Execute("PRAGMA synchronous = FULL");
        Interlocked.Exchange(ref _durableOutboxSeq, long.MaxValue);
    }

    /// <summary>The last outbox sequence number given out (read inside the group's transaction, before its commit).</summary>
    private long OutboxSeq() => _state.Session.Long("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");

    /// <summary>After a group's commit: its input writes are answered now when each commit syncs, else once
    /// <see cref="WalSync"/> reports the commit on disk.</summary>
    private void AfterCommit(int stimuli, long outboxSeq)
    {
        if (_sync is not { } sync)
        {
            InputsCommitted();
            return;
        }

        var commit = ++_commits;
        lock (_unsynced)
        {
            _unsynced.Enqueue(new UnsyncedCommit(commit, [.. _inputsTaken], outboxSeq, stimuli > 0));
        }

        _inputsTaken.Clear();
        sync.Committed(commit);
    }

    /// <summary>On <see cref="WalSync"/>'s thread: every commit up to <paramref name="commit"/> is on disk (or the fsync failed:
    /// its inputs' callers get the error — what they sent is committed, so sending it again is answered as duplicates).</summary>
    private void Synced(long commit, Exception? error)
    {
        var done = new List<UnsyncedCommit>();
        lock (_unsynced)
        {
            while (_unsynced.TryPeek(out var next) && next.Commit <= commit)
            {
                done.Add(_unsynced.Dequeue());
            }
        }

        foreach (var (write, result) in done.SelectMany(d => d.Inputs))
        {
            if (error is null)
            {
                write.Done.TrySetResult(result);
            }
            else
            {
                write.Done.TrySetException(new IOException("the commit holding this input could not be synced to disk", error));
            }
        }

        if (error is not null)
        {
            _logger.LogError("Syncing the write-ahead log failed with {ExceptionType}; tried again at the next commit", error.GetType().Name);
            return;
        }

        if (done.Count > 0)
        {
            Interlocked.Exchange(ref _durableOutboxSeq, Math.Max(DurableOutboxSeq == long.MaxValue ? 0 : DurableOutboxSeq, done.Max(d => d.OutboxSeq)));
            if (done.Any(d => d.Stimuli))
            {
                _synced?.Invoke();
            }
        }
    }

    /// <summary>A commit not yet reported on disk: the input writes to answer and the last outbox row it holds.</summary>
    private sealed record UnsyncedCommit(long Commit, List<(InputWrite Write, (int Added, int Duplicates) Result)> Inputs, long OutboxSeq, bool Stimuli);
}

namespace Engagement.Local.Hosting;

/// <summary>
/// Input writes waiting for the stimulus processor (<see cref="StimulusProcessor"/>), which writes them into its group
/// transaction at the group's end and answers them after the commit: one SQLite writer and one fsync for the input and the
/// group, instead of each request opening a connection, taking the write lock between groups, committing with an fsync of its
/// own and emptying the processor connection's page cache. Open only while the processor loop runs; a closed queue refuses
/// writes, and the host then writes them in a transaction of its own. Thread-safe.
/// </summary>
internal sealed class GroupInputs
{
    private readonly Lock _gate = new();
    private readonly Queue<InputWrite> _waiting = new();
    private bool _open;
    private int _urgent;

    /// <summary>Whether an urgent write (<see cref="InputWrite.Urgent"/>) is queued (read without the lock: a hint for ending
    /// a group sooner).</summary>
    public bool Waiting => Volatile.Read(ref _urgent) > 0;

    /// <summary>Queues <paramref name="write"/> for the next group; false when closed.</summary>
    public bool TryAdd(InputWrite write)
    {
        lock (_gate)
        {
            if (!_open)
            {
                return false;
            }

            _waiting.Enqueue(write);
            if (write.Urgent)
            {
                _urgent++;
            }

            return true;
        }
    }

    /// <summary>Accepts writes from now on.</summary>
    public void Open()
    {
        lock (_gate)
        {
            _open = true;
        }
    }

    /// <summary>Refuses writes from now on; the ones queued stay for the processor's last group.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _open = false;
        }
    }

    /// <summary>The next queued write, in arrival order.</summary>
    public bool TryDequeue(out InputWrite write)
    {
        lock (_gate)
        {
            var found = _waiting.TryDequeue(out write!);
            if (found && write.Urgent)
            {
                _urgent--;
            }

            return found;
        }
    }
}

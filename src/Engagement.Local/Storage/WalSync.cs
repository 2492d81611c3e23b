using Microsoft.Win32.SafeHandles;

namespace Engagement.Local.Storage;

/// <summary>
/// Makes the stimulus processor's commits durable on a thread of its own. While the processor loop runs, its connection
/// commits with <c>synchronous=NORMAL</c>: the commit writes its frames to the write-ahead log but does not wait for the disk.
/// This thread then fsyncs the log file (frames of several commits at once when they come faster than the disk) and reports
/// the last commit it covered, so the processor runs its next group while the disk syncs instead of waiting for it. What a
/// commit makes visible outside the process — the answers to ingest requests, outbox rows for the dispatcher and
/// <c>GET /outbox</c> — waits for that report (<see cref="Hosting.StimulusProcessor"/>), so nothing is acknowledged or handed
/// over before it is on disk. A process kill loses nothing either way (the written frames are in the OS); a power loss may
/// lose commits not yet reported, and only those: their input was not acknowledged, and their messages were not handed over.
/// </summary>
/// <remarks>
/// The log file is opened once and kept open until disposal (closing a descriptor of a file SQLite locks could drop SQLite's
/// POSIX locks; the log file carries none, and it is not closed while the processor's connection is open anyway). A failed
/// fsync is reported with its exception and tried again at the next commit. Thread-safe.
/// </remarks>
internal sealed class WalSync : IDisposable
{
    private readonly string _walPath;
    private readonly Action<long, Exception?> _reported;
    private readonly Action<SafeFileHandle> _flush;
    private readonly object _gate = new();
    private readonly Lock _flushGate = new();
    private readonly Thread _thread;
    private SafeFileHandle? _wal;
    private long _committed;
    private long _covered;
    private bool _stopping;

    /// <param name="databasePath">The database file; its log is the same path with <c>-wal</c>.</param>
    /// <param name="reported">Called on this thread after each fsync with the last commit number it covers and the
    /// exception when it failed.</param>
    /// <param name="flush">The fsync (tests slow or fail it); default <see cref="RandomAccess.FlushToDisk"/>.</param>
    public WalSync(string databasePath, Action<long, Exception?> reported, Action<SafeFileHandle>? flush = null)
    {
        _walPath = databasePath + "-wal";
        _reported = reported;
        _flush = flush ?? RandomAccess.FlushToDisk;
        _thread = new Thread(Run) { IsBackground = true, Name = "engage wal sync" };
        _thread.Start();
    }

    /// <summary>Fsyncs the log now, on the caller's thread (at start: frames a previous process wrote but never synced);
    /// nothing to do when there is no log file.</summary>
    public void FlushNow() => Flush(missingIsEmpty: true);

    /// <summary>The processor committed <paramref name="commit"/> (numbers rise by one per commit).</summary>
    public void Committed(long commit)
    {
        lock (_gate)
        {
            _committed = commit;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Syncs and reports what was committed, then ends the thread and closes the log file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        _thread.Join();
        lock (_flushGate)
        {
            _wal?.Dispose();
        }
    }

    private void Run()
    {
        while (true)
        {
            long target;
            Exception? error = null;
            lock (_gate)
            {
                while (_committed == _covered && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (_committed == _covered)
                {
                    return;
                }

                target = _committed;
            }

            // Outside _gate: the processor's next commits only set a number meanwhile, and are covered by the next fsync.
            try
            {
                Flush(missingIsEmpty: false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error = ex;
            }

            lock (_gate)
            {
                _covered = target;
            }

            _reported(target, error);
        }
    }

    private void Flush(bool missingIsEmpty)
    {
        lock (_flushGate)
        {
            if (_wal is null)
            {
                if (missingIsEmpty && !File.Exists(_walPath))
                {
                    return;
                }

                _wal = File.OpenHandle(_walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            }

            _flush(_wal);
        }
    }
}

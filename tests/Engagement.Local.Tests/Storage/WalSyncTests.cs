using System.Collections.Concurrent;
using Engagement.Local.Storage;
using Microsoft.Win32.SafeHandles;

namespace Engagement.Local.Tests.Storage;

/// <summary>The log sync thread: each commit is reported only after an fsync that started after it, without the processor
/// waiting for the disk.</summary>
public sealed class WalSyncTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly BlockingCollection<(long Commit, Exception? Error)> _reports = [];

    public WalSyncTests()
    {
        using var session = SqliteDatabase.Open(_files.Db).Session();
        session.Execute("INSERT INTO meta (key, value) VALUES ('k', 'v')"); // the log file exists
    }

    public void Dispose()
    {
        _reports.Dispose();
        _files.Dispose();
    }

    private (long Commit, Exception? Error) NextReport()
    {
        Assert.True(_reports.TryTake(out var report, TimeSpan.FromSeconds(30)), "no report within 30 s");
        return report;
    }

    [Fact]
    public void Committed_IsReportedAfterAnFsyncOfTheLog()
    {
        var flushes = 0;
        using var sync = new WalSync(_files.Db, (c, e) => _reports.Add((c, e)), h =>
        {
            Interlocked.Increment(ref flushes);
            RandomAccess.FlushToDisk(h);
        });

        sync.Committed(1);

        Assert.Equal((1L, (Exception?)null), NextReport());
        Assert.Equal(1, Volatile.Read(ref flushes));
    }

    [Fact]
    public void Committed_WhileAnFsyncRuns_ReturnsAtOnceAndIsCoveredByTheNextFsync()
    {
        using var release = new ManualResetEventSlim();
        using var inFlush = new ManualResetEventSlim();
        var flushes = 0;
        using var sync = new WalSync(_files.Db, (c, e) => _reports.Add((c, e)), _ =>
        {
            if (Interlocked.Increment(ref flushes) == 1)
            {
                inFlush.Set();
                release.Wait();
            }
        });

        sync.Committed(1);
        Assert.True(inFlush.Wait(TimeSpan.FromSeconds(30)));
        sync.Committed(2); // the first fsync is held: these return without waiting for it
        sync.Committed(3);
        Assert.Empty(_reports);
        release.Set();

        Assert.Equal(1L, NextReport().Commit);
        Assert.Equal(3L, NextReport().Commit);
        Assert.Equal(2, Volatile.Read(ref flushes));
    }

    [Fact]
    public void Flush_Failing_IsReportedWithTheErrorAndTheNextCommitIsTriedAgain()
    {
        var failures = 1;
        using var sync = new WalSync(_files.Db, (c, e) => _reports.Add((c, e)), _ =>
        {
            if (Interlocked.Decrement(ref failures) >= 0)
            {
                throw new IOException("disk gone");
            }
        });

        sync.Committed(1);
        var failed = NextReport();
        sync.Committed(2);
        var next = NextReport();

        Assert.Equal((1L, "disk gone"), (failed.Commit, failed.Error?.Message));
        Assert.Equal((2L, (Exception?)null), next);
    }

    [Fact]
    public void Dispose_SyncsAndReportsTheLastCommitsBeforeItReturns()
    {
        using var release = new ManualResetEventSlim();
        var sync = new WalSync(_files.Db, (c, e) => _reports.Add((c, e)), _ => release.Wait(TimeSpan.FromSeconds(30)));
        sync.Committed(7);
        release.Set();

        sync.Dispose();

        Assert.True(_reports.TryTake(out var report), "reported before Dispose returned");
        Assert.Equal(7L, report.Commit);
    }

    [Fact]
    public void FlushNow_WithoutALogFile_DoesNothing()
    {
        var flushed = false;
        using var sync = new WalSync(Path.Combine(_files.Root, "none.db"), (c, e) => _reports.Add((c, e)), (SafeFileHandle _) => flushed = true);

        sync.FlushNow();

        Assert.False(flushed);
    }
}

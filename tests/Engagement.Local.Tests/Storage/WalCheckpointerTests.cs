using Engagement.Local.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Local.Tests.Storage;

/// <summary>The log checkpointer copies what a connection without automatic checkpoints committed back into the database file.</summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task RunAsync_AfterCommitsWithoutAutomaticCheckpoints_CopiesTheLogIntoTheFileUntilStopped()
    {
        var database = SqliteDatabase.Open(_files.Db);
        using var writer = database.Session();
        writer.Execute("PRAGMA wal_autocheckpoint = 0");
        var before = new FileInfo(_files.Db).Length;
        writer.Begin();
        for (var i = 0; i < 2_000; i++)
        {
            writer.Execute("INSERT INTO meta (key, value) VALUES ($k, $v)", ("$k", $"bulk-{i}"), ("$v", new string('x', 1_000)));
        }

        writer.Commit();
        Assert.Equal(before, new FileInfo(_files.Db).Length);
        Assert.True(new FileInfo(_files.Db + "-wal").Length > 2_000_000, "the rows are in the log, not the file");

        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => new WalCheckpointer(database, NullLogger.Instance).RunAsync(stop.Token));
        var until = DateTime.UtcNow.AddSeconds(30);
        while (new FileInfo(_files.Db).Length < before + 2_000_000)
        {
            Assert.True(DateTime.UtcNow < until, "the checkpointer did not copy the log into the file within 30 s");
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2_000, writer.Long("SELECT COUNT(*) FROM meta WHERE key LIKE 'bulk-%'"));
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Engagement.Local.Storage;

/// <summary>
/// Copies the write-ahead log back into the database file on a connection and thread of its own, so the stimulus processor's
/// commits mostly do not: this loop runs a PASSIVE checkpoint every <see cref="Interval"/> (PASSIVE never waits for a writer
/// or a reader, so the processor keeps committing while pages are copied and the file is fsynced), and the processor's
/// connection checkpoints by itself only once the log reaches <see cref="ProcessorPages"/> pages — by then nearly all of it is
/// copied already, and that checkpoint lets SQLite start the log from its beginning again, so the log stays bounded. The other
/// connections keep SQLite's default (1,000 pages). Nothing depends on it for durability: SQLite checkpoints what is left when
/// the last connection closes, and a killed process replays the log at the next open.
/// </summary>
internal sealed class WalCheckpointer(SqliteDatabase database, ILogger logger)
{
    /// <summary>How often the log is copied back.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>The processor connection's <c>wal_autocheckpoint</c>: 10,000 pages (40 MB at 4 KiB pages).</summary>
    public const int ProcessorPages = 10_000;

    /// <summary>Checkpoints every <see cref="Interval"/> until stopped; a failed checkpoint is logged and tried again next time.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var connection = database.Connect();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException ex)
            {
                logger.LogWarning("Checkpoint of the write-ahead log failed with SQLite error {Code}; trying again in {Interval} ms", ex.SqliteErrorCode, Interval.TotalMilliseconds);
            }
        }
    }
}

using Engagement.Engine.Profiles;
using Engagement.Engine.Serialization;
using Engagement.Local.Storage;
using Microsoft.Extensions.Logging;

namespace Engagement.Local.Hosting;

/// <summary>
/// Re-encrypts, in the background, every value of <see cref="ProtectedColumns"/> that is not under the database's current key
/// (older keys, or plain text from before a key file was configured), in batches of <see cref="BatchSize"/> rows, each in its
/// own short write transaction under the host's write gate, so ingest and journeys keep running. Plain-text profiles get
/// their blind index entries and plain-text rejected lines their owner on the way. When every column is done the current key
/// id is recorded in <c>meta.key_id</c>; a host that finds another id there at start (an interrupted rotation, a key added
/// while stopped, a first start with a key file) runs it again. Logs counts only.
/// </summary>
internal sealed class KeyRotator(SqliteDatabase database, SemaphoreSlim writeGate, ILogger logger)
{
    public const int BatchSize = 500;

    // Running from the moment it is created: a caller that starts it never reads "idle" before the background task begins.
    private KeyRotationStatus _status = new("running", database.Protector.CurrentKeyId, 0, 0, 0, DateTimeOffset.UtcNow, null, null);

    public KeyRotationStatus Status => Volatile.Read(ref _status);

    /// <summary>Whether the database records another key id than the current one (the last rotation did not finish under it).</summary>
    public bool Needed()
    {
        using var s = database.Session();
        return database.Protector.CurrentKeyId is { } id && s.Scalar("SELECT value FROM meta WHERE key = 'key_id'") as string != id;
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var keyId = database.Protector.CurrentKeyId;
        var started = DateTimeOffset.UtcNow;
        long scanned = 0, changed = 0;
        using var session = database.Session();
        var total = ProtectedColumns.All.Sum(c => session.Long($"SELECT COUNT(*) FROM {c.Table}"));
        Volatile.Write(ref _status, new KeyRotationStatus("running", keyId, 0, total, 0, started, null, null));
        logger.LogInformation("Key rotation to {KeyId} started: {Rows} rows to look at", keyId, total);
        try
        {
            foreach (var (table, column) in ProtectedColumns.All)
            {
                long last = 0;
                while (true)
                {
                    stop.ThrowIfCancellationRequested();
                    var (rows, reencrypted, next) = await BatchAsync(session, table, column, last, stop).ConfigureAwait(false);
                    scanned += rows;
                    changed += reencrypted;
                    Volatile.Write(ref _status, new KeyRotationStatus("running", keyId, scanned, Math.Max(total, scanned), changed, started, null, null));
                    if (rows < BatchSize)
                    {
                        break;
                    }

                    last = next;
                    await Task.Yield();
                }
            }

            await writeGate.WaitAsync(stop).ConfigureAwait(false);
            try
            {
                session.Execute("INSERT INTO meta (key, value) VALUES ('key_id', $v) ON CONFLICT DO UPDATE SET value = excluded.value", ("$v", keyId));
            }
            finally
            {
                writeGate.Release();
            }

            Volatile.Write(ref _status, new KeyRotationStatus("done", keyId, scanned, Math.Max(total, scanned), changed, started, DateTimeOffset.UtcNow, null));
            logger.LogInformation("Key rotation to {KeyId} done: {Rows} rows looked at, {Values} values re-encrypted", keyId, scanned, changed);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Volatile.Write(ref _status, new KeyRotationStatus("interrupted", keyId, scanned, total, changed, started, DateTimeOffset.UtcNow, "stopped; it resumes at the next start"));
        }
        catch (Exception ex) when (ex is ProtectedValueException or Microsoft.Data.Sqlite.SqliteException)
        {
            Volatile.Write(ref _status, new KeyRotationStatus("failed", keyId, scanned, total, changed, started, DateTimeOffset.UtcNow, ex.Message));
            logger.LogError("Key rotation to {KeyId} failed: {Reason}", keyId, ex.Message);
        }
    }

    private async Task<(int Rows, int Reencrypted, long Last)> BatchAsync(SqliteSession s, string table, string column, long after, CancellationToken stop)
    {
        await writeGate.WaitAsync(stop).ConfigureAwait(false);
        try
        {
            s.Begin();
            var rows = s.Query($"SELECT rowid, {column} FROM {table} WHERE rowid > $after ORDER BY rowid LIMIT {BatchSize}",
                r => (Id: r.GetInt64(0), Value: r.IsDBNull(1) ? null : r.GetString(1)), ("$after", after));
            var reencrypted = 0;
            foreach (var (id, value) in rows)
            {
                if (value is null || s.Protector.IsCurrent(value))
                {
                    // A profile re-saved (so encrypted) before the rotation reached it may have skipped its index entries.
                    if (value is not null && table == "profiles")
                    {
                        SqliteProfileStore.IndexContacts(s, EngineJson.Deserialize<CustomerProfile>(s.Open(value)));
                    }

                    continue;
                }

                var plain = s.Open(value);
                s.Execute($"UPDATE {table} SET {column} = $v WHERE rowid = $id", ("$v", s.Seal(plain)), ("$id", id));
                reencrypted++;
                if (!FieldProtector.IsProtected(value))
                {
                    Backfill(s, table, column, id, plain);
                }
            }

            s.Commit();
            return (rows.Count, reencrypted, rows.Count == 0 ? after : rows[^1].Id);
        }
        catch
        {
            s.Rollback();
            throw;
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>What a value written in plain text did not get: a profile's blind index entries, a rejected line's owner, digest and contact entry.</summary>
    private static void Backfill(SqliteSession s, string table, string column, long id, string plain)
    {
        if (table == "profiles")
        {
            SqliteProfileStore.IndexContacts(s, EngineJson.Deserialize<CustomerProfile>(plain));
        }
        else if (table == "rejected" && column == "raw")
        {
            s.Execute("UPDATE rejected SET customer_id = coalesce(customer_id, $c), digest = coalesce(digest, $d), contact = coalesce(contact, $k) WHERE rowid = $id",
                ("$c", RejectedOwner.Of(plain)), ("$d", s.Protector.Digest(plain)), ("$k", RejectedOwner.ContactOf(plain, s.Protector.Index)), ("$id", id));
        }
    }
}

using System.Collections.Specialized;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Quartz;
using Quartz.Impl;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// Quartz.NET with its durable ADO job store (<c>JobStoreTX</c> + <c>SQLiteDelegate</c>) on a temp SQLite file through
/// Microsoft.Data.Sqlite (Quartz's provider name <c>SQLite-Microsoft</c>); the schema is the Quartz 3.20 job store tables written for the bench
/// (<c>quartz/quartz_sqlite_schema.sql</c>, embedded). The file is put in WAL mode before Quartz opens it; its connections keep
/// SQLite's default <c>synchronous=FULL</c> (checked on a new connection and shown in <see cref="Setup"/>), the same as the
/// embedded host. One job and one <c>StartAt</c> trigger per customer, as <see cref="QuartzScheduling"/>, each
/// <c>ScheduleJob</c> its own committed transaction. The jobs carry no job data (the store would need a serializer package
/// Quartz 3.20.0 has no served version of); <see cref="QuartzSqliteSendJob"/> reads the due time from <see cref="DueTicks"/>
/// by the job's name.
/// </summary>
internal sealed class QuartzSqliteScheduling : ISchedulingSystem
{
    private readonly int _threads;
    private readonly int _batch;
    private DirectoryInfo? _temp;
    private IScheduler? _scheduler;

    /// <summary>A system for <paramref name="customers"/> customers.</summary>
    public QuartzSqliteScheduling(int customers, int threads, int batch)
    {
        (_threads, _batch) = (threads, batch);
        DueTicks = new long[customers];
        FireRecorder.Current = Recorder = new FireRecorder(customers);
    }

    /// <summary>Each customer's due time (UTC ticks), by customer number (one system per process).</summary>
    public static long[] DueTicks { get; private set; } = [];

    /// <inheritdoc/>
    public string Setup { get; private set; } = "";

    /// <inheritdoc/>
    public long Fired => Recorder.Count;

    /// <inheritdoc/>
    public FireRecorder Recorder { get; }

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _temp = Directory.CreateTempSubdirectory("quartz-sqlite-");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_temp.FullName, "quartz.db") }.ToString();
        string journal, synchronous, version;
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            journal = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
            command.CommandText = Schema();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // What every connection Quartz opens (plain, pooled Microsoft.Data.Sqlite connections on this string) runs with.
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT sqlite_version();";
            version = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
            command.CommandText = "PRAGMA synchronous;";
            synchronous = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) switch
            {
                0 => "OFF",
                1 => "NORMAL",
                2 => "FULL",
                3 => "EXTRA",
                var other => other.ToString(CultureInfo.InvariantCulture),
            };
        }

        var properties = new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "bench",
            ["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz",
            ["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.SQLiteDelegate, Quartz",
            ["quartz.jobStore.tablePrefix"] = "QRTZ_",
            ["quartz.jobStore.dataSource"] = "bench",
            ["quartz.dataSource.bench.provider"] = "SQLite-Microsoft",
            ["quartz.dataSource.bench.connectionString"] = connectionString,
            ["quartz.serializer.type"] = typeof(NoJobDataSerializer).AssemblyQualifiedName,
            ["quartz.threadPool.maxConcurrency"] = _threads.ToString(CultureInfo.InvariantCulture),
            ["quartz.scheduler.batchTriggerAcquisitionMaxCount"] = _batch.ToString(CultureInfo.InvariantCulture),
        };
        _scheduler = await new StdSchedulerFactory(properties).GetScheduler(cancellationToken);
        await _scheduler.Start(cancellationToken);
        Setup = $"Quartz 3.20.0, JobStoreTX + SQLiteDelegate (Quartz serializes every store operation on SQLite) on a temp SQLite "
            + $"file via Microsoft.Data.Sqlite (provider SQLite-Microsoft, SQLite {version}), journal_mode={journal}, synchronous={synchronous} "
            + $"(read on a new connection), the Quartz 3.20 tables (quartz_sqlite_schema.sql); thread pool {_threads} (default 10), "
            + $"batchTriggerAcquisitionMaxCount {_batch} (default 1), misfireThreshold 60 s (default)";
    }

    /// <inheritdoc/>
    public async Task ScheduleAsync(int first, int count, TimeSpan delay, CancellationToken cancellationToken)
    {
        for (var i = first; i < first + count; i++)
        {
            var due = DateTimeOffset.UtcNow + delay;
            DueTicks[i] = due.UtcTicks;
            var id = "c" + i.ToString("D6", CultureInfo.InvariantCulture);
            var job = JobBuilder.Create<QuartzSqliteSendJob>().WithIdentity(id).Build();
            var trigger = TriggerBuilder.Create().WithIdentity(id).StartAt(due).Build();
            await _scheduler!.ScheduleJob(job, trigger, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(waitForJobsToComplete: false);
        }

        SqliteConnection.ClearAllPools();
        _temp?.Delete(recursive: true);
    }

    private static string Schema()
    {
        using var stream = typeof(QuartzSqliteScheduling).Assembly.GetManifestResourceStream("quartz/quartz_sqlite_schema.sql")
            ?? throw new InvalidOperationException("the embedded resource quartz/quartz_sqlite_schema.sql is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using System.Globalization;
using Hangfire;
using Hangfire.Storage.SQLite;
using SQLite;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// Hangfire Core with Hangfire.Storage.SQLite (a community storage on sqlite-net) on a temp SQLite file:
/// <see cref="IBackgroundJobClient"/>.Schedule of one job per customer, run by a <see cref="BackgroundJobServer"/>, as the
/// in-memory <c>hangfire</c> run. The storage opens its connections through the factory here, which opens them in
/// SQLite's serialized mode and sets <c>synchronous=FULL</c> on each (the storage itself sets <c>journal_mode=WAL</c>, its default), the same as the embedded
/// host. The job's "send" is <see cref="HangfireSendJob.Send"/>, an in-memory counter increment.
/// </summary>
internal sealed class HangfireSqliteScheduling(int customers, int workers, double pollSeconds, double queuePollSeconds) : ISchedulingSystem
{
    private DirectoryInfo? _temp;
    private SQLiteStorage? _storage;
    private BackgroundJobServer? _server;
    private BackgroundJobClient? _client;

    /// <inheritdoc/>
    public string Setup { get; private set; } = "";

    /// <inheritdoc/>
    public long Fired => Recorder.Count;

    /// <inheritdoc/>
    public FireRecorder Recorder { get; } = FireRecorder.Current = new FireRecorder(customers);

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _temp = Directory.CreateTempSubdirectory("hangfire-sqlite-");
        var path = Path.Combine(_temp.FullName, "hangfire.db");
        var storageOptions = new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(queuePollSeconds) };
        _storage = new SQLiteStorage(new SQLiteDbConnectionFactory(() => Open(path)), storageOptions);
        string journal, synchronous, version;
        using (var check = Open(path))
        {
            journal = check.ExecuteScalar<string>("PRAGMA journal_mode;");
            version = check.ExecuteScalar<string>("SELECT sqlite_version();");
            synchronous = check.ExecuteScalar<int>("PRAGMA synchronous;") switch
            {
                0 => "OFF",
                1 => "NORMAL",
                2 => "FULL",
                3 => "EXTRA",
                var other => other.ToString(CultureInfo.InvariantCulture),
            };
        }

        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(_storage);
        var options = new BackgroundJobServerOptions { SchedulePollingInterval = TimeSpan.FromSeconds(pollSeconds) };
        if (workers > 0)
        {
            options.WorkerCount = workers;
        }

        _server = new BackgroundJobServer(options, _storage);
        _client = new BackgroundJobClient(_storage);
        Setup = $"Hangfire.Core 1.8.25 + Hangfire.Storage.SQLite 0.4.3 (sqlite-net-pcl 1.11.285, native SQLite {version} of SQLitePCLRaw.lib.e_sqlite3 2.1.11) on a "
            + $"temp SQLite file, connections FullMutex (the storage's own NoMutex corrupted the file at 100,000), journal_mode={journal}, synchronous={synchronous} (read back); BackgroundJobServer, "
            + $"{options.WorkerCount} workers ({(workers > 0 ? "set" : "default")}), SchedulePollingInterval {pollSeconds:0.###} s "
            + $"(default 15 s), QueuePollInterval {queuePollSeconds:0.###} s (default 15 s)";
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task ScheduleAsync(int first, int count, TimeSpan delay, CancellationToken cancellationToken)
    {
        for (var i = first; i < first + count; i++)
        {
            var due = DateTime.UtcNow.Ticks + delay.Ticks;
            _client!.Schedule(() => HangfireSendJob.Send(due), delay);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _server?.SendStop();
        _server?.Dispose();
        _storage?.Dispose();
        try
        {
            _temp?.Delete(recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A connection as the storage's own constructor opens one (read-write, create, date-times as ticks, 10 s busy
    /// timeout), plus <c>synchronous=FULL</c>, but with <c>FullMutex</c> (SQLite's serialized mode) instead of its
    /// <c>NoMutex</c>: the storage's distributed-lock heartbeat uses the lock owner's connection from a timer thread
    /// (raisedapp/Hangfire.Storage.SQLite issue #79, open), and with <c>NoMutex</c> the 100,000-customer run failed with
    /// "file is not a database" during scheduling.</summary>
    private static SQLiteConnection Open(string path)
    {
        var connection = new SQLiteConnection(path, SQLiteOpenFlags.ReadWrite | SQLiteOpenFlags.Create | SQLiteOpenFlags.FullMutex, storeDateTimeAsTicks: true)
        {
            BusyTimeout = TimeSpan.FromSeconds(10),
        };
        connection.Execute("PRAGMA synchronous = FULL;");
        return connection;
    }
}

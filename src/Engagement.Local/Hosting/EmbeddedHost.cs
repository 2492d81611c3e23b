using System.Security.Cryptography;
using Engagement.Engine.Catalog;
using Engagement.Engine.Ports;
using Engagement.Engine.Unsubscribe;
using Engagement.Local.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Engagement.Local.Hosting;

/// <summary>
/// The embedded host: one SQLite file, a stimulus processor (group commit, transactional outbox), an outbox dispatcher and
/// the <see cref="IEmbeddedHost"/> operations for the front ends. <see cref="StartAsync"/> starts the background loops (overdue
/// timers run at once, in due order); <see cref="StopAsync"/> stops accepting input, lets the processor finish and commit its
/// current group, and stops. Logs carry ids and counts only.
/// </summary>
public sealed partial class EmbeddedHost : IEmbeddedHost, IHostedService, IAsyncDisposable
{
    private readonly EmbeddedHostOptions _options;
    private readonly JourneyCatalog _catalog;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private readonly SqliteDatabase _database;
    private readonly SqliteQueries _queries;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly StimulusProcessor _processor;
    private readonly OutboxDispatcher _dispatcher;
    private readonly UnsubscribeTokens _tokens;
    private readonly Signal _processorWake = new();
    private readonly Signal _dispatcherWake = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly FileStream _lock;
    private Task? _processorLoop;
    private Task? _dispatcherLoop;
    private Task? _checkpointLoop;
    private volatile bool _stopping;

    private EmbeddedHost(EmbeddedHostOptions options, JourneyCatalog catalog, IClock clock, IReadOnlyDictionary<string, IChannelSender>? transports, ILoggerFactory? loggers, FileStream fileLock)
    {
        _lock = fileLock;
        _options = options;
        _catalog = catalog;
        _clock = clock;
        loggers ??= NullLoggerFactory.Instance;
        _logger = loggers.CreateLogger<EmbeddedHost>();
        _database = SqliteDatabase.Open(options.DatabasePath, protector: options.Keys is null ? null : FieldProtector.From(options.Keys));
        _queries = new SqliteQueries(_database);
        CheckProtection();
        _tokens = new UnsubscribeTokens(options.UnsubscribeKey ?? options.Keys?.UnsubscribeKey ?? StoredKey());
        var links = options.UnsubscribeBaseUrl is null ? null : new UnsubscribeLinks(options.UnsubscribeBaseUrl, _tokens, options.UnsubscribeLinkLifetime);
        transports ??= new Dictionary<string, IChannelSender>();
        _processor = new StimulusProcessor(_database, catalog, options, clock, _writeGate, ch => TransportNames.NameOf(transports.GetValueOrDefault(ch)), links,
            loggers.CreateLogger<StimulusProcessor>());
        try
        {
            _dispatcher = new OutboxDispatcher(_database, transports, catalog.Policy.Retry, clock, WriteDispatchAsync, () => _processor.DurableOutboxSeq, loggers.CreateLogger<OutboxDispatcher>(), options.IdlePoll, options.Clock == ClockMode.Virtual);
            if (_queries.LatestInputTime() is { } latest)
            {
                _processor.RaiseWatermark(latest);
            }

            _queries.Read(s => s.Execute("INSERT INTO meta (key, value) VALUES ('clock', $v) ON CONFLICT DO UPDATE SET value = excluded.value",
                ("$v", options.Clock == ClockMode.Virtual ? "virtual" : "real")));
        }
        catch
        {
            _processor.Dispose();
            _dispatcher?.Dispose();
            throw;
        }
    }

    /// <summary>The options it runs with.</summary>
    public EmbeddedHostOptions Options => _options;

    /// <summary>The schema version the file had before this host opened it (0: created now).</summary>
    public int SchemaVersionFound => _database.VersionFound;

    /// <summary>
    /// Opens (creating and migrating when needed) the database. <paramref name="transports"/> deliver the outbox per channel;
    /// a channel without one keeps its messages in the outbox (<see cref="Channels.OutboxOnlyChannelSender"/>). Throws
    /// <see cref="InvalidOperationException"/> when another host has the file open.
    /// </summary>
    public static EmbeddedHost Open(EmbeddedHostOptions options, JourneyCatalog catalog, IClock? clock = null,
        IReadOnlyDictionary<string, IChannelSender>? transports = null, ILoggerFactory? loggers = null)
    {
        var fileLock = Lock(options.DatabasePath);
        try
        {
            return new(options, catalog, clock ?? SystemClock.Instance, transports, loggers, fileLock);
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }
    }

    /// <summary>Starts the processor, the dispatcher and the write-ahead log checkpointer (<see cref="WalCheckpointer"/>).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_processorLoop is not null)
        {
            return Task.CompletedTask;
        }

        var status = _queries.Status(_processor.Gate());
        _logger.LogInformation("Embedded host started: schema v{Version}, {Pending} pending events, {Due} due timers, {Outbox} outbox messages pending",
            Migrations.Latest, status.PendingEvents, status.DueTimers, status.OutboxPending);
        _ = PruneAuditAsync().AsTask().ContinueWith(t => _logger.LogWarning("Audit trail pruning failed: {ExceptionType}", t.Exception!.InnerException!.GetType().Name),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        _processorLoop = Task.Run(() => _processor.RunAsync(_processorWake, _dispatcherWake.Set, _stop.Token), CancellationToken.None);
        _dispatcherLoop = Task.Run(() => _dispatcher.RunAsync(_dispatcherWake, _stop.Token), CancellationToken.None);
        _checkpointLoop = Task.Run(() => new WalCheckpointer(_database, _logger).RunAsync(_stop.Token), CancellationToken.None);
        ResumeRotation();
        return Task.CompletedTask;
    }

    /// <summary>Graceful shutdown: refuses new input, lets the current group commit, then stops both loops.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var loop in new[] { _processorLoop, _dispatcherLoop, _checkpointLoop })
        {
            if (loop is not null)
            {
                await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await StopRotationAsync().ConfigureAwait(false);
        _processorLoop = _dispatcherLoop = _checkpointLoop = null;
        _logger.LogInformation("Embedded host stopped");
    }

    /// <summary>Virtual time: the input is complete; timers and emitted events up to <paramref name="horizon"/> may now run.</summary>
    public void CompleteInput(Instant horizon)
    {
        _processor.Horizon = Ticks.Of(horizon);
        _processorWake.Set();
    }

    /// <summary>The latest input event time accepted so far (virtual time's watermark).</summary>
    public Instant? LatestInputTime => _processor.Watermark is { } w ? Ticks.At(w) : null;

    /// <summary>
    /// Waits until nothing is left to do now: no pending event or profile import, no timer or emitted event due (by the clock,
    /// or in virtual time by the watermark or horizon), no outbox row due for its transport, every outbox row committed on disk (listed). Polls with a short interval.
    /// </summary>
    public async Task WaitUntilIdleAsync(CancellationToken cancellationToken)
    {
        while (!await IsIdleAsync(cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether nothing is left to do now (see <see cref="WaitUntilIdleAsync"/>).</summary>
    public ValueTask<bool> IsIdleAsync(CancellationToken cancellationToken)
    {
        var gate = _processor.Gate();
        var now = Ticks.Of(_clock.GetCurrentInstant());
        return ValueTask.FromResult(_queries.Read(s =>
            s.Long("SELECT COUNT(*) FROM (SELECT 1 FROM profile_imports WHERE status = 'pending' LIMIT 1)") == 0
            && s.Long("SELECT COUNT(*) FROM (SELECT 1 FROM inbox WHERE origin = 'input' AND status = 'pending' LIMIT 1)") == 0
            && (gate is null || (s.Long("SELECT COUNT(*) FROM (SELECT 1 FROM inbox WHERE origin = 'emitted' AND status = 'pending' AND due_at <= $g LIMIT 1)", ("$g", gate)) == 0
                && s.Long("SELECT COUNT(*) FROM (SELECT 1 FROM timers WHERE due_at <= $g LIMIT 1)", ("$g", gate)) == 0))
            && s.Long("SELECT COUNT(*) FROM (SELECT 1 FROM outbox WHERE state = 'pending' AND next_attempt_at <= $n LIMIT 1)", ("$n", now)) == 0
            // Every committed outbox row is on disk, so listed (read after the query: the durable mark only rises).
            && s.Long("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'") <= _processor.DurableOutboxSeq));
    }

    /// <summary>Exactly-once totals (see <see cref="StoreFigures"/>).</summary>
    public ValueTask<StoreFigures> GetFiguresAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_queries.Figures());

    /// <summary>Test hook: runs one group without committing it (a crash in the middle of a group).</summary>
    internal Task<int> RunUncommittedGroupAsync(int items) => _processor.RunGroupAsync(CancellationToken.None, items, commit: false, maxDuration: TimeSpan.MaxValue);

    /// <summary>Stops (if started) and closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_processorLoop is not null)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _processor.Dispose();
        _dispatcher.Dispose();
        _stop.Dispose();
        _writeGate.Dispose();
        await _lock.DisposeAsync().ConfigureAwait(false);
        _database.Protector.Dispose();
    }

    /// <summary>
    /// One host per file: the processor's cache trusts that nobody else writes journey state. An exclusive lock on
    /// <c>FILE.lock</c> (released by the OS when the process dies, so a kill never leaves it stale).
    /// </summary>
    private static FileStream Lock(string databasePath)
    {
        var path = Path.GetFullPath(databasePath) + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidOperationException($"{Path.GetFullPath(databasePath)} is in use by another engage serve (one host per database file)");
        }
    }

    /// <summary>
    /// Records how the file is protected (<c>meta.protection</c>: <c>aes-256-gcm</c> or <c>plaintext</c>, read by <c>engage status</c>),
    /// refuses a file with encrypted values when no key file is given, and with a key file removes the unsubscribe key that
    /// plain-text runs kept in the database (keys never stay in the database).
    /// </summary>
    private void CheckProtection() => _queries.Read(s =>
    {
        if (_options.Keys is null)
        {
            if (s.Scalar("SELECT value FROM meta WHERE key = 'protection'") as string == ProtectionEncrypted)
            {
                throw new InvalidOperationException($"{_database.Path} holds encrypted values: give its key file (--key-file, keyFile in engage.json or ENGAGE_KEY_FILE)");
            }
        }
        else
        {
            RequireKeysInUse(s, _options.Keys);
            s.Execute("DELETE FROM meta WHERE key = 'unsubscribe_key'");
            RecordKeyChange(s, _options.Keys.Current, _database.VersionFound == 0 ? "new file" : "plaintext");
        }

        s.Execute("INSERT INTO meta (key, value) VALUES ('protection', $v) ON CONFLICT DO UPDATE SET value = excluded.value",
            ("$v", _options.Keys is null ? "plaintext" : ProtectionEncrypted));
        return 0;
    });

    /// <summary>
    /// Refuses a key file that lacks the key id the database was last served with (<c>meta.key_seen</c>) or last finished a
    /// rotation under (<c>meta.key_id</c>): values are encrypted with those, so it is another database's key file (or a file
    /// that lost a key). Serving with it would fail every read and encrypt new values under a key the database never had.
    /// </summary>
    private void RequireKeysInUse(Storage.SqliteSession s, KeyFile keys)
    {
        foreach (var meta in new[] { "key_seen", "key_id" })
        {
            if (s.Scalar("SELECT value FROM meta WHERE key = $k", ("$k", meta)) is string id && keys.Keys.All(k => k.Id != id))
            {
                throw new KeyFileException($"{keys.Path}: does not hold key id {id}, which values in {_database.Path} are encrypted with: "
                    + "it is not this database's key file, or it lost a key (give the key file the database was served with; engage keys add keeps old keys)");
            }
        }
    }

    /// <summary>
    /// Records a <c>key.change</c> in the audit trail when <paramref name="current"/> is not the key id the database last saw
    /// (<c>meta.key_seen</c>; before it existed, the last finished rotation's <c>meta.key_id</c>), and remembers it. The detail is
    /// <c>old -> new</c>; a file never served with a key reads <paramref name="firstTime"/> as the old one.
    /// </summary>
    private void RecordKeyChange(Storage.SqliteSession s, string current, string firstTime)
    {
        var seen = s.Scalar("SELECT value FROM meta WHERE key = 'key_seen'") as string ?? s.Scalar("SELECT value FROM meta WHERE key = 'key_id'") as string;
        if (seen == current)
        {
            return;
        }

        Storage.SqliteAuditTrail.Append(s, _clock.GetCurrentInstant(),
            new Security.AuditEvent(LocalUser, Security.AuditActions.KeyChange, null, "cli", $"{seen ?? firstTime} -> {current}"));
        s.Execute("INSERT INTO meta (key, value) VALUES ('key_seen', $v) ON CONFLICT DO UPDATE SET value = excluded.value", ("$v", current));
    }

    /// <summary>Who a change made by the process itself is recorded as: <c>local:&lt;OS user&gt;</c>.</summary>
    private static string LocalUser => "local:" + Environment.UserName;

    /// <summary>The <c>meta.protection</c> value of a file served with a key file.</summary>
    public const string ProtectionEncrypted = "aes-256-gcm";

    private byte[] StoredKey() => _queries.Read(s =>
    {
        if (s.Scalar("SELECT value FROM meta WHERE key = 'unsubscribe_key'") is string stored)
        {
            return Convert.FromBase64String(stored);
        }

        var key = RandomNumberGenerator.GetBytes(32);
        s.Execute("INSERT INTO meta (key, value) VALUES ('unsubscribe_key', $v) ON CONFLICT DO NOTHING", ("$v", Convert.ToBase64String(key)));
        return Convert.FromBase64String((string)s.Scalar("SELECT value FROM meta WHERE key = 'unsubscribe_key'")!);
    });
}
